import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvCell, decimalCell, formatCsvNumber, toCsv, UTF8_BOM } from '../../src/io/csv';
import { readCsv as parseCsv } from '../support/csvReader';

describe('toCsv', () => {
  it('ends every record with CRLF and leaves plain fields unquoted', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['c', 1],
      ]),
    ).toBe('a,b\r\nc,1\r\n');
    expect(toCsv([])).toBe('');
  });

  it('quotes fields holding a comma, quote, CR or LF, doubling inner quotes', () => {
    expect(toCsv([['x,y', 'say "hi"', 'two\nlines', 'cr\rhere', 'crlf\r\nhere']])).toBe(
      '"x,y","say ""hi""","two\nlines","cr\rhere","crlf\r\nhere"\r\n',
    );
  });

  it('writes null and the empty string as empty fields', () => {
    expect(toCsv([[null, '', null]])).toBe(',,\r\n');
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tlabel', "'\tlabel"],
    ['\rlabel', '"\'\rlabel"'],
  ])('neutralises text %j against formula injection', (text, field) => {
    expect(toCsv([[text]])).toBe(`${field}\r\n`);
  });

  it('neutralises only a leading trigger, and quotes a neutralised field that needs it', () => {
    expect(toCsv([['a=b', 'x-y', '=HYPERLINK("http://x","y")']])).toBe(
      `a=b,x-y,"'=HYPERLINK(""http://x"",""y"")"\r\n`,
    );
  });

  it('never neutralises numbers or exact decimals: negatives stay negative', () => {
    expect(toCsv([[-12.5, decimalCell('-1234.50'), 0, decimalCell('0.00')]])).toBe(
      '-12.5,-1234.50,0,0.00\r\n',
    );
  });

  it('throws a RangeError naming a non-finite number', () => {
    expect(() => toCsv([[Number.NaN]])).toThrow(RangeError);
    expect(() => toCsv([[Number.NaN]])).toThrow(/NaN/);
    expect(() => toCsv([[1, Number.POSITIVE_INFINITY]])).toThrow(/Infinity/);
    expect(() => toCsv([[Number.NEGATIVE_INFINITY]])).toThrow(/-Infinity/);
  });

  it('exports the UTF-8 byte order mark for callers that want one', () => {
    expect(UTF8_BOM).toBe('\uFEFF');
    expect(new TextEncoder().encode(UTF8_BOM)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('reads back with an RFC 4180 parser', () => {
    const rows: CsvCell[][] = [
      ['scenario', 'note', 'npv_usd'],
      ['Texas 300 MW — lease', 'line one\r\nline "two", still one field', -1234.5],
      ['=cmd|calc', null, decimalCell('-0.01')],
    ];
    expect(parseCsv(toCsv(rows))).toEqual([
      ['scenario', 'note', 'npv_usd'],
      ['Texas 300 MW — lease', 'line one\r\nline "two", still one field', '-1234.5'],
      ["'=cmd|calc", '', '-0.01'],
    ]);
  });

  it('round-trips any text and number through the parser (property)', () => {
    const awkward = fc.constantFrom(',', '"', '\r', '\n', '=', '+', '-', '@', '\t', ' ', "'");
    const char = fc.oneof(awkward, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));
    const cell: fc.Arbitrary<string | number | null> = fc.oneof(
      fc.string({ unit: char, maxLength: 12 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 5 }),
        (rows) => {
          const expected = rows.map((row) =>
            row.map((value) => {
              if (value === null) return '';
              if (typeof value === 'number') return formatCsvNumber(value);
              return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
            }),
          );
          expect(parseCsv(toCsv(rows))).toEqual(expected);
        },
      ),
    );
  });
});

describe('formatCsvNumber', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [42, '42'],
    [-12.5, '-12.5'],
    [3759548294.45, '3759548294.45'],
    [0.000001, '0.000001'],
    [1.5e-7, '0.00000015'],
    [-2.5e-10, '-0.00000000025'],
    [1e21, '1000000000000000000000'],
    [-1.2345e25, '-12345000000000000000000000'],
    [123456789012345680000, '123456789012345680000'],
  ])('writes %s as %s (no exponent, no separators)', (value, text) => {
    expect(formatCsvNumber(value)).toBe(text);
  });

  it('reads back as the same float for any finite double (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = formatCsvNumber(value);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(text)).toBe(value === 0 ? 0 : value);
      }),
    );
  });
});

describe('decimalCell', () => {
  it('accepts plain decimals and refuses anything else', () => {
    expect(decimalCell('-1234.50')).toEqual({ kind: 'decimal', text: '-1234.50' });
    for (const bad of ['', '1e5', '=1', '1,000.00', ' 1', '+1', '1.', '.5', 'NaN']) {
      expect(() => decimalCell(bad), bad).toThrow(RangeError);
    }
  });
});
