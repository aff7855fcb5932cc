import { describe, expect, it } from 'vitest';
import { floatArith } from '../../../src/engine/arith';
import { classDiscountFactors } from '../../../src/engine/discount';
import { buildMiningLines, paybackVintages } from '../../../src/engine/mining';
import { buildCaseModel, buildScenarioModel } from '../../../src/engine/model';
import { prepareMonteCarlo, runMonteCarlo } from '../../../src/engine/montecarlo/index';
import { createPathBuffers, simulatePath } from '../../../src/engine/montecarlo/paths';
import { pathRandom } from '../../../src/engine/montecarlo/rng';
import { hashpricePerBtcUsdPath } from '../../../src/engine/network';
import { buildBtcPricePath } from '../../../src/engine/price';
import { buildStrategyLines, LINE_ITEMS } from '../../../src/engine/strategies';
import type { ScenarioInput } from '../../../src/schema/scenario';
import { assertScenario } from '../../../src/schema/validate';
import { loadScenarioFile } from '../../support/fixtures';
import { NO_LEASE_RISK } from '../../support/leaseRisk';

/** The February 2026 preset, refresh on the payback trigger (30 months), volatile paths, a short horizon. */
function februaryOnPayback(): ScenarioInput {
  const input = loadScenarioFile('feb-2026-market-snapshot.json');
  return {
    ...input,
    horizonMonths: 96,
    mining: {
      ...input.mining,
      refresh: { enabled: true, lifeYears: 5, trigger: 'payback', paybackMonths: 30 },
    },
    monteCarlo: {
      ...input.monteCarlo,
      volatilityPctPerYear: 80,
      difficultyElasticityPerMonth: 0.2,
      difficultyLagMonths: 2,
      leaseRisk: NO_LEASE_RISK,
    },
  };
}

describe('Monte Carlo under the payback trigger: every path uses the rule on its own prices', () => {
  it('the NPVs of eight paths equal buildMiningLines + buildStrategyLines on each path', () => {
    const input = februaryOnPayback();
    const paths = 8;
    const result = runMonteCarlo(input, { paths, seed: 31 });
    const { context } = prepareMonteCarlo(input, { paths, seed: 31 });
    const scenario = assertScenario(input);
    const model = buildScenarioModel(floatArith, scenario);
    const centrePrice = buildBtcPricePath(floatArith, context.centreCase, scenario.horizonMonths);
    const centreDifficulty = buildCaseModel(floatArith, model, context.centreCase).difficulty;
    const factors = classDiscountFactors(scenario);
    const buffers = createPathBuffers(scenario.horizonMonths);
    const schedules = new Set<string>();
    const npvByPath = Array.from({ length: paths }, (_, path) => {
      simulatePath(context.pathModel, pathRandom(31, path), buffers);
      const price = centrePrice.map((p, m) => p * Math.exp(buffers.logPriceDeviation[m]!));
      const difficulty = centreDifficulty.map(
        (d, m) => d * Math.exp(buffers.logDifficultyDeviation[m]!),
      );
      const perBtcUsd = hashpricePerBtcUsdPath(
        floatArith,
        { ...model.network, difficulty },
        scenario.network.feesBtcPerBlock,
      );
      const hashprice = price.map((p, m) => p * perBtcUsd[m]!);
      schedules.add(
        JSON.stringify(
          paybackVintages(model.mining, hashprice).map((slot) => slot.map((v) => v.fromMonth)),
        ),
      );
      const mining = buildMiningLines(model.mining, hashprice);
      return context.strategies.map(({ plan }) => {
        const lines = buildStrategyLines(floatArith, scenario, mining, model.leaseUnit, plan);
        let npv = 0;
        for (const item of LINE_ITEMS) {
          lines[item.key].forEach((flow, m) => {
            npv += flow * factors[item.class][m]!;
          });
        }
        return npv;
      });
    });
    // The payback trigger did act: no path replaces only at end of life.
    const endOfLife = JSON.stringify(
      model.mining.setup.models.map((slot) => slot.vintages.map((v) => v.fromMonth)),
    );
    expect(schedules.has(endOfLife)).toBe(false);
    result.strategies.forEach((strategy, s) => {
      const values = npvByPath.map((npvs) => npvs[s]!);
      const mean = values.reduce((sum, v) => sum + v, 0) / paths;
      const gap = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
      expect(gap(strategy.npv.minUsd, Math.min(...values))).toBeLessThanOrEqual(1e-9);
      expect(gap(strategy.npv.maxUsd, Math.max(...values))).toBeLessThanOrEqual(1e-9);
      expect(gap(strategy.npv.meanUsd, mean)).toBeLessThanOrEqual(1e-9);
    });
  });
});
