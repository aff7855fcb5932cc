import { describe, expect, it } from 'vitest';
import { type Arith, floatArith } from '../../src/engine/arith';
import { classDiscountFactors } from '../../src/engine/discount';
import { evaluate } from '../../src/engine/evaluate';
import { createFastNpv } from '../../src/engine/fastNpv';
import { buildLeaseUnitLines, leaseLineMonths, withConversion } from '../../src/engine/lease';
import { buildCaseModel, buildScenarioModel } from '../../src/engine/model';
import {
  buildStrategyLines,
  buildStrategyPlans,
  isZeroLine,
  LEASE_LINE_KEYS,
  LINE_ITEMS,
  miningShareByMonth,
  placeTranches,
  STRATEGY_NAMES,
  type StrategyPlan,
  strategyLabel,
} from '../../src/engine/strategies';
import { assertScenario } from '../../src/schema/validate';
import { simpleSite } from '../support/simpleSite';

describe('strategy plans and tranches', () => {
  it('places phased tranches: construction starts `constructionMonths` before each delivery', () => {
    const site = simpleSite();
    const scenario = assertScenario({
      ...site,
      conversion: {
        ...site.conversion,
        constructionMonths: 6,
        tranches: [
          { deliveryMonth: 6, itMwPct: 25 },
          { deliveryMonth: 12, itMwPct: 75 },
        ],
      },
    });
    const tranches = placeTranches(scenario, buildStrategyPlans(scenario)[3]!);
    expect(tranches).toEqual([
      { utilityMw: 2.5, itMw: 2, constructionStartMonth: 12, deliveryMonth: 18 },
      { utilityMw: 7.5, itMw: 6, constructionStartMonth: 18, deliveryMonth: 24 },
    ]);
  });

  it('keeps the whole fleet mining while converted MW come from spare site capacity', () => {
    // 10 MW site, 2 MW fleet: converting 5 MW leaves it whole, 9 MW leaves half of it.
    const scenario = assertScenario(simpleSite());
    const share = (convertUtilityMw: number) =>
      miningShareByMonth(
        floatArith,
        scenario,
        placeTranches(scenario, { id: 'partial', label: '', convertUtilityMw, startMonth: 0 }),
        1,
      )[0];
    expect(share(5)).toBe(1);
    expect(share(9)).toBeCloseTo(0.5, 12);
    expect(share(10)).toBe(0);
  });

  it('stops mining the converted share at construction start and starts rent at delivery', () => {
    const scenario = assertScenario(simpleSite());
    const model = buildScenarioModel(floatArith, scenario);
    const caseModel = buildCaseModel(floatArith, model, scenario.priceCases[0]!);
    const convertAt12 = buildStrategyPlans(scenario)[3]!;
    const lines = buildStrategyLines(
      floatArith,
      scenario,
      caseModel.mining,
      model.leaseUnit,
      convertAt12,
    );
    expect(lines.miningRevenueUsd[11]).toBeGreaterThan(0);
    expect(lines.miningRevenueUsd[12]).toBe(0);
    expect(lines.capexUsd.slice(11, 25).map((x) => Math.round(x))).toEqual([
      0,
      ...new Array(12).fill((-8 * 5_000_000) / 12).map(Math.round),
      0,
    ]);
    expect(lines.rentUsd[23]).toBe(0);
    expect(lines.rentUsd[24]).toBe(8 * 150_000);
  });

  it('each tranche’s lease lines are its IT MW × the unit lines, month by month (phased, escalated)', () => {
    const site = simpleSite();
    const scenario = assertScenario({
      ...site,
      lease: { ...site.lease, escalatorPctPerYear: 3, tenantDefaultPctPerYear: 2 },
      conversion: {
        ...site.conversion,
        tranches: [
          { deliveryMonth: 12, itMwPct: 25 },
          { deliveryMonth: 30, itMwPct: 75 },
        ],
      },
    });
    const model = buildScenarioModel(floatArith, scenario);
    const caseModel = buildCaseModel(floatArith, model, scenario.priceCases[0]!);
    const convertNow = buildStrategyPlans(scenario)[1]!;
    const [first, second] = placeTranches(scenario, convertNow);
    const lines = buildStrategyLines(
      floatArith,
      scenario,
      caseModel.mining,
      model.leaseUnit,
      convertNow,
    );
    const unit = model.leaseUnit;
    for (let m = 0; m < scenario.horizonMonths; m += 1) {
      const fromFirst =
        m >= first!.deliveryMonth ? first!.itMw * unit.rentUsd[m - first!.deliveryMonth]! : 0;
      const fromSecond =
        m >= second!.deliveryMonth ? second!.itMw * unit.rentUsd[m - second!.deliveryMonth]! : 0;
      expect(lines.rentUsd[m]).toBe(fromFirst === 0 ? fromSecond : fromFirst + fromSecond);
      const lossFirst =
        m >= first!.deliveryMonth ? first!.itMw * unit.creditLossUsd[m - first!.deliveryMonth]! : 0;
      const lossSecond =
        m >= second!.deliveryMonth
          ? second!.itMw * unit.creditLossUsd[m - second!.deliveryMonth]!
          : 0;
      expect(lines.creditLossUsd[m]).toBe(lossFirst === 0 ? lossSecond : lossFirst + lossSecond);
    }
    expect(lines.prepaymentUsd[first!.constructionStartMonth]).toBe(
      first!.itMw * unit.prepaymentUsd,
    );
  });
});

describe('fast NPV (prefix sums) equals the NPV of the full monthly lines', () => {
  const scenarios = [
    assertScenario(simpleSite()),
    assertScenario({
      ...simpleSite(),
      conversion: {
        capexUsdPerItMw: 6e6,
        constructionMonths: 5,
        tranches: [
          { deliveryMonth: 5, itMwPct: 30 },
          { deliveryMonth: 9, itMwPct: 70 },
        ],
      },
      lease: {
        rateUsdPerKwMonth: 140,
        prepaymentMonthsOfRent: 3,
        freeRentMonths: 2,
        tenantDefaultPctPerYear: 3,
        terminalValue: { kind: 'exit-cap', exitCapRatePct: 8 },
      },
      finance: {
        discountRatePctPerYear: 9,
        miningDiscountRatePctPerYear: 18,
        leaseDiscountRatePctPerYear: 7,
      },
      fleet: [{ model: 'Test', units: 1000, hashrateThs: 100, powerW: 2000, resaleUsdPerTh: 8 }],
    }),
  ];

  it.each(scenarios.map((scenario, index) => [index, scenario] as const))(
    'scenario %i, every plan and every conversion month',
    (_index, scenario) => {
      const model = buildScenarioModel(floatArith, scenario);
      const caseModel = buildCaseModel(floatArith, model, scenario.priceCases[0]!);
      const factors = classDiscountFactors(scenario);
      const fastNpv = createFastNpv(scenario, caseModel.mining, model.leaseUnit, factors);
      const fullNpv = (plan: Parameters<typeof fastNpv>[0]) => {
        const lines = buildStrategyLines(
          floatArith,
          scenario,
          caseModel.mining,
          model.leaseUnit,
          plan,
        );
        let total = 0;
        for (const item of LINE_ITEMS) {
          lines[item.key].forEach((value, m) => {
            total += value * factors[item.class][m]!;
          });
        }
        return total;
      };
      const plans = [
        ...buildStrategyPlans(scenario),
        ...Array.from({ length: scenario.horizonMonths }, (_, k) => ({
          id: 'convert-at-month' as const,
          label: '',
          convertUtilityMw: k % 2 === 0 ? scenario.site.utilityMw : 9,
          startMonth: k,
        })),
      ];
      for (const plan of plans) {
        const expected = fullNpv(plan);
        expect(Math.abs(fastNpv(plan) - expected)).toBeLessThanOrEqual(
          1e-6 * Math.max(1, Math.abs(expected)),
        );
      }
    },
  );

  it('the best conversion month found by search is at least as good as every other month', () => {
    const evaluation = evaluate(scenarios[1]);
    const caseResult = evaluation.cases[0]!;
    const best = caseResult.strategies.find((s) => s.strategyId === 'convert-at-best-month')!;
    expect(best.conversionStartMonth).toBe(caseResult.bestConversionMonth);
    for (const result of caseResult.strategies) {
      if (result.convertUtilityMw === scenarios[1]!.site.utilityMw) {
        expect(best.npvUsd).toBeGreaterThanOrEqual(result.npvUsd - 1e-6 * Math.abs(result.npvUsd));
      }
    }
  });
});

describe('strategy names (one source for cards, tables, compare and files)', () => {
  it('re-asserts the TSDoc examples and never shows a bare "(0)"', () => {
    expect(strategyLabel('partial', 150)).toBe('Convert 150 MW, mine the rest');
    expect(strategyLabel('convert-at-best-month', 0)).toBe('Convert at the best month: now');
    expect(strategyLabel('convert-at-best-month', 18)).toBe('Convert at the best month: month 18');
    expect(strategyLabel('keep-mining')).toBe(STRATEGY_NAMES['keep-mining']);
    for (const id of Object.keys(STRATEGY_NAMES) as (keyof typeof STRATEGY_NAMES)[])
      expect(strategyLabel(id, 0)).not.toMatch(/\(\d+\)/);
  });

  it('reads alike in Compare and on the cards: the label is the name with its MW or month', () => {
    expect(STRATEGY_NAMES['convert-at-month']).toBe('Mine, then convert at a set month');
    expect(strategyLabel('convert-at-month', 24)).toBe('Mine, then convert at month 24');
    expect(STRATEGY_NAMES.partial).toBe('Convert part of the site, mine the rest');
    // Each label keeps its name's first words and last words, the parameter in between.
    for (const [id, parameter] of [
      ['partial', 150],
      ['convert-at-month', 24],
      ['convert-at-best-month', 18],
    ] as const) {
      const name = STRATEGY_NAMES[id];
      expect(strategyLabel(id, parameter).split(' ')[0]).toBe(name.split(' ')[0]);
    }
  });
});

/** A site converted in two tranches, its model and first case, and kept arrays holding `fill`. */
function trancheSite(fill: number) {
  const site = simpleSite();
  const scenario = assertScenario({
    ...site,
    conversion: {
      ...site.conversion,
      tranches: [
        { deliveryMonth: 12, itMwPct: 40 },
        { deliveryMonth: 24, itMwPct: 60 },
      ],
    },
  });
  const model = buildScenarioModel(floatArith, scenario);
  const caseModel = buildCaseModel(floatArith, model, scenario.priceCases[0]!);
  const reuse = Object.fromEntries(
    LINE_ITEMS.map((item) => [item.key, new Array<number>(scenario.horizonMonths).fill(fill)]),
  ) as Parameters<typeof buildStrategyLines<number>>[5] & object;
  return { scenario, model, caseModel, reuse };
}

describe('lines built into kept arrays (the view breakevens)', () => {
  it("equal fresh lines for every plan in turn, stale months cleared; empty lines are the shared zeros, whole-fleet lines the fleet's", () => {
    const { scenario, model, caseModel, reuse } = trancheSite(0.5);
    // Every plan twice, in an order that leaves each plan's arrays holding another plan's months.
    const plans = buildStrategyPlans(scenario, 6);
    for (const plan of [...plans, ...plans.slice().reverse()]) {
      const fresh = buildStrategyLines(
        floatArith,
        scenario,
        caseModel.mining,
        model.leaseUnit,
        plan,
      );
      const kept = buildStrategyLines(
        floatArith,
        scenario,
        caseModel.mining,
        model.leaseUnit,
        plan,
        reuse,
      );
      for (const item of LINE_ITEMS) {
        expect(kept[item.key], `${plan.id} ${item.key}`).toEqual(fresh[item.key]);
        expect(isZeroLine(fresh[item.key])).toBe(false);
        const fleetLine = item.miningLine === null ? undefined : caseModel.mining[item.miningLine];
        if (isZeroLine(kept[item.key])) {
          expect(fresh[item.key].every((x) => x === 0)).toBe(true);
        } else if (kept[item.key] === fleetLine) {
          // The whole fleet's line itself, where the plan mines with all of it every month.
          expect(fresh[item.key]).toEqual(fleetLine);
        } else if ((LEASE_LINE_KEYS as readonly string[]).includes(item.key)) {
          // The caller's array, or the plan's kept lease line: never another line's array.
          const own = kept[item.key] === reuse[item.key];
          expect(own || !Object.values(reuse).includes(kept[item.key])).toBe(true);
        } else {
          expect(kept[item.key]).toBe(reuse[item.key]);
        }
      }
    }
    expect(
      LINE_ITEMS.some((item) =>
        isZeroLine(
          buildStrategyLines(
            floatArith,
            scenario,
            caseModel.mining,
            model.leaseUnit,
            plans[0]!,
            reuse,
          )[item.key],
        ),
      ),
    ).toBe(true);
  });

  it('keeps a plan’s lease lines for probes that change neither the lease nor the conversion, and builds them anew when either changes', () => {
    const { scenario, model, caseModel, reuse } = trancheSite(0);
    const convertNow = buildStrategyPlans(scenario)[1]!;
    const keptLines = (changed: typeof scenario, leaseUnit = model.leaseUnit) =>
      buildStrategyLines(floatArith, changed, caseModel.mining, leaseUnit, convertNow, reuse);
    // Met the first time: written into the caller's arrays, nothing kept.
    const first = keptLines(scenario);
    expect(first.rentUsd).toBe(reuse.rentUsd);
    const firstLines = Object.fromEntries(LEASE_LINE_KEYS.map((key) => [key, first[key].slice()]));
    expect(firstLines.rentUsd!.some((rent) => rent > 0)).toBe(true);
    // A power-price probe next: a new scenario object, the same lease and conversion sections.
    // Met again in a row, the lease lines are kept, then found as they are.
    const powerProbe = { ...scenario, power: { ...scenario.power } };
    const again = keptLines(powerProbe);
    expect(again.rentUsd).not.toBe(reuse.rentUsd);
    const third = keptLines(powerProbe);
    for (const key of LEASE_LINE_KEYS) {
      expect(again[key], key).toEqual(firstLines[key]);
      expect(third[key], key).toBe(again[key]);
    }
    // A lease-rate probe: its own lease unit lines, so its own lease lines, equal to fresh ones.
    const leaseProbe = { ...scenario, lease: { ...scenario.lease, rateUsdPerKwMonth: 77 } };
    const leaseUnit = buildLeaseUnitLines(floatArith, leaseProbe, leaseLineMonths(leaseProbe));
    const changed = keptLines(leaseProbe, leaseUnit);
    const fresh = buildStrategyLines(
      floatArith,
      leaseProbe,
      caseModel.mining,
      leaseUnit,
      convertNow,
    );
    for (const key of LEASE_LINE_KEYS) expect(changed[key], key).toEqual(fresh[key]);
    expect(changed.rentUsd).not.toEqual(firstLines.rentUsd);
    // A capex probe: the same lease unit object but another conversion section.
    const capexProbe = {
      ...scenario,
      conversion: { ...scenario.conversion, capexUsdPerItMw: 1 },
    };
    const capexUnit = withConversion(floatArith, model.leaseUnit, capexProbe);
    expect(keptLines(capexProbe, capexUnit).capexUsd).toEqual(
      buildStrategyLines(floatArith, capexProbe, caseModel.mining, capexUnit, convertNow).capexUsd,
    );
    // The same lease unit lines under another lease section (an exit cap instead of the renewal
    // DCF): the value after the horizon is the new section's.
    const exitCapProbe = {
      ...scenario,
      lease: { ...scenario.lease, terminalValue: { kind: 'exit-cap' as const, exitCapRatePct: 8 } },
    };
    // Twice in a row: kept the second time, and still the new section's.
    keptLines(exitCapProbe);
    const exitCapLines = keptLines(exitCapProbe);
    expect(exitCapLines.terminalValueUsd).not.toBe(reuse.terminalValueUsd);
    const exitCapFresh = buildStrategyLines(
      floatArith,
      exitCapProbe,
      caseModel.mining,
      model.leaseUnit,
      convertNow,
    );
    expect(exitCapLines.terminalValueUsd).toEqual(exitCapFresh.terminalValueUsd);
    expect(exitCapLines.terminalValueUsd).not.toEqual(firstLines.terminalValueUsd);
    // The first scenario again: its kept lines, not the exit cap's.
    const back = keptLines(scenario);
    expect(back.rentUsd).toBe(again.rentUsd);
    expect(back.terminalValueUsd).toEqual(firstLines.terminalValueUsd);
  });
});

describe('buildStrategyLines: the float products written out = the generic arithmetic', () => {
  it('bit for bit, for every plan of a site converting in two tranches (shares between 0 and 1)', () => {
    const site = trancheSite(0).scenario;
    // A fleet that fills most of the site: each tranche leaves part of it mining.
    const scenario = assertScenario({
      ...site,
      fleet: site.fleet.map((model) => ({ ...model, units: model.units * 4 })),
    });
    // The same float64 operations behind another `Arith` object: the generic path runs.
    const genericFloat: Arith<number> = { ...floatArith };
    const linesOf = (arith: Arith<number>, plan: StrategyPlan) => {
      const model = buildScenarioModel(arith, scenario);
      const caseModel = buildCaseModel(arith, model, scenario.priceCases[0]!);
      return buildStrategyLines(arith, scenario, caseModel.mining, model.leaseUnit, plan);
    };
    let scaledMonths = 0;
    for (const plan of buildStrategyPlans(scenario, 6)) {
      const fast = linesOf(floatArith, plan);
      expect(fast, plan.id).toStrictEqual(linesOf(genericFloat, plan));
      const tranches = placeTranches(scenario, plan);
      const share = miningShareByMonth(floatArith, scenario, tranches, scenario.horizonMonths);
      scaledMonths += share.filter((s) => s > 0 && s < 1).length;
    }
    // The plans did scale the fleet's lines by a share strictly between 0 and 1.
    expect(scaledMonths).toBeGreaterThan(0);
  });
});

describe('regression: kept lease lines were never found in a breakeven (keep mining came between)', () => {
  it('keeps the converting plan’s lease lines when keep mining is built between its probes, as a BTC-price probe does', () => {
    const { scenario, model, caseModel, reuse } = trancheSite(0);
    const [keepMining, convertNow] = buildStrategyPlans(scenario);
    // Each plan writes into arrays of its own, as the view breakevens' do.
    const keepArrays = Object.fromEntries(
      LINE_ITEMS.map((item) => [item.key, new Array<number>(scenario.horizonMonths).fill(0)]),
    ) as typeof reuse;
    const probe = () => {
      buildStrategyLines(
        floatArith,
        scenario,
        caseModel.mining,
        model.leaseUnit,
        keepMining!,
        keepArrays,
      );
      return buildStrategyLines(
        floatArith,
        scenario,
        caseModel.mining,
        model.leaseUnit,
        convertNow!,
        reuse,
      );
    };
    const first = probe();
    expect(first.rentUsd).toBe(reuse.rentUsd);
    const second = probe();
    const third = probe();
    // From the second probe on, the lease lines are kept ones: the same arrays every probe.
    expect(second.rentUsd).not.toBe(reuse.rentUsd);
    for (const key of LEASE_LINE_KEYS) expect(third[key], key).toBe(second[key]);
    const fresh = buildStrategyLines(
      floatArith,
      scenario,
      caseModel.mining,
      model.leaseUnit,
      convertNow!,
    );
    for (const key of LEASE_LINE_KEYS) expect(third[key], key).toEqual(fresh[key]);
  });
});
