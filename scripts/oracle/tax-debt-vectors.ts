/**
 * Writes test/fixtures/oracle/tax-debt-vectors.json: loan schedules (PMT, IPMT, PPMT) and
 * depreciation rates (VDB for the MACRS half-year tables, SLN for 39-year real property) computed
 * by LibreOffice Calc itself, the oracle for test/conformance/tax-debt-vectors.test.ts.
 *
 *     npx tsx scripts/oracle/tax-debt-vectors.ts
 *
 * It writes a flat ODF spreadsheet (.fods) whose cells are formulas, has `soffice --headless`
 * recalculate it and save every sheet as CSV (15 significant digits, as stored), and reads the
 * values back. Nothing here is computed in JavaScript: the fixture holds Calc's numbers.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertToCsv, numberFromCalc, requireLibreOffice } from '../../test/support/libreoffice';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const VECTORS_PATH = 'test/fixtures/oracle/tax-debt-vectors.json';

/** Loans: annual coupon (%, monthly at coupon ÷ 12), months, principal (USD). */
const LOANS = [
  { couponPct: 7, months: 120, principalUsd: 1_000_000 },
  { couponPct: 8, months: 12, principalUsd: 6_000_000 },
  { couponPct: 12, months: 36, principalUsd: 500_000 },
  { couponPct: 0.5, months: 24, principalUsd: 250_000 },
  { couponPct: 6.25, months: 240, principalUsd: 1_826_185_490.03 },
];

/** MACRS general depreciation, half-year convention: life (years) and declining-balance factor. */
const MACRS = [
  { assetClass: 'asic-5-year', lifeYears: 5, factor: 2 },
  { assetClass: 'fit-out-15-year', lifeYears: 15, factor: 1.5 },
];

interface Cell {
  readonly id: string;
  readonly formula: string;
}

function cells(): Cell[] {
  const out: Cell[] = [];
  for (const loan of LOANS) {
    const rate = `${loan.couponPct}/100/12`;
    const key = `${loan.couponPct}|${loan.months}|${loan.principalUsd}`;
    out.push({ id: `pmt|${key}`, formula: `PMT(${rate};${loan.months};-${loan.principalUsd})` });
    for (let k = 1; k <= loan.months; k += 1) {
      out.push({
        id: `ipmt|${key}|${k}`,
        formula: `IPMT(${rate};${k};${loan.months};-${loan.principalUsd})`,
      });
      out.push({
        id: `ppmt|${key}|${k}`,
        formula: `PPMT(${rate};${k};${loan.months};-${loan.principalUsd})`,
      });
    }
  }
  for (let month = 1; month <= 12; month += 1) {
    out.push({ id: `sln39-first|${month}`, formula: `SLN(100;0;39)*(12.5-${month})/12` });
  }
  out.push({ id: 'sln39-full', formula: 'SLN(100;0;39)' });
  return out;
}

/**
 * A MACRS half-year table as chained cells, row k = recovery year k: B the basis left at the start
 * of the year, C the deduction `MAX(VDB(100; 0; n; MAX(0; k−1.5); MIN(n; k−0.5); f; 1);
 * B / (n − k + 1.5))` — declining balance (VDB without its own switch) or the straight line over
 * the recovery years left, whichever is larger —, the rest in year n + 1; D = ROUND(C; 2), the
 * IRS table's precision. (LibreOffice's VDB with its switch on fractional periods does not give
 * the IRS tables, e.g. 12.6 instead of 11.52 in year 4 of the 5-year class: see docs/model.md.)
 */
function macrsSheet(name: string, lifeYears: number, factor: number): string {
  const n = lifeYears;
  const rows: string[] = [];
  for (let k = 1; k <= n + 1; k += 1) {
    const remaining = k === 1 ? 'of:=100' : `of:=[.B${k - 1}]-[.C${k - 1}]`;
    const deduction =
      k === n + 1
        ? `of:=[.B${k}]`
        : `of:=MAX(VDB(100;0;${n};MAX(0;${k}-1.5);MIN(${n};${k}-0.5);${factor};1);IF(${k}=1;0;[.B${k}]/(${n}-${k}+1.5)))`;
    rows.push(
      `<table:table-row><table:table-cell office:value-type="float" office:value="${k}"/><table:table-cell table:formula="${remaining}"/><table:table-cell table:formula="${deduction}"/><table:table-cell table:formula="of:=ROUND([.C${k}];2)"/></table:table-row>`,
    );
  }
  return `<table:table table:name="${name}">\n${rows.join('\n')}\n</table:table>`;
}

function fods(list: readonly Cell[]): string {
  const rows = list
    .map(
      (cell) =>
        `<table:table-row><table:table-cell office:value-type="string"><text:p>${cell.id}</text:p></table:table-cell><table:table-cell table:formula="of:=${cell.formula.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}"/></table:table-row>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet><table:table table:name="vectors">
${rows}
</table:table>
${MACRS.map((m) => macrsSheet(m.assetClass, m.lifeYears, m.factor)).join('\n')}
</office:spreadsheet></office:body></office:document>
`;
}

async function main(): Promise<void> {
  const { text: version } = await requireLibreOffice();
  const list = cells();
  const work = mkdtempSync(join(tmpdir(), 'oracle-'));
  const path = join(work, 'tax-debt-vectors.fods');
  writeFileSync(path, fods(list));
  const sheets = await convertToCsv(path, work);
  const rows = sheets.get('vectors');
  if (!rows) throw new Error('no vectors sheet');
  const values = new Map(rows.map((row) => [row[0]!, numberFromCalc(row[1])]));
  const calcValue = (id: string): number => {
    const value = values.get(id);
    if (value === undefined || !Number.isFinite(value))
      throw new Error(`Calc gave no value for ${id}`);
    return value;
  };
  const fixture = {
    source: `${version}, scripts/oracle/tax-debt-vectors.ts (formulas recalculated by soffice --headless)`,
    loans: LOANS.map((loan) => {
      const key = `${loan.couponPct}|${loan.months}|${loan.principalUsd}`;
      const ks = Array.from({ length: loan.months }, (_, i) => i + 1);
      return {
        ...loan,
        pmtUsd: calcValue(`pmt|${key}`),
        ipmtUsd: ks.map((k) => calcValue(`ipmt|${key}|${k}`)),
        ppmtUsd: ks.map((k) => calcValue(`ppmt|${key}|${k}`)),
      };
    }),
    macrsHalfYear: Object.fromEntries(
      MACRS.map(({ assetClass, lifeYears }) => {
        const table = sheets.get(assetClass);
        if (!table) throw new Error(`no ${assetClass} sheet`);
        const column = (index: number) =>
          table.slice(0, lifeYears + 1).map((row) => numberFromCalc(row[index]));
        return [assetClass, { pct: column(2), roundedPct: column(3) }];
      }),
    ),
    realProperty39FirstYearPctByMonth: Array.from({ length: 12 }, (_, i) =>
      calcValue(`sln39-first|${i + 1}`),
    ),
    realProperty39FullYearPct: calcValue('sln39-full'),
  };
  const target = resolve(repoRoot, VECTORS_PATH);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(fixture, null, 2)}\n`);
  // The repository's formatter owns the layout of committed JSON.
  execFileSync('npx', ['biome', 'format', '--write', target], { stdio: 'inherit' });
  console.log(`wrote ${VECTORS_PATH} (${list.length} formulas)`);
}

await main();
