import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/index';
import { ledgersOf } from '../../src/io/csvExports';
import { buildComparisonWorkbook, STRATEGY_NAMES } from '../../src/io/scenarioComparison';
import { livenessOf } from '../../src/io/workbookModel';
import { buildWorkbook } from '../../src/io/xlsx';
import type { ScenarioInput } from '../../src/schema/scenario';
import { convertManyToCsv, numberFromCalc, type SheetsAsCsv } from '../support/libreoffice';
import {
  expectNpvsMatch,
  type Flex,
  type FlexableWorkbook,
  flexable,
  flexBases,
  setAtPath,
  summaryOrder,
} from './workbookFlex';

/**
 * The workbook is the model (issue 13): each input below is changed in the exported workbook's
 * Inputs cell, every cached result is stripped, LibreOffice recalculates (all workbooks in one
 * soffice run), and every NPV equals the engine's `evaluate` of the same change to $1.
 */

/** The price cases: on A, which has a growth, a yearly and a monthly case. */
const FLEXES_A: readonly Flex[] = [
  { path: 'priceCases[0].growthPctPerYear', value: 35 },
  { path: 'priceCases[1].pricesUsdByYear[1]', value: 140_000 },
  { path: 'priceCases[2].pricesUsdByMonth[0]', value: 61_000 },
];

/** Everything else of the mining and exit-cap side: on A1 (A with its growth case only). */
const FLEXES_A1: readonly Flex[] = [
  { path: 'network.difficultyGrowthPctPerYear', value: 45 },
  { path: 'fleet[1].hashrateThs', value: 95 },
  { path: 'mining.economicShutdown', value: false },
  { path: 'power.pricing.priceUsdPerMwh', value: 68 },
  { path: 'power.takeOrPayMinimumPct', value: 80 },
  { path: 'power.curtailment.hoursPerYear', value: 900 },
  { path: 'conversion.capexUsdPerItMw', value: 14_000_000 },
  { path: 'conversion.constructionMonths', value: 9 },
  { path: 'conversion.tranches[1].deliveryMonth', value: 26 },
  { path: 'lease.rateUsdPerKwMonth', value: 300 },
  { path: 'lease.termYears', value: 3 },
  { path: 'lease.prepaymentMonthsOfRent', value: 8 },
  { path: 'lease.renewalProbabilityPct', value: 20 },
  { path: 'lease.terminalValue.exitCapRatePct', value: 11 },
  { path: 'finance.discountRatePctPerYear', value: 14 },
  // Issue 9's rules: the difficulty floor, the capacity payment in the shutdown rule, the fleet
  // refresh and the site residual.
  { path: 'network.networkPowerPriceUsdPerMwh', value: 200 },
  { path: 'network.marginalCostFloor', value: false },
  { path: 'power.curtailment.capacityPaymentUsdPerMwYear', value: 150_000 },
  { path: 'mining.refresh.frontierUsdPerTh', value: 30 },
  { path: 'fleet[1].ageYears', value: 4 },
  { path: 'site.residualUsdPerMw', value: 2_500_000 },
];

/** Index power, a modified-gross lease and the renewal-DCF horizon value: on B. */
const FLEXES_B: readonly Flex[] = [
  { path: 'power.pricing.priceUsdPerMwhByMonth[3]', value: 95 },
  { path: 'lease.modifiedGrossCostUsdPerKwMonth', value: 20 },
  { path: 'lease.leaseType', value: 'nnn' },
  { path: 'conversion.itMw', value: 10 },
  // The renewal DCF: the hall's life, the lease rate that discounts the tail, a conversion whose
  // construction and delivery fall after the horizon; the refresh switched off.
  { path: 'lease.terminalValue.valuationLifeYears', value: 12 },
  { path: 'finance.leaseDiscountRatePctPerYear', value: 12 },
  { path: 'strategies.convertAtMonth', value: 20 },
  { path: 'mining.refresh.enabled', value: false },
  { path: 'network.frontierJPerTh', value: 15 },
];

interface Job {
  readonly name: string;
  readonly base: ScenarioInput;
  readonly flex: Flex | null;
}

let dir: string;
const COMPARISON_FLEX: Flex = { path: 'lease.rateUsdPerKwMonth', value: 250 };
let comparisonSheets: SheetsAsCsv;
let comparisonInputs: ScenarioInput[];
const results = new Map<string, SheetsAsCsv>();
const { a, a1, b } = flexBases();
const jobs: Job[] = [
  { name: 'a-none', base: a, flex: null },
  ...FLEXES_A.map((flex, i) => ({ name: `a-${i}`, base: a, flex })),
  { name: 'a1-none', base: a1, flex: null },
  ...FLEXES_A1.map((flex, i) => ({ name: `a1-${i}`, base: a1, flex })),
  { name: 'b-none', base: b, flex: null },
  ...FLEXES_B.map((flex, i) => ({ name: `b-${i}`, base: b, flex })),
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mine-or-lease-flex-'));
  const exported = new Map<ScenarioInput, FlexableWorkbook>();
  for (const base of [a, a1, b]) {
    const evaluation = evaluate(base, { breakevens: false, sensitivity: false });
    exported.set(base, await flexable(await buildWorkbook(evaluation, ledgersOf(evaluation))));
  }
  const paths: string[] = [];
  for (const job of jobs) {
    const path = join(dir, `${job.name}.xlsx`);
    await writeFile(path, await exported.get(job.base)!.withFlex(job.flex));
    paths.push(path);
  }
  // The comparison of A1 with a higher-rent copy, its S2 lease rate then changed in the file.
  const a2 = {
    ...a1,
    name: 'Flex A, higher rent',
    lease: { ...a1.lease!, rateUsdPerKwMonth: 200 },
  };
  const pair = [a1, a2].map((input) => evaluate(input, { breakevens: false, sensitivity: false }));
  const comparison = await flexable(await buildComparisonWorkbook(pair, pair.map(ledgersOf)));
  const comparisonPath = join(dir, 'compare.xlsx');
  await writeFile(comparisonPath, await comparison.withFlex(COMPARISON_FLEX, 'S2 Inputs'));
  paths.push(comparisonPath);
  const converted = await convertManyToCsv(paths, join(dir, 'out'));
  comparisonSheets = converted.get(comparisonPath)!;
  comparisonInputs = [a1, setAtPath(a2, COMPARISON_FLEX.path, COMPARISON_FLEX.value)];
  jobs.forEach((job, i) => {
    results.set(job.name, converted.get(paths[i]!)!);
  });
}, 600_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('flexing the exported workbook in LibreOffice', () => {
  it('covers at least 15 live inputs across the model', () => {
    const flexed = [...FLEXES_A, ...FLEXES_A1, ...FLEXES_B];
    expect(flexed.length).toBeGreaterThanOrEqual(15);
    for (const flex of flexed) expect(livenessOf(flex.path).kind, flex.path).toMatch(/live|range/);
  });

  it.each(jobs.map((job) => [job.name, job] as const))(
    '%s: every NPV equals evaluate() on the same change, to one dollar',
    (_, job) => {
      const changed = job.flex ? setAtPath(job.base, job.flex.path, job.flex.value) : job.base;
      const compared = expectNpvsMatch(
        results.get(job.name)!,
        summaryOrder(job.base),
        changed,
        job.flex ? `${job.flex.path} = ${job.flex.value}` : 'as exported',
      );
      expect(compared).toBeGreaterThan(20);
    },
  );

  it('the comparison workbook: its Compare sheet follows an input changed in one scenario’s sheets', () => {
    const rows = comparisonSheets.get('Compare')!;
    const evaluations = comparisonInputs.map((input) =>
      evaluate(input, { breakevens: false, sensitivity: false }),
    );
    const ids = new Map(Object.entries(STRATEGY_NAMES).map(([id, name]) => [name, id]));
    let compared = 0;
    for (const row of rows.slice(4)) {
      if (row[0] !== 'npv_usd') continue;
      evaluations.forEach((evaluation, k) => {
        const result = evaluation.cases
          .find((c) => c.priceCase.name === row[2])!
          .strategies.find((s) => s.strategyId === ids.get(row[1]!))!;
        if (result.strategyId === 'convert-at-best-month') return; // not searched again
        const actual = numberFromCalc(row[3 + k]);
        expect(
          Math.abs(actual - result.npvUsd),
          `S${k + 1} ${row[2]} ${row[1]}`,
        ).toBeLessThanOrEqual(1);
        compared += 1;
      });
    }
    // 4 strategies (the best month is not searched again) × 2 scenarios.
    expect(compared).toBeGreaterThanOrEqual(8);
  });

  it('a changed shape input is flagged on Checks, not silently ignored', () => {
    // The exported workbook (no change) passes every check; the best month may be flagged after
    // a change that moves it, which is reported, not hidden.
    const checks = results.get('a-none')!.get('Checks')!;
    expect(checks[0]![4]).toBe('0');
  });
});
