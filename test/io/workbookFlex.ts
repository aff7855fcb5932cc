import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { evaluate, type Ledger } from '../../src/engine/index';
import { ledgersOf } from '../../src/io/csvExports';
import { SUMMARY_FIRST_ROW } from '../../src/io/xlsx';
import type { ScenarioInput } from '../../src/schema/scenario';
import { loadScenarioFile } from '../support/fixtures';
import { numberFromCalc, type SheetsAsCsv } from '../support/libreoffice';

/**
 * Flexing the exported workbook as a finance team would: a new value typed into an Inputs cell,
 * every cached result stripped (so only a recalculation can fill the cells), then LibreOffice
 * recalculates and every NPV is compared with the engine's `evaluate` on the same change.
 */

/** One input change: the Inputs row's path, and the value typed into its cell. */
export interface Flex {
  readonly path: string;
  readonly value: number | boolean | string;
}

/** Sets `path` to `value` in a plain scenario object (`a.b[2].c`). */
export function setAtPath(input: ScenarioInput, path: string, value: unknown): ScenarioInput {
  const copy = structuredClone(input) as Record<string, unknown>;
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
  return copy as ScenarioInput;
}

/**
 * An exported workbook loaded once with every formula's cached result removed (so only a
 * recalculation can fill the cells); {@link FlexableWorkbook.withFlex} then writes one copy per
 * change, each with one value typed into its Inputs row.
 */
export interface FlexableWorkbook {
  /** The bytes with `flex.value` in the Inputs row of `flex.path` (none for `null`). */
  withFlex(flex: Flex | null, inputsSheet?: string): Promise<Uint8Array>;
}

export async function flexable(bytes: Uint8Array): Promise<FlexableWorkbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        // A shared formula's copies stay copies (reading their text would need exceljs to shift
        // the master's references, which it does not do reliably).
        const value = cell.value as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
        cell.value =
          'sharedFormula' in value && value.sharedFormula
            ? ({ sharedFormula: value.sharedFormula } as ExcelJS.CellSharedFormulaValue)
            : { formula: (value as ExcelJS.CellFormulaValue).formula };
      });
    });
  }
  return {
    async withFlex(flex, inputsSheet = 'Inputs') {
      let cell: ExcelJS.Cell | undefined;
      if (flex) {
        workbook.getWorksheet(inputsSheet)!.eachRow((row) => {
          if (row.getCell(1).value === flex.path) cell = row.getCell(2);
        });
        if (!cell) throw new Error(`no Inputs row for ${flex.path}`);
      }
      const before = cell?.value;
      if (cell) cell.value = flex!.value;
      try {
        return new Uint8Array(await workbook.xlsx.writeBuffer());
      } finally {
        if (cell) cell.value = before as ExcelJS.CellValue;
      }
    },
  };
}

/**
 * The two flex bases, small (36–48 months) to keep LibreOffice quick, between them touching
 * every part of the model: growth, yearly and monthly price cases, three ASIC models with
 * take-or-pay, demand charge, curtailment and a capacity payment, tranches, free rent,
 * prepayment, renewal and credit loss, an exit cap (A); index power pricing, a modified-gross
 * lease and the renewal-DCF horizon value (B); both with the difficulty floor, the fleet refreshed
 * inside the horizon (A at month 42, B at months 0 and 18) and the site residual.
 */
export function flexBases(): { a: ScenarioInput; a1: ScenarioInput; b: ScenarioInput } {
  const feb = loadScenarioFile('feb-2026-market-snapshot.json');
  const a = {
    ...feb,
    name: 'Flex A',
    horizonMonths: 30,
    // The first model is refreshed at month 18 (life 5 years), inside the horizon.
    fleet: feb.fleet.map((model, i) => (i === 0 ? { ...model, ageYears: 3.5 } : model)),
    power: {
      ...feb.power,
      takeOrPayMinimumPct: 30,
      demandChargeUsdPerKwMonth: 1.5,
      curtailment: { hoursPerYear: 200, creditUsdPerMwh: 500, capacityPaymentUsdPerMwYear: 12_000 },
    },
    conversion: {
      ...feb.conversion,
      constructionMonths: 12,
      tranches: [
        { deliveryMonth: 12, itMwPct: 60 },
        { deliveryMonth: 20, itMwPct: 40 },
      ],
    },
    lease: {
      ...feb.lease,
      freeRentMonths: 2,
      prepaymentMonthsOfRent: 3,
      termYears: 1,
      terminalValue: { kind: 'exit-cap', exitCapRatePct: 8 },
    },
    strategies: { convertAtMonth: 12 },
  } as ScenarioInput;
  // A with its growth case only: a third of the sheets, for the flexes that are not a price case.
  const a1 = {
    ...a,
    name: 'Flex A1',
    priceCases: [a.priceCases[0]!],
    referenceCase: a.priceCases[0]!.name,
  } as ScenarioInput;
  const hydro = loadScenarioFile('hydro-20mw-older-fleet-retrofit.json');
  const b = {
    ...hydro,
    name: 'Flex B',
    horizonMonths: 24,
    priceCases: hydro.priceCases.filter((priceCase) => priceCase.name === 'base'),
    power: {
      ...hydro.power,
      pricing: {
        kind: 'index',
        priceUsdPerMwhByMonth: [38, 41, 45, 52, 48, 44, 40, 39, 42, 47, 55, 60],
        adderUsdPerMwh: 4,
      },
    },
    conversion: { ...hydro.conversion, itMw: 14 },
    strategies: { convertAtMonth: 12, partialConvertUtilityMw: 8 },
  } as ScenarioInput;
  return { a, a1, b };
}

/** Ledger order = Summary row order. */
export function summaryOrder(input: ScenarioInput): Ledger[] {
  return ledgersOf(evaluate(input, { breakevens: false, sensitivity: false }));
}

/**
 * Every NPV of the recalculated Summary (by class, total, incremental) against `evaluate` on the
 * changed scenario, within $1. The best-month row is held to the engine's NPV of converting at
 * the month the workbook was exported with (the workbook does not search again; Checks says so).
 */
export function expectNpvsMatch(
  sheets: SheetsAsCsv,
  exported: readonly Ledger[],
  changed: ScenarioInput,
  what: string,
): number {
  const summary = sheets.get('Summary')!;
  const evaluation = evaluate(changed, { breakevens: false, sensitivity: false });
  const atMonth = new Map<number, ReturnType<typeof evaluate>>();
  let compared = 0;
  exported.forEach((ledger, i) => {
    const row = summary[SUMMARY_FIRST_ROW - 1 + i]!;
    const caseIndex = evaluation.cases.findIndex((c) => c.priceCase.name === ledger.caseName);
    let result = evaluation.cases[caseIndex]!.strategies.find(
      (s) => s.strategyId === ledger.strategyId,
    )!;
    let keep = evaluation.cases[caseIndex]!.strategies[0]!;
    if (ledger.strategyId === 'convert-at-best-month') {
      const month = ledger.conversionStartMonth;
      let atBest = atMonth.get(month);
      if (!atBest) {
        const strategies = { ...(changed.strategies ?? {}), convertAtMonth: month };
        atBest = evaluate({ ...changed, strategies }, { breakevens: false, sensitivity: false });
        atMonth.set(month, atBest);
      }
      result = atBest.cases[caseIndex]!.strategies.find(
        (s) => s.strategyId === 'convert-at-month',
      )!;
      keep = atBest.cases[caseIndex]!.strategies[0]!;
    }
    const near = (column: number, expected: number, label: string) => {
      const actual = numberFromCalc(row[column - 1]);
      expect(
        Math.abs(actual - expected),
        `${what}: ${ledger.caseName}/${ledger.strategyId} ${label}: workbook ${row[column - 1]} vs engine ${expected}`,
      ).toBeLessThanOrEqual(1);
      compared += 1;
    };
    near(4, result.npvByClassUsd.mining, 'NPV mining');
    near(5, result.npvByClassUsd.construction, 'NPV construction');
    near(6, result.npvByClassUsd.lease, 'NPV lease');
    near(7, result.npvUsd, 'NPV');
    if (ledger.strategyId !== 'keep-mining') near(11, result.npvUsd - keep.npvUsd, 'incremental');
  });
  return compared;
}
