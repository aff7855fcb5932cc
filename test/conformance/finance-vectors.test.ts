import { describe, expect, it } from 'vitest';
import { irr, mirr, npv, pmt, xirr, xnpv } from '../../src/engine/finance';
import { readReferenceFile } from '../support/reference';

/**
 * Spreadsheet conformance: the shared reference vectors (outputs from LibreOffice Calc 7.4.7) and
 * a table of further cases with published spreadsheet results, each to 1e-9 relative.
 */

const RELATIVE_TOLERANCE = 1e-9;

function expectRelativelyClose(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(RELATIVE_TOLERANCE * Math.abs(expected));
}

function rateOf(result: ReturnType<typeof irr>): number | null {
  return result.kind === 'rate' ? result.rate : null;
}

/** One vector as stored; rates are strings in some vectors and numbers in others. */
type ReferenceVector = {
  id: string;
  fn?: string;
  formula?: string;
  values?: number[];
  dates?: string[];
  rate?: string | number;
  guess?: number;
  finance_rate?: number;
  reinvest_rate?: number;
  expected: number;
};

// finance-vectors.json, vendored in test/fixtures/reference.
const { vectors } = JSON.parse(readReferenceFile('finance-vectors.json')) as {
  vectors: ReferenceVector[];
};

/** Evaluates a formula written as in the spreadsheet, e.g. "PMT(0.05;12;1000)". */
function evaluateFormula(formula: string): number {
  const match = /^PMT\(([^)]*)\)$/.exec(formula);
  if (!match) throw new Error(`unsupported formula ${formula}`);
  const [rate, nper, pv, fv, type] = match[1]!.split(';').map(Number);
  return pmt(rate!, nper!, pv!, fv ?? 0, type === 1 ? 1 : 0);
}

function evaluateVector(vector: ReferenceVector): number | null {
  if (vector.formula !== undefined) return evaluateFormula(vector.formula);
  const values = vector.values!;
  switch (vector.fn) {
    case 'NPV':
      return npv(Number(vector.rate), values);
    case 'IRR':
      return rateOf(irr(values, vector.guess));
    case 'MIRR':
      return mirr(values, vector.finance_rate!, vector.reinvest_rate!);
    case 'XNPV':
      return xnpv(Number(vector.rate), values, vector.dates!);
    case 'XIRR':
      return rateOf(xirr(values, vector.dates!, vector.guess));
    default:
      throw new Error(`vector ${vector.id}: unknown function ${vector.fn}`);
  }
}

describe('shared reference vectors (LibreOffice Calc 7.4.7)', () => {
  it('covers every function', () => {
    const functions = new Set(vectors.map((vector) => vector.fn ?? vector.formula?.split('(')[0]));
    expect([...functions].sort()).toEqual(['IRR', 'MIRR', 'NPV', 'PMT', 'XIRR', 'XNPV']);
  });

  it.each(vectors.map((vector) => [vector.id, vector] as const))('%s', (_id, vector) => {
    expectRelativelyClose(evaluateVector(vector), vector.expected);
  });
});

const MONTHLY_120 = [-5_000_000, ...Array.from({ length: 120 }, () => 60_000)];
const EXCEL_XIRR_VALUES = [-10000, 2750, 4250, 3250, 2750];
const EXCEL_XIRR_DATES = ['2008-01-01', '2008-03-01', '2008-10-30', '2009-02-15', '2009-04-01'];
const EXCEL_MIRR_VALUES = [-120000, 39000, 30000, 21000, 37000, 46000];
const EXCEL_IRR_VALUES = [-70000, 12000, 15000, 18000, 21000, 26000];

/**
 * Further cases. Each expected value was recomputed here with mpmath at 40 significant digits
 * from the defining equation, and agrees with the published figure to the digits published.
 * One published figure is off in its last digit: Excel's XIRR documentation gives 0.373362535;
 * the careful value is 0.37336253351883151 (Excel iterates only to 1e-8), so that is used.
 */
const extraCases: ReadonlyArray<{ name: string; actual: () => number | null; expected: number }> = [
  {
    name: 'IRR numpy-financial docs [-100, 39, 59, 55, 20] ≈ 0.28095',
    actual: () => rateOf(irr([-100, 39, 59, 55, 20])),
    expected: 0.2809484211599611,
  },
  {
    name: 'IRR Excel docs five years ≈ 8.66%',
    actual: () => rateOf(irr(EXCEL_IRR_VALUES)),
    expected: 0.08663094803653161,
  },
  {
    name: 'IRR Excel docs four years ≈ -2.12%',
    actual: () => rateOf(irr(EXCEL_IRR_VALUES.slice(0, 5))),
    expected: -0.02124484827341099,
  },
  {
    name: 'IRR Excel docs two years, guess -10% ≈ -44.35%',
    actual: () => rateOf(irr(EXCEL_IRR_VALUES.slice(0, 3), -0.1)),
    expected: -0.4435069413347405,
  },
  {
    name: 'IRR numpy-financial [-150000, 15000, 25000, 35000, 45000, 60000] ≈ 0.0524',
    actual: () => rateOf(irr([-150000, 15000, 25000, 35000, 45000, 60000])),
    expected: 0.0524328888594141,
  },
  {
    name: 'IRR numpy-financial [-100, 100, 0, -7] ≈ -0.0833 (roots -0.679 and -0.0833)',
    actual: () => rateOf(irr([-100, 100, 0, -7])),
    expected: -0.08329966618493269,
  },
  {
    name: 'IRR numpy-financial [-100, 100, 0, 7] ≈ 0.0621',
    actual: () => rateOf(irr([-100, 100, 0, 7])),
    expected: 0.06205848562992946,
  },
  {
    name: 'IRR 120 months from the default guess 0.1 (LibreOffice: Err:523)',
    actual: () => rateOf(irr(MONTHLY_120)),
    expected: 0.00645664634460592,
  },
  {
    name: 'NPV at rate 0 is the sum',
    actual: () => npv(0, [-10000, 2000, 4000, 8000]),
    expected: 4000,
  },
  {
    name: 'NPV Calligra/ODF [4, 5, 7] at 100%',
    actual: () => npv(1, [4, 5, 7]),
    expected: 4.125,
  },
  {
    name: 'PMT(0.05; 12; 1000; 0; 1), payments in advance',
    actual: () => pmt(0.05, 12, 1000, 0, 1),
    expected: -107.4527714483956,
  },
  {
    name: 'PMT(0.05; 12; 1000; 500) with a future value',
    actual: () => pmt(0.05, 12, 1000, 500),
    expected: -144.2381150312231,
  },
  {
    name: 'PMT(0; 12; 1000; 200) = -(pv + fv) / nper',
    actual: () => pmt(0, 12, 1000, 200),
    expected: -100,
  },
  {
    name: 'PMT Excel docs 8%/12, 10 months, 10000 ≈ -1037.03',
    actual: () => pmt(0.08 / 12, 10, 10000),
    expected: -1037.0320893591522,
  },
  {
    name: 'PMT Excel docs 6%/12, 18 years of saving for 50000 ≈ -129.08',
    actual: () => pmt(0.06 / 12, 18 * 12, 0, 50000),
    expected: -129.08116086799092,
  },
  {
    name: 'XIRR Excel docs ≈ 0.373362535',
    actual: () => rateOf(xirr(EXCEL_XIRR_VALUES, EXCEL_XIRR_DATES)),
    expected: 0.3733625335188315,
  },
  {
    name: 'XNPV Excel docs at 9% ≈ 2086.65',
    actual: () => xnpv(0.09, EXCEL_XIRR_VALUES, EXCEL_XIRR_DATES),
    expected: 2086.647602031537,
  },
  {
    name: 'MIRR Excel docs five years, 10% / 12% ≈ 12.61%',
    actual: () => mirr(EXCEL_MIRR_VALUES, 0.1, 0.12),
    expected: 0.1260941303659051,
  },
  {
    name: 'MIRR Excel docs three years ≈ -4.80%',
    actual: () => mirr(EXCEL_MIRR_VALUES.slice(0, 4), 0.1, 0.12),
    expected: -0.04804465524998082,
  },
  {
    name: 'MIRR Excel docs five years, reinvested at 14% ≈ 13.48%',
    actual: () => mirr(EXCEL_MIRR_VALUES, 0.1, 0.14),
    expected: 0.13475911082831485,
  },
];

describe('further spreadsheet cases', () => {
  it.each(extraCases.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    (_name, testCase) => {
      expectRelativelyClose(testCase.actual(), testCase.expected);
    },
  );
});
