/**
 * A small RFC 4180 CSV writer for the app's exports and the command line: CRLF record ends,
 * fields quoted only when they must be, plain numbers, and text neutralised against spreadsheet
 * formula injection. The output is a JS string; callers encode it as UTF-8.
 */

/**
 * An exact decimal written as a number without passing through float64, e.g. a ledger amount
 * `"-1234.50"`. Build it with {@link decimalCell}.
 */
export interface CsvDecimal {
  readonly kind: 'decimal';
  readonly text: string;
}

/** One field: text (neutralised if it could start a formula), a number, an exact decimal, or empty. */
export type CsvCell = string | number | CsvDecimal | null;

/** Byte order mark, for callers writing a file Excel should read as UTF-8. */
export const UTF8_BOM = '\uFEFF';

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
// OWASP "CSV Injection": a cell starting with one of these may be read as a formula.
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Marks a plain decimal string (`-?digits[.digits]`) to be written as a number, unchanged.
 * Throws a `RangeError` for anything else, so no text can slip through un-neutralised.
 */
export function decimalCell(text: string): CsvDecimal {
  if (!PLAIN_DECIMAL.test(text)) {
    throw new RangeError(`not a plain decimal for a CSV number: ${JSON.stringify(text)}`);
  }
  return { kind: 'decimal', text };
}

/**
 * A finite number as plain decimal text: dot decimal separator, no thousands separators and
 * never an exponent (`1e21` → `1000000000000000000000`, `1.5e-7` → `0.00000015`), with the
 * shortest digits that read back as the same float; `-0` is written `0`.
 * Throws a `RangeError` naming the value for NaN and ±Infinity.
 */
export function formatCsvNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`cannot write ${value} as a CSV number: it is not finite`);
  }
  const text = String(value);
  const exponentAt = text.indexOf('e');
  if (exponentAt < 0) return text;
  // String() gives `d[.ddd]e±x` here; move the decimal point instead of printing the exponent.
  const sign = value < 0 ? '-' : '';
  const [whole = '', fraction = ''] = text.slice(sign.length, exponentAt).split('.');
  const digits = whole + fraction;
  const point = whole.length + Number(text.slice(exponentAt + 1));
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Text of one field before quoting. Text starting with `=`, `+`, `-`, `@`, tab or CR gets a
 * leading `'` so a spreadsheet shows it instead of evaluating it; numbers are never changed.
 */
function fieldText(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return formatCsvNumber(cell);
  if (typeof cell === 'string') return FORMULA_TRIGGER.test(cell) ? `'${cell}` : cell;
  return cell.text;
}

function quoted(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows as RFC 4180 CSV: fields separated by commas, every record ended by CRLF, fields holding
 * a comma, quote, CR or LF enclosed in quotes with inner quotes doubled. `null` is an empty
 * field. See {@link formatCsvNumber} for numbers; text cells are neutralised against formula
 * injection (OWASP).
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => `${row.map((cell) => quoted(fieldText(cell))).join(',')}\r\n`).join('');
}
