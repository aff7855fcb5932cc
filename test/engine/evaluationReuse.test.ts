import { describe, expect, it } from 'vitest';
import { conversionAdvantageUsd } from '../../src/engine/advantage';
import { floatArith } from '../../src/engine/arith';
import { evaluate } from '../../src/engine/evaluate';
import { buildLeaseUnitLines, leaseLineMonths, withConversion } from '../../src/engine/lease';
import { monthlyIrr, NO_INVESTMENT } from '../../src/engine/metrics';
import { buildCaseModel, buildScenarioModel, withDifficultyGrowth } from '../../src/engine/model';
import { buildNetworkPath } from '../../src/engine/network';
import { recentCache } from '../../src/engine/recent';
import { delayConstruction, sensitivityTable } from '../../src/engine/sensitivity';
import { newSeries, seriesOf, zeroedSeries, zeroSeries } from '../../src/engine/series';
import { solveBreakevens } from '../../src/engine/solve';
import {
  buildStrategyLines,
  buildStrategyPlans,
  miningShare,
  miningShareByMonth,
  type PlacedTranche,
} from '../../src/engine/strategies';
import { assertScenario } from '../../src/schema/validate';
import { loadScenarioFile } from '../support/fixtures';
import { simpleSite } from '../support/simpleSite';

/**
 * The evaluation on an edit runs within its budget by reusing what does not change (the
 * reference case's model, the unit lease lines, prefix sums) and by solving each IRR when it is
 * first read (docs/benchmarks.md, 2026-12-05). These tests hold every such shortcut equal to the
 * long way, number for number.
 */
const PRESETS = [
  'feb-2026-market-snapshot.json',
  'texas-300mw-hut8-style-lease.json',
  'hydro-20mw-older-fleet-retrofit.json',
];

/** Every number of an evaluation, -0 and NaN kept apart (getters read, like every output does). */
function exactly(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? String(v) : Object.is(v, -0) ? '-0' : v,
  );
}

describe('evaluations share nothing mutable with each other', () => {
  it('two evaluations in a row of different scenarios give what each gives alone', () => {
    const [feb, texas, hydro] = PRESETS.map(loadScenarioFile);
    const texasFirst = exactly(evaluate(texas));
    const febAlone = exactly(evaluate(feb));
    evaluate(hydro);
    // Texas again after two other scenarios (their caches, series and probes in between).
    expect(exactly(evaluate(texas))).toBe(texasFirst);
    evaluate({ ...texas, horizonMonths: 120, strategies: { convertAtMonth: 12 } });
    expect(exactly(evaluate(feb))).toBe(febAlone);
  });

  it('a levered board gives the same evaluation whatever its debt, asset and depreciation memos and kept arrays hold', () => {
    const financed = (name: string, rate?: number) => {
      const input = loadScenarioFile(name);
      return {
        ...input,
        lease: rate === undefined ? input.lease : { ...input.lease, rateUsdPerKwMonth: rate },
        financing: {
          boardView: 'levered-after-tax' as const,
          projectDebt: { amortisation: 'sculpted' as const },
          fleetDebt: {},
        },
        tax: { stateRatePct: 5, interestLimitation: true },
      };
    };
    const texas = financed('texas-300mw-hut8-style-lease.json');
    const first = exactly(evaluate(texas));
    // Other scenarios fill the memos and write over the breakevens' kept arrays; a lease-rate edit
    // of the same scenario meets the same terms with other rent.
    evaluate(financed('feb-2026-market-snapshot.json'));
    evaluate(financed('texas-300mw-hut8-style-lease.json', 120));
    evaluate(financed('hydro-20mw-older-fleet-retrofit.json'));
    expect(exactly(evaluate(texas))).toBe(first);
  });

  it('debt, assets and tax found again across price cases equal those each case builds alone', () => {
    const input = loadScenarioFile('texas-300mw-hut8-style-lease.json');
    const scenario = assertScenario({
      ...input,
      financing: { boardView: 'levered-after-tax', projectDebt: { amortisation: 'sculpted' } },
      tax: { stateRatePct: 5, interestLimitation: true, bonusDepreciationPct: 40 },
    });
    // Three cases in one evaluation: the second and third find their plans' debt, assets and
    // depreciation again (the memos), after the breakevens wrote over their kept arrays.
    const together = evaluate(scenario);
    scenario.priceCases.forEach((priceCase, c) => {
      // One case alone: nothing to find again from another case.
      const alone = evaluate(
        { ...scenario, priceCases: [priceCase], referenceCase: priceCase.name },
        { breakevens: false, sensitivity: false, stressTests: false },
      );
      alone.cases[0]!.strategies.forEach((strategy, s) => {
        const shared = together.cases[c]!.strategies[s]!.financing!;
        const own = strategy.financing!;
        expect(exactly(shared.leveredAfterTax!.projectDebt)).toBe(
          exactly(own.leveredAfterTax!.projectDebt),
        );
        expect(exactly(shared.leveredAfterTax!.tax)).toBe(exactly(own.leveredAfterTax!.tax));
        expect(exactly(shared.unleveredAfterTax.tax)).toBe(exactly(own.unleveredAfterTax.tax));
        expect(shared.leveredAfterTax!.npvUsd).toBe(own.leveredAfterTax!.npvUsd);
      });
    });
  });

  it('writing into one result’s series changes no other strategy, case or later evaluation', () => {
    const texas = loadScenarioFile('texas-300mw-hut8-style-lease.json');
    const clean = exactly(evaluate(texas));
    const spoilt = evaluate(texas);
    for (const caseResult of spoilt.cases) {
      for (const strategy of caseResult.strategies) {
        for (const line of Object.values(strategy.lines)) line.fill(123);
        strategy.netCashFlowUsd.fill(456);
      }
    }
    expect(exactly(evaluate(texas))).toBe(clean);
    // Within one result, the convert-now lines are not the keep-mining lines.
    const fresh = evaluate(texas).cases[0]!.strategies;
    fresh[0]!.lines.rentUsd.fill(7);
    expect(fresh[1]!.lines.rentUsd.some((rent) => rent === 7)).toBe(false);
  });

  it('a searched plan that repeats convert now reports the same figures under its own name', () => {
    // A lease worth far more than mining: converting at once is the best month.
    const site = simpleSite();
    const evaluation = evaluate({ ...site, lease: { ...site.lease, rateUsdPerKwMonth: 400 } });
    for (const caseResult of evaluation.cases) {
      expect(caseResult.bestConversionMonth).toBe(0);
      const byId = Object.fromEntries(caseResult.strategies.map((s) => [s.strategyId, s]));
      const searched = byId['convert-at-best-month']!;
      const now = byId['convert-now']!;
      expect(searched.label).toBe('Convert at the best month: now');
      expect(searched.npvUsd).toBe(now.npvUsd);
      expect(searched.netCashFlowUsd).toEqual(now.netCashFlowUsd);
      expect(searched.irr).toEqual(now.irr);
      expect(searched.incremental).toEqual(now.incremental);
    }
  });
});

describe('IRRs solved when first read', () => {
  it('equal the eager IRR of the shown flows, and the incremental IRR of the difference', () => {
    for (const file of PRESETS) {
      const evaluation = evaluate(loadScenarioFile(file));
      for (const caseResult of evaluation.cases) {
        const keep = caseResult.strategies[0]!;
        for (const strategy of caseResult.strategies) {
          const flows = [...strategy.netCashFlowUsd];
          expect(strategy.irr).toEqual(
            strategy.investedCapitalUsd > 0 ? monthlyIrr(flows) : NO_INVESTMENT,
          );
          if (strategy.incremental !== null) {
            const difference = flows.map((flow, m) => flow - keep.netCashFlowUsd[m]!);
            expect(strategy.incremental.irr).toEqual(monthlyIrr(difference));
          }
        }
      }
    }
  });

  it('are solved from the plan’s own flows: writing into the shown flows first changes nothing', () => {
    const texas = loadScenarioFile('texas-300mw-hut8-style-lease.json');
    const eager = evaluate(texas).cases[1]!.strategies.map((s) => exactly(s.irr));
    const lazy = evaluate(texas).cases[1]!.strategies;
    for (const strategy of lazy) strategy.netCashFlowUsd.fill(-1);
    expect(lazy.map((s) => exactly(s.irr))).toEqual(eager);
  });

  it('are data to every output: spread, JSON and structured clone carry them', () => {
    const strategy = evaluate(simpleSite()).cases[0]!.strategies[1]!;
    expect(strategy.irr.kind).toBe('rate');
    expect({ ...strategy }.irr).toEqual(strategy.irr);
    expect(JSON.parse(JSON.stringify(strategy)).irr).toEqual(strategy.irr);
    expect(structuredClone(strategy).irr).toEqual(strategy.irr);
    expect(Object.keys(strategy)).toContain('irr');
  });
});

describe('the probes reuse what they do not change', () => {
  it('the tornado and the breakevens with the reference case’s model equal those built alone', () => {
    for (const file of PRESETS) {
      const scenario = assertScenario(loadScenarioFile(file));
      const reference = scenario.priceCases.find((c) => c.name === scenario.referenceCase)!;
      const model = buildScenarioModel(floatArith, scenario);
      const referenceMining = buildCaseModel(floatArith, model, reference);
      expect(exactly(sensitivityTable(scenario, reference, model, referenceMining))).toBe(
        exactly(sensitivityTable(scenario, reference)),
      );
      expect(
        exactly(solveBreakevens(model, reference, conversionAdvantageUsd, referenceMining)),
      ).toBe(exactly(solveBreakevens(buildScenarioModel(floatArith, scenario), reference)));
    }
  });

  it('withConversion equals the unit lease lines built from scratch (capex, delay, every rule)', () => {
    const base = assertScenario(loadScenarioFile('texas-300mw-hut8-style-lease.json'));
    const terminals = [
      base.lease.terminalValue,
      { kind: 'exit-cap', exitCapRatePct: 7.5 } as const,
      { kind: 'none' } as const,
    ];
    for (const terminalValue of terminals) {
      const scenario = { ...base, lease: { ...base.lease, terminalValue } };
      const unit = buildLeaseUnitLines(floatArith, scenario, leaseLineMonths(scenario));
      const changes = [
        { ...scenario, conversion: { ...scenario.conversion, capexUsdPerItMw: 9_876_543 } },
        { ...scenario, conversion: { ...scenario.conversion, tenantFundedPct: 30 } },
        delayConstruction(scenario, 6),
      ];
      for (const changed of changes) {
        expect(exactly(withConversion(floatArith, unit, changed))).toBe(
          exactly(buildLeaseUnitLines(floatArith, changed, leaseLineMonths(changed))),
        );
      }
    }
  });

  it('a difficulty move shares the blocks and subsidy and rebuilds the same difficulty', () => {
    const scenario = assertScenario(loadScenarioFile('feb-2026-market-snapshot.json'));
    const model = buildScenarioModel(floatArith, scenario);
    const changed = {
      ...scenario,
      network: {
        ...scenario.network,
        difficultyGrowthPctPerYear: scenario.network.difficultyGrowthPctPerYear + 10,
        difficultyGrowthOverridesPctByYear: [3, -4],
      },
    };
    const moved = withDifficultyGrowth(floatArith, model, changed);
    const rebuilt = buildNetworkPath(floatArith, model.calendar, {
      ...changed.network,
      startBlockHeight: model.startBlockHeight,
    });
    expect(exactly(moved.network)).toBe(exactly(rebuilt));
    expect(moved.network.subsidyBtcPerBlock).toBe(model.network.subsidyBtcPerBlock);
  });
});

describe('series helpers', () => {
  it('zeroedSeries zeroes a kept array of the length, else gives a fresh one (the TSDoc example)', () => {
    const kept = [4, 5];
    expect(zeroedSeries(kept, 2)).toBe(kept);
    expect(kept).toEqual([0, 0]);
    const fresh = zeroedSeries(undefined, 2);
    expect(fresh).toEqual([0, 0]);
    expect(zeroedSeries([1, 2, 3], 2)).toEqual([0, 0]);
  });

  it('zeroSeries and newSeries give a fresh array every call, never a shared one', () => {
    const first = zeroSeries(4);
    first[2] = 9;
    expect(zeroSeries(4)).toEqual([0, 0, 0, 0]);
    const series = newSeries(floatArith, 3);
    series[0] = 1;
    expect(newSeries(floatArith, 3)).toEqual([0, 0, 0]);
    expect(seriesOf(new Float64Array([1, -0]))).toEqual([1, -0]);
    expect(Object.is(seriesOf(new Float64Array([-0]))[0], -0)).toBe(true);
  });

  it('recentCache keeps the most recent entries and forgets the oldest beyond its size', () => {
    const cache = recentCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.find((key) => key === 'a')).toBe(1);
    cache.set('c', 3);
    expect(cache.find((key) => key === 'a')).toBeUndefined();
    expect(cache.find((key) => key === 'b')).toBe(2);
    cache.set('b', 4);
    expect(cache.find((key) => key === 'b')).toBe(4);
  });

  it('mining shares by segment equal the month-by-month definition, tranches in any order', () => {
    const scenario = assertScenario(simpleSite({ site: { utilityMw: 10 } }));
    const tranches: PlacedTranche[] = [
      { utilityMw: 0.7, itMw: 0.5, constructionStartMonth: 20, deliveryMonth: 30 },
      { utilityMw: 0.1, itMw: 0.1, constructionStartMonth: -3, deliveryMonth: 9 },
      { utilityMw: 0.2, itMw: 0.1, constructionStartMonth: 20, deliveryMonth: 32 },
      { utilityMw: 8.3, itMw: 7, constructionStartMonth: 5, deliveryMonth: 17 },
      { utilityMw: 0.4, itMw: 0.3, constructionStartMonth: 50, deliveryMonth: 62 },
    ];
    const byMonth = Array.from({ length: 36 }, (_, m) => {
      let converted = 0;
      for (const t of tranches) if (m >= t.constructionStartMonth) converted += t.utilityMw;
      return miningShare(floatArith, scenario, converted);
    });
    expect(miningShareByMonth(floatArith, scenario, tranches, 36)).toEqual(byMonth);
  });

  it('strategy lines are fresh double arrays of the horizon, whether written or not', () => {
    const scenario = assertScenario(loadScenarioFile('hydro-20mw-older-fleet-retrofit.json'));
    const model = buildScenarioModel(floatArith, scenario);
    const mining = buildCaseModel(floatArith, model, scenario.priceCases[0]!).mining;
    const [keep, convert] = buildStrategyPlans(scenario).map((plan) =>
      buildStrategyLines(floatArith, scenario, mining, model.leaseUnit, plan),
    );
    for (const lines of [keep!, convert!]) {
      for (const line of Object.values(lines)) {
        expect(line).toHaveLength(scenario.horizonMonths);
        expect(Object.isFrozen(line)).toBe(false);
      }
    }
    expect(keep!.rentUsd).not.toBe(convert!.capexUsd);
    expect(keep!.rentUsd.every((rent) => rent === 0)).toBe(true);
  });
});
