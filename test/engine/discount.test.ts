import { describe, expect, it } from 'vitest';
import { floatArith } from '../../src/engine/arith';
import {
  classDiscountFactors,
  discountLines,
  netCashFlowsAndPresentValue,
} from '../../src/engine/discount';
import { buildCaseModel, buildScenarioModel } from '../../src/engine/model';
import { buildStrategyLines, buildStrategyPlans, LINE_ITEMS } from '../../src/engine/strategies';
import { assertScenario } from '../../src/schema/validate';
import { loadScenarioFile } from '../support/fixtures';

describe('net cash flows and their present value at one set of factors, in one pass', () => {
  it('re-asserts the TSDoc example', () => {
    const lines = Object.fromEntries(LINE_ITEMS.map((item) => [item.key, [0, 0]])) as never;
    (lines as Record<string, number[]>).rentUsd = [0, 5];
    const net = [7, 7];
    expect(netCashFlowsAndPresentValue(lines, 2, [1, 0.5], net)).toBe(2.5);
    expect(net).toEqual([0, 5]);
    expect(() => netCashFlowsAndPresentValue(lines, 2, [1, 0.5], [0])).toThrow(/horizon is 2/);
  });

  it("equal discountLines' net and NPV (every class at the same factors) bit for bit, for every plan of every preset, into a reused array", () => {
    for (const file of [
      'feb-2026-market-snapshot.json',
      'hydro-20mw-older-fleet-retrofit.json',
      'texas-300mw-hut8-style-lease.json',
    ]) {
      const scenario = assertScenario(loadScenarioFile(file));
      const model = buildScenarioModel(floatArith, scenario);
      const caseModel = buildCaseModel(floatArith, model, scenario.priceCases[0]!);
      const factors = classDiscountFactors(scenario);
      const reused = new Array<number>(scenario.horizonMonths).fill(123);
      for (const plan of buildStrategyPlans(scenario, 12)) {
        const lines = buildStrategyLines(
          floatArith,
          scenario,
          caseModel.mining,
          model.leaseUnit,
          plan,
        );
        const { net } = discountLines(lines, factors, scenario.horizonMonths);
        // Every class at the mining factors: the NPV discountLines sums with those factors.
        const sameFactors = {
          mining: factors.mining,
          construction: factors.mining,
          lease: factors.mining,
        };
        const atOneRate = discountLines(lines, sameFactors, scenario.horizonMonths);
        const pv = netCashFlowsAndPresentValue(
          lines,
          scenario.horizonMonths,
          factors.mining,
          reused,
        );
        expect(reused.map((x) => Object.is(x, -0))).toEqual(net.map((x) => Object.is(x, -0)));
        expect(reused).toEqual(net);
        const { mining, construction, lease } = atOneRate.npvByClassUsd;
        expect(pv).toBe(mining + construction + lease);
      }
    }
  });
});
