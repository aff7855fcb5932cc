import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatArith } from '../../src/engine/arith';
import { evaluate } from '../../src/engine/evaluate';
import {
  PAYBACK_MIN_GENERATION_GAP_MONTHS,
  paybackVintages,
  paysBackWithin,
} from '../../src/engine/mining';
import { buildCaseModel, buildScenarioModel } from '../../src/engine/model';
import type { ScenarioInput } from '../../src/schema/scenario';
import { assertScenario } from '../../src/schema/validate';
import { scenarioArbitrary } from '../support/arbitraries';
import { loadScenarioFile } from '../support/fixtures';
import { simpleHashprice, simpleSite } from '../support/simpleSite';

const QUIET = { breakevens: false, sensitivity: false } as const;

type Refresh = NonNullable<NonNullable<ScenarioInput['mining']>['refresh']>;

function withRefresh(input: ScenarioInput, refresh: Refresh): ScenarioInput {
  return { ...input, mining: { ...input.mining, refresh } };
}

/**
 * docs/model.md §5, the payback trigger's worked example: the simple site (1,000 × 100 TH/s at
 * 2,000 W, January, $50/MWh, no overhead, uptime 100%, no pool fee), its machines worth $2/TH/s,
 * the frontier 9.5 J/TH at $16/TH/s.
 */
function workedExample(paybackMonths: number): ScenarioInput {
  const site = simpleSite();
  return withRefresh(
    {
      ...site,
      mining: { ...site.mining, resaleTracksHashprice: true },
      fleet: [{ ...site.fleet[0]!, resaleUsdPerTh: 2, ageYears: 1 }],
    },
    { enabled: true, frontierUsdPerTh: 16, trigger: 'payback', paybackMonths },
  );
}

describe('docs/model.md §5: the payback trigger, worked example', () => {
  const hashprice = simpleHashprice(); // $0.035922/TH/day
  const newThs = 2e6 / 9.5; // 210,526.32 TH/s for the same 2,000 kW
  const energyUsd = 2000 * 744 * 0.05; // 1,488 MWh × $50 = $74,400
  const oldMargin = hashprice * 31 * 100_000 - energyUsd;
  const newMargin = hashprice * 31 * newThs - energyUsd;
  const purchase = newThs * 16;

  it('(3,368,421.05 − 200,000) ÷ (160,041.20 − 36,959.57) = 25.74 months', () => {
    expect(oldMargin).toBeCloseTo(36_959.57, 2);
    expect(newMargin).toBeCloseTo(160_041.2, 2);
    expect(purchase).toBeCloseTo(3_368_421.05, 2);
    expect((purchase - 200_000) / (newMargin - oldMargin)).toBeCloseTo(25.7424, 4);
    const test = { purchaseUsd: purchase, retiredValueUsd: 200_000 };
    const margins = { newMarginUsd: newMargin, oldMarginUsd: oldMargin };
    expect(paysBackWithin({ ...test, ...margins, paybackMonths: 24 })).toBe(false);
    expect(paysBackWithin({ ...test, ...margins, paybackMonths: 30 })).toBe(true);
    // No gain, no payback, however cheap the machine.
    expect(
      paysBackWithin({
        ...test,
        purchaseUsd: 0,
        newMarginUsd: 5,
        oldMarginUsd: 5,
        paybackMonths: 30,
      }),
    ).toBe(false);
  });

  it('N = 30: keep mining buys the frontier machine in month 0 and sells the old ones; N = 24: it does not', () => {
    const replaced = evaluate(workedExample(30), QUIET).cases[0]!.strategies[0]!;
    expect(replaced.lines.fleetRefreshUsd[0]).toBeCloseTo(-purchase, 2);
    expect(replaced.lines.fleetResaleUsd[0]).toBeCloseTo(200_000, 6);
    expect(replaced.lines.miningRevenueUsd[0]).toBeCloseTo(hashprice * 31 * newThs, 4);
    const kept = evaluate(workedExample(24), QUIET).cases[0]!.strategies[0]!;
    expect(kept.lines.fleetRefreshUsd[0]).toBe(0);
    expect(kept.lines.miningRevenueUsd[0]).toBeCloseTo(hashprice * 31 * 100_000, 4);
  });

  it('the vintages: replaced in month 0 under N = 30, its life (5 years) restarting there', () => {
    const scenario = assertScenario({ ...workedExample(30), horizonMonths: 72 });
    const model = buildScenarioModel(floatArith, scenario);
    const path = buildCaseModel(floatArith, model, scenario.priceCases[0]!).mining
      .hashpriceUsdPerThDay;
    const [slot] = paybackVintages(model.mining, path);
    expect(slot!.map((v) => v.fromMonth)).toEqual([-1, 0, 60]);
    expect(slot![0]!.toMonth).toBe(0);
    expect(slot![1]!.thsTotalNumber).toBeCloseTo(newThs, 6);
  });
});

describe('payback against end of life', () => {
  /** 500 machines of 100 TH/s at 4,000 W (40 J/TH), a year old: dark at $50/MWh; frontier at $4/TH/s. */
  function oldDarkFleet(refresh: Refresh): ScenarioInput {
    const site = simpleSite();
    return withRefresh(
      {
        ...site,
        horizonMonths: 72,
        mining: { ...site.mining, resaleTracksHashprice: true },
        fleet: [{ ...site.fleet[0]!, units: 500, powerW: 4000, ageYears: 1, resaleUsdPerTh: 1 }],
      },
      refresh,
    );
  }

  it('an old inefficient fleet with a cheap frontier is replaced at once, and keep mining is worth more', () => {
    const endOfLife = evaluate(
      oldDarkFleet({ enabled: true, lifeYears: 5, frontierUsdPerTh: 4 }),
      QUIET,
    ).cases[0]!.strategies[0]!;
    const payback = evaluate(
      oldDarkFleet({
        enabled: true,
        lifeYears: 5,
        frontierUsdPerTh: 4,
        trigger: 'payback',
        paybackMonths: 18,
      }),
      QUIET,
    ).cases[0]!.strategies[0]!;
    const refreshMonths = (lines: readonly number[]) =>
      lines.flatMap((value, m) => (value !== 0 ? [m] : []));
    expect(refreshMonths(endOfLife.lines.fleetRefreshUsd)).toEqual([48]);
    // At $4/TH/s even a year's frontier gain (10%) pays back within 18 months: once a year,
    // never sooner (a newer model is at least PAYBACK_MIN_GENERATION_GAP_MONTHS newer).
    expect(refreshMonths(payback.lines.fleetRefreshUsd)).toEqual([0, 12, 24, 36, 48, 60]);
    // The old machines are dark (40 J/TH earns $37.4/MWh against $50): nothing mined until 48.
    expect(endOfLife.lines.miningRevenueUsd[0]).toBe(0);
    expect(payback.lines.miningRevenueUsd[0]).toBeGreaterThan(0);
    expect(payback.npvUsd).toBeGreaterThan(endOfLife.npvUsd);
  });

  it('reads the month’s own hashprice, no foresight: a path that doubles in month 12 replaces then, a flat one does not', () => {
    // Dark old fleet, frontier at $16/TH/s: at HP(0) the payback is (3,368,421 − 50,000) ÷
    // 160,041 = 20.7 months; at 2 × HP(0) purchase and resale double and the margin is 394,482:
    // 16.9 months. N = 18 sits between.
    const scenario = assertScenario(
      oldDarkFleet({
        enabled: true,
        lifeYears: 5,
        frontierUsdPerTh: 16,
        trigger: 'payback',
        paybackMonths: 18,
      }),
    );
    const model = buildScenarioModel(floatArith, scenario);
    const h0 = simpleHashprice();
    const flat = new Array<number>(72).fill(h0);
    const doubled = flat.map((h, m) => (m >= 12 ? 2 * h : h));
    const months = (path: number[]) =>
      paybackVintages(model.mining, path)[0]!.map((v) => v.fromMonth);
    expect(months(flat)).toEqual([-1, 48]);
    // The doubled path by hand: at 2 × HP(0) the old machines run again (2 × $37.4/MWh > $50),
    // so the gain is smaller than against a dark fleet; the frontier improving 10%/yr brings the
    // payback under 18 months in month 16 (May 2027), not before.
    const daysOf = [31, 28, 31, 30, 31]; // January … May 2027
    const paybackAt = (m: number) => {
      const days = daysOf[m - 12]!;
      const energyUsd = 2000 * days * 24 * 0.05;
      const margin = (ths: number) => Math.max(0, 2 * h0 * days * ths - energyUsd);
      const newThs = 2e6 / (9.5 * 0.9 ** (m / 12));
      const purchase = newThs * 16 * 2;
      const resale = 50_000 * 1 * 0.7 ** (m / 12) * 2;
      return (purchase - resale) / (margin(newThs) - margin(50_000));
    };
    expect([12, 13, 14, 15].every((m) => paybackAt(m) > 18)).toBe(true);
    expect(paybackAt(16)).toBeLessThanOrEqual(18);
    expect(months(doubled)).toEqual([-1, 16]);
  });

  it('docs/model.md §5: the February 2026 preset, N = 36 — keep mining loses in the bear case, gains in the base case', () => {
    const input = loadScenarioFile('feb-2026-market-snapshot.json');
    const keepMining = (refresh: Refresh) => {
      const result = evaluate(withRefresh(input, refresh), QUIET);
      return (name: string) => result.cases.find((c) => c.priceCase.name === name)!.strategies[0]!;
    };
    const endOfLife = keepMining(input.mining!.refresh!);
    const payback = keepMining({
      ...input.mining!.refresh!,
      trigger: 'payback',
      paybackMonths: 36,
    });
    expect(payback('base').lines.fleetRefreshUsd[0]).toBeLessThan(0);
    expect(endOfLife('base').lines.fleetRefreshUsd[0]).toBe(0);
    expect(endOfLife('bear').npvUsd / 1e6).toBeCloseTo(-44.25, 2);
    expect(payback('bear').npvUsd / 1e6).toBeCloseTo(-57.01, 2);
    expect(endOfLife('base').npvUsd / 1e6).toBeCloseTo(-14.51, 2);
    expect(payback('base').npvUsd / 1e6).toBeCloseTo(-8.17, 2);
  });

  it('end-of-life, written or left out, gives exactly today’s numbers (and the trigger needs refresh on)', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.double({ min: 0.5, max: 120, noNaN: true }),
        (input, paybackMonths) => {
          const refresh = input.mining?.refresh ?? {};
          const today = evaluate(input, QUIET);
          const written = evaluate(
            withRefresh(input, { ...refresh, trigger: 'end-of-life', paybackMonths }),
            QUIET,
          );
          const npvs = (r: typeof today) =>
            r.cases.flatMap((c) => c.strategies.map((s) => s.npvUsd));
          expect(npvs(written)).toEqual(npvs(today));
          if (refresh.enabled !== true) {
            const off = evaluate(
              withRefresh(input, { ...refresh, trigger: 'payback', paybackMonths }),
              QUIET,
            );
            expect(npvs(off)).toEqual(npvs(today));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('on random scenarios every replacement is at end of life or passes the test, and the engine follows the vintages', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.double({ min: 1, max: 60, noNaN: true }),
        (input, paybackMonths) => {
          const scenario = assertScenario(
            withRefresh(input, { enabled: true, lifeYears: 4, trigger: 'payback', paybackMonths }),
          );
          const model = buildScenarioModel(floatArith, scenario);
          const caseModel = buildCaseModel(floatArith, model, scenario.priceCases[0]!);
          const slots = paybackVintages(model.mining, caseModel.mining.hashpriceUsdPerThDay);
          const life = 48;
          let replacements = 0;
          for (const slot of slots) {
            slot.forEach((vintage, k) => {
              if (k === 0) return;
              replacements += 1;
              const before = slot[k - 1]!;
              expect(before.toMonth).toBe(vintage.fromMonth);
              // Never later than the end of life of the generation it replaces.
              const due = before.fromMonth < 0 ? null : before.fromMonth + life;
              if (due !== null) expect(vintage.fromMonth).toBeLessThanOrEqual(due);
              // Early (before its end of life): only by a model at least a year newer.
              if (due !== null && vintage.fromMonth < due) {
                expect(vintage.fromMonth - before.fromMonth).toBeGreaterThanOrEqual(
                  PAYBACK_MIN_GENERATION_GAP_MONTHS,
                );
              }
              expect(vintage.jPerTh).toBeLessThanOrEqual(before.jPerTh + 1e-12);
            });
          }
          const purchases = caseModel.mining.refreshCapexUsd.filter((x) => x !== 0).length;
          expect(purchases).toBeLessThanOrEqual(replacements);
          if (replacements > 0) expect(purchases).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });
});
