import { describe, expect, it } from 'vitest';
import { floatArith } from '../../src/engine/arith';
import { classDiscountFactors, discountLines, netCashFlows } from '../../src/engine/discount';
import { buildCaseModel, buildScenarioModel } from '../../src/engine/model';
import { buildStrategyLines, buildStrategyPlans, LINE_ITEMS } from '../../src/engine/strategies';
import { assertScenario } from '../../src/schema/validate';
import { loadScenarioFile } from '../support/fixtures';

describe('net cash flows without the discounting', () => {
  it('re-asserts the TSDoc example', () => {
    const lines = Object.fromEntries(LINE_ITEMS.map((item) => [item.key, [0, 0]])) as never;
    (lines as Record<string, number[]>).rentUsd = [0, 5];
    expect(netCashFlows(lines, 2)).toEqual([0, 5]);
  });

  it("equal discountLines' net bit for bit, for every plan of every preset, and into reused arrays", () => {
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
        const alone = netCashFlows(lines, scenario.horizonMonths);
        expect(alone.map((x) => Object.is(x, -0))).toEqual(net.map((x) => Object.is(x, -0)));
        expect(alone).toEqual(net);
        expect(netCashFlows(lines, scenario.horizonMonths, reused)).toBe(reused);
        expect(reused).toEqual(net);
      }
    }
  });
});
