import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LINE_ITEMS, NO_INVESTMENT_TEXT } from '../../src/engine/index';
import { scenarioInputRows } from '../../src/io/inputsTable';
import { LINE_FORMULAS, livenessOf } from '../../src/io/workbookModel';
import {
  buildWorkbook,
  columnLetter,
  FIXED_SHEETS,
  LEDGER_COLUMN_LETTERS,
  LEDGER_FIRST_ROW,
  ledgerSheetName,
  newWorkbook,
  populateWorkbook,
  RATE_NAMES,
  SUMMARY_FIRST_ROW,
  VALUATION_DATE_NAME,
  writeXlsx,
} from '../../src/io/xlsx';
import { loadScenarioFile } from '../support/fixtures';
import {
  checkWorkbook,
  gridsFromCachedValues,
  ledgerSheetNames,
  miningSheetNames,
  prepare,
  workbookCases,
} from './workbookCheck';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Texas, built once for every test of this file that reads it (a build is seconds of CPU). */
const texas = prepare(loadScenarioFile('texas-300mw-hut8-style-lease.json'));
let texasBytes: Promise<Uint8Array> | undefined;
const texasWorkbookBytes = () => {
  texasBytes ??= buildWorkbook(texas.evaluation, texas.ledgers);
  return texasBytes;
};
let texasLoaded: Promise<ExcelJS.Workbook> | undefined;
const texasWorkbook = () => {
  texasLoaded ??= texasWorkbookBytes().then(load);
  return texasLoaded;
};

describe('buildWorkbook: cached values (what a viewer without recalculation shows)', () => {
  it.each(workbookCases())('%s: every cached figure equals the engine', async (name, input) => {
    const workbookCase = name === 'texas' ? texas : prepare(input);
    const bytes =
      name === 'texas'
        ? await texasWorkbookBytes()
        : await buildWorkbook(workbookCase.evaluation, workbookCase.ledgers);
    expect(bytes[0]).toBe(0x50); // "PK": a zip container
    checkWorkbook(await gridsFromCachedValues(bytes), workbookCase);
  });
});

/** Each valued cell's number format, bold and wrap, by `sheet!address`. */
function cellStyles(workbook: ExcelJS.Workbook): Map<string, string> {
  const styles = new Map<string, string>();
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const { numFmt, font, alignment } = cell.style;
        styles.set(
          `${sheet.name}!${cell.address}`,
          JSON.stringify([numFmt ?? null, font?.bold ?? false, alignment?.wrapText ?? false]),
        );
      }),
    ),
  );
  return styles;
}

describe('writeXlsx: cells with equal styles share one style object (written faster)', () => {
  it('writes every cell with the style it was given: formats, bold and wrap round-trip', async () => {
    // Styles do not depend on the months: 36 keep the test quick.
    const hydro = prepare({
      ...loadScenarioFile('hydro-20mw-older-fleet-retrofit.json'),
      horizonMonths: 36,
    });
    const workbook = await newWorkbook();
    populateWorkbook(workbook, hydro.evaluation, hydro.ledgers);
    const given = cellStyles(workbook);
    const written = cellStyles(await load(await writeXlsx(workbook)));
    expect(given.size).toBeGreaterThan(2_000);
    const formats = new Set([...given.values()].map((style) => JSON.parse(style)[0]));
    expect(formats.size).toBeGreaterThan(3);
    const differing = [...given].filter(([address, style]) => written.get(address) !== style);
    expect(differing.slice(0, 5)).toEqual([]);
  });
});

describe('buildWorkbook: layout and formulas', () => {
  it('has the fixed sheets, a Mining sheet per price case, then one per strategy × price case, then Stress tests', async () => {
    const workbook = await texasWorkbook();
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual([
      ...FIXED_SHEETS,
      ...miningSheetNames(texas.evaluation),
      ...ledgerSheetNames(texas.ledgers, texas.evaluation),
      'Stress tests',
    ]);
    expect(names).toContain('Mining 2 base');
    expect(names).toContain('base Convert now');
    expect(names).toContain('bull Convert m24');
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
  });

  it('names the rate cells and the valuation date', async () => {
    const workbook = await texasWorkbook();
    const model = workbook.definedNames.model.map((d) => [d.name, d.ranges]);
    expect(model).toEqual(
      expect.arrayContaining([
        [RATE_NAMES.wacc, ['Rates!$B$4']],
        [RATE_NAMES.mining, ['Rates!$B$5']],
        [RATE_NAMES.construction, ['Rates!$B$6']],
        [RATE_NAMES.lease, ['Rates!$B$7']],
        [VALUATION_DATE_NAME, ['Rates!$B$8']],
      ]),
    );
    const rates = workbook.getWorksheet('Rates')!;
    expect(rates.getCell('B4').formula).toMatch(/^Inputs!\$B\$\d+\/100$/);
    expect(rates.getCell('B5').formula).toMatch(
      /^IF\(Inputs!\$B\$\d+="",rate_wacc,Inputs!\$B\$\d+\/100\)$/,
    );
  });

  it('writes live formulas over the ledger cells in the Summary', async () => {
    const summary = (await texasWorkbook()).getWorksheet('Summary')!;
    const row = SUMMARY_FIRST_ROW + 1; // bear, convert now
    const sheet = `'bear Convert now'!`;
    const range = (letter: string) =>
      `${sheet}${letter}${LEDGER_FIRST_ROW}:${letter}${LEDGER_FIRST_ROW + 239}`;
    const { subtotal, factor, net, endDate, incremental } = LEDGER_COLUMN_LETTERS;
    expect(summary.getCell(`D${row}`).formula).toBe(
      `SUMPRODUCT(${range(subtotal.mining)},${range(factor.mining)})`,
    );
    expect(summary.getCell(`G${row}`).formula).toBe(`D${row}+E${row}+F${row}`);
    expect(summary.getCell(`H${row}`).formula).toContain(
      `NPV((1+rate_mining)^(1/12)-1,${range(net)})`,
    );
    expect(summary.getCell(`I${row}`).formula).toContain(
      `XNPV(rate_mining,${range(net)},${range(endDate)})`,
    );
    // Live: "n/a — no investment" while the capex line has no outflow (§8), else the IRR.
    const capexLetter = columnLetter(4 + LINE_ITEMS.findIndex((item) => item.key === 'capexUsd'));
    const capex = `${sheet}$${capexLetter}$${LEDGER_FIRST_ROW}:$${capexLetter}$${LEDGER_FIRST_ROW + 239}`;
    expect(summary.getCell(`J${row}`).formula).toMatch(
      new RegExp(
        `^IF\\(COUNTIF\\(${regexLiteral(capex)},"<0"\\)=0,"${regexLiteral(NO_INVESTMENT_TEXT)}",IFERROR\\(\\(1\\+IRR\\(${regexLiteral(range(net))},0\\.\\d{12}\\)\\)\\^12-1,"no IRR"\\)\\)$`,
      ),
    );
    expect(summary.getCell(`K${row}`).formula).toBe(`G${row}-G${SUMMARY_FIRST_ROW}`);
    expect(summary.getCell(`L${row}`).formula).toContain(`IRR(${range(incremental)},`);
    expect(summary.getCell(`O${row}`).formula).toBe(`G${row}-M${row}`);
  });

  it('writes every ledger line as a formula over the model sheets, and its derived columns', async () => {
    const sheet = (await texasWorkbook()).getWorksheet('bear Convert now')!;
    const r = LEDGER_FIRST_ROW;
    const L = LEDGER_COLUMN_LETTERS;
    expect(sheet.getCell(`${L.firstItem}${r}`).formula).toBe(
      `ROUND('Mining 1 bear'!F${r}*$${L.miningShare}${r},2)`,
    );
    const rentColumn = 4 + LINE_ITEMS.findIndex((item) => item.key === 'rentUsd');
    const rent = sheet.getCell(`${columnLetter(rentColumn)}${r + 30}`).formula;
    expect(rent).toContain('INDEX(Lease_cash_rent,$A35-');
    expect(sheet.getCell(`${L.net}${r}`).formula).toBe(`SUM(${L.firstItem}${r}:${L.lastItem}${r})`);
    expect(sheet.getCell(`${L.subtotal.lease}${r}`).formula).toBe(
      `SUMIF($${L.firstItem}$3:$${L.lastItem}$3,"lease",${L.firstItem}${r}:${L.lastItem}${r})`,
    );
    expect(sheet.getCell(`${L.factor.construction}${r}`).formula).toBe(
      `(1+rate_construction)^(-(A${r}+1)/12)`,
    );
    expect(sheet.getCell(`${L.presentValue}${r}`).formula).toBe(
      `${L.subtotal.mining}${r}*${L.factor.mining}${r}+${L.subtotal.construction}${r}*${L.factor.construction}${r}+${L.subtotal.lease}${r}*${L.factor.lease}${r}`,
    );
    expect(sheet.getCell(`${L.incremental}${r}`).formula).toBe(
      `${L.net}${r}-'bear Mine'!${L.net}${r}`,
    );
    expect(sheet.getCell(`A${LEDGER_FIRST_ROW + 240}`).value).toBe('TOTAL');
  });

  it("writes issue 9's rules as formulas: horizon value, site residual, refresh, floor, capacity payment", async () => {
    const workbook = await texasWorkbook();
    const sheet = workbook.getWorksheet('bear Convert now')!;
    const last = LEDGER_FIRST_ROW + 239;
    const column = (key: string) =>
      columnLetter(4 + LINE_ITEMS.findIndex((item) => item.key === key));
    // Texas values the lease after the horizon by the renewal DCF (Lease unit's tail column).
    expect(sheet.getCell(`${column('terminalValueUsd')}${last}`).formula).toContain(
      'INDEX(Lease_tail,',
    );
    expect(sheet.getCell(`${column('siteResidualUsd')}${last}`).formula).toBe(
      'ROUND(Site_residual,2)',
    );
    const keep = workbook.getWorksheet('bear Mine')!;
    expect(keep.getCell(`${column('fleetRefreshUsd')}${LEDGER_FIRST_ROW}`).formula).toBe(
      `ROUND('Mining 1 bear'!Q${LEDGER_FIRST_ROW}*$${LEDGER_COLUMN_LETTERS.miningShare}${LEDGER_FIRST_ROW},2)`,
    );
    const mining = workbook.getWorksheet('Mining 1 bear')!;
    expect(mining.getCell('O6').formula).toMatch(/^IF\(Floor_on,.*MIN\(O5\*'Timeline'!T6,/);
    const timeline = workbook.getWorksheet('Timeline')!;
    const income: string[] = [];
    timeline.getRow(5).eachCell((cell) => {
      if (typeof cell.formula === 'string' && cell.formula.includes('Capacity_payment'))
        income.push(cell.formula);
    });
    // One running-income column per ASIC model: the capacity payment is earned only running.
    expect(income).toHaveLength(texas.evaluation.scenario.fleet.length);
  });

  it('every model input of the presets is live: none is left uncovered by the formulas', () => {
    for (const file of [
      'texas-300mw-hut8-style-lease.json',
      'feb-2026-market-snapshot.json',
      'hydro-20mw-older-fleet-retrofit.json',
    ]) {
      const evaluation = prepare(loadScenarioFile(file)).evaluation;
      const uncovered = scenarioInputRows(evaluation.scenario)
        .filter((row) => {
          const liveness = livenessOf(row.path);
          // Flagged-but-not-live by design (stress tests, financing, tax) give their own reason.
          return liveness.kind === 'not-live' && liveness.why.includes('do not cover yet');
        })
        .map((row) => row.path);
      expect(uncovered, file).toEqual([]);
    }
  });

  it('lists every input field with its value and unit', async () => {
    const inputs = (await texasWorkbook()).getWorksheet('Inputs')!;
    const rows = scenarioInputRows(texas.evaluation.scenario);
    expect(rows.length).toBeGreaterThan(80);
    rows.forEach((input, i) => {
      const row = inputs.getRow(4 + i);
      expect(row.getCell(1).value).toBe(input.path);
      expect(row.getCell(2).value ?? null).toBe(input.value);
      expect(row.getCell(3).value).toBe(input.unit);
    });
    const byPath = new Map(rows.map((r) => [r.path, r]));
    expect(byPath.get('fleet[0].hashrateThs')).toMatchObject({ value: 234, unit: 'TH/s' });
    expect(byPath.get('lease.rateUsdPerKwMonth')?.unit).toBe('USD per kW of critical IT per month');
    expect(byPath.get('priceCases[2].pricesUsdByYear[4]')).toMatchObject({
      value: 250000,
      unit: 'USD',
    });
  });

  it('writes text that looks like a formula as text, never as a formula', async () => {
    const input = loadScenarioFile('hydro-20mw-older-fleet-retrofit.json');
    const evil = prepare({
      ...input,
      name: '=HYPERLINK("http://example.com","x")',
      priceCases: input.priceCases.map((c, i) => (i === 0 ? { ...c, name: "=1+1'[x]" } : c)),
    });
    const workbook = await load(await buildWorkbook(evil.evaluation, evil.ledgers));
    const inputs = workbook.getWorksheet('Inputs')!;
    const nameCell = inputs.getCell('B6');
    expect(inputs.getCell('A6').value).toBe('name');
    expect(nameCell.type).toBe(ExcelJS.ValueType.String);
    expect(nameCell.value).toBe('=HYPERLINK("http://example.com","x")');
    expect(workbook.getWorksheet('Summary')!.getCell(`A${SUMMARY_FIRST_ROW}`).value).toBe(
      "=1+1'[x]",
    );
    // The case name becomes a valid sheet name.
    expect(workbook.worksheets[FIXED_SHEETS.length]!.name).toBe("Mining 1 =1+1'_x_");
    expect(workbook.worksheets[FIXED_SHEETS.length + 3]!.name).toBe("=1+1'_x_ Mine");
  });
});

describe('the live model: names and readable formulas', () => {
  it('names every live input cell after what it is', async () => {
    const workbook = await texasWorkbook();
    const names = new Map(workbook.definedNames.model.map((d) => [d.name, d.ranges]));
    const rows = scenarioInputRows(texas.evaluation.scenario);
    const row = (path: string) => 4 + rows.findIndex((r) => r.path === path);
    expect(names.get('Lease_rate')).toEqual([`Inputs!$B$${row('lease.rateUsdPerKwMonth')}`]);
    expect(names.get('Fleet_2_W')).toEqual([`Inputs!$B$${row('fleet[1].powerW')}`]);
    expect(names.get('Case_3_prices')).toEqual([
      `Inputs!$B$${row('priceCases[2].pricesUsdByYear[0]')}:$B$${row('priceCases[2].pricesUsdByYear[4]')}`,
    ]);
    const inputs = workbook.getWorksheet('Inputs')!;
    rows.forEach((input, i) => {
      const liveness = livenessOf(input.path);
      const cells = inputs.getRow(4 + i);
      expect(cells.getCell(6).value, input.path).toMatch(/^(live|shape|not live)/);
      if (liveness.kind === 'live' || liveness.kind === 'shape') {
        expect(cells.getCell(5).value).toBe(liveness.name);
        expect(names.has(liveness.name), liveness.name).toBe(true);
      }
    });
  });

  it('writes readable formulas: the rent of one IT MW reads like the model', async () => {
    const lease = (await texasWorkbook()).getWorksheet('Lease unit')!;
    expect(lease.getCell('B17').formula).toBe(
      '1000*Lease_rate*(1+Lease_escalator_pct/100)^INT(A17/12)',
    );
    expect(lease.getCell('C17').formula).toBe('(Renewal_pct/100)^INT(A17/Term_months)');
  });

  it('documents every ledger line in words with its docs/model.md section', async () => {
    const formulas = (await texasWorkbook()).getWorksheet('Formulas')!;
    const documented = new Set<unknown>();
    formulas.eachRow((row) => {
      documented.add(row.getCell(2).value);
    });
    for (const item of LINE_ITEMS) {
      expect(LINE_FORMULAS[item.key].section).toMatch(/^§\d/);
      expect(documented.has(item.label), item.label).toBe(true);
    }
  });

  it('gives every input the model does not read a check cell, so a change is flagged', async () => {
    expect(livenessOf('finance.someFutureRulePct')).toMatchObject({
      kind: 'not-live',
      uncovered: true,
    });
    const rows = scenarioInputRows(texas.evaluation.scenario);
    const uncovered = rows.filter((row) => {
      const liveness = livenessOf(row.path);
      return liveness.kind === 'not-live' && liveness.uncovered === true;
    });
    const checks = (await texasWorkbook()).getWorksheet('Checks')!;
    const listed: string[] = [];
    checks.eachRow((row) => {
      const what = String(row.getCell(1).value ?? '');
      if (what.endsWith("(not in the workbook's formulas)")) listed.push(what.split(' ')[0]!);
    });
    expect(listed).toEqual(uncovered.map((row) => row.path));
  });

  it('flags a workbook of the refresh’s payback trigger from the start, and not one at end of life', async () => {
    const statusOf = (workbook: ExcelJS.Workbook) => {
      let status: string | null = null;
      workbook.getWorksheet('Checks')!.eachRow((row) => {
        if (String(row.getCell(1).value ?? '').startsWith('Fleet refresh on the payback trigger')) {
          status = (row.getCell(2).value as { formula: string }).formula;
        }
      });
      return status as string | null;
    };
    const hydro = loadScenarioFile('hydro-20mw-older-fleet-retrofit.json');
    const payback = prepare({
      ...hydro,
      horizonMonths: 36,
      mining: {
        ...hydro.mining,
        refresh: { ...hydro.mining!.refresh!, trigger: 'payback', paybackMonths: 30 },
      },
    });
    const flagged = await buildWorkbook(payback.evaluation, payback.ledgers).then(load);
    expect(statusOf(flagged)).toMatch(/^"FLAG: .*pays back within 30 months/);
    expect(statusOf(await texasWorkbook())).toBeNull();
    expect(livenessOf('mining.refresh.trigger')).toMatchObject({
      kind: 'not-live',
      uncovered: true,
    });
    expect(livenessOf('mining.refresh.paybackMonths')).toMatchObject({
      kind: 'not-live',
      uncovered: true,
    });
  });

  it('flags the shape inputs and lists the not-live ones with a reason', () => {
    expect(livenessOf('horizonMonths')).toMatchObject({ kind: 'shape', name: 'Horizon' });
    expect(livenessOf('priceCases[1].kind').kind).toBe('shape');
    expect(livenessOf('fleet[0].unitPriceUsd').kind).toBe('not-live');
    expect(livenessOf('monteCarlo.paths').kind).toBe('not-live');
    expect(livenessOf('conversion.tranches[1].deliveryMonth')).toEqual({
      kind: 'live',
      name: 'Tranche_2_delivery',
    });
  });
});

describe('sheet names and columns', () => {
  const ledger = prepare(loadScenarioFile('texas-300mw-hut8-style-lease.json')).ledgers[0]!;

  it('makes a valid, unique name of any case name', () => {
    const taken = new Set<string>();
    const long = { ...ledger, caseName: `'${'x'.repeat(60)}` };
    const first = ledgerSheetName(long, taken);
    expect(first).toBe(`${'x'.repeat(26)} Mine`);
    taken.add(first);
    expect(ledgerSheetName(long, taken)).toBe(`${'x'.repeat(24)} Mine 2`);
    expect(ledgerSheetName({ ...ledger, caseName: 'a/b:c*d?[e]\\' }, new Set())).toBe(
      'a_b_c_d__e__ Mine',
    );
    expect(ledgerSheetName({ ...ledger, caseName: 'BASE' }, new Set(['base Mine']))).toBe(
      'BASE Mine 2',
    );
  });

  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [703, 'AAA'],
  ])('column %i is %s', (column, letter) => {
    expect(columnLetter(column)).toBe(letter);
  });
});

/** A string as a literal inside a RegExp. */
function regexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
