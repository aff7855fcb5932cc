import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatArith } from '../../../src/engine/arith';
import { buildMiningLines } from '../../../src/engine/mining';
import { buildScenarioModel } from '../../../src/engine/model';
import { buildMiningKernel, evaluateMiningPath } from '../../../src/engine/montecarlo/kernel';
import { PathRandom } from '../../../src/engine/montecarlo/rng';
import { hashpricePerBtcUsdPath } from '../../../src/engine/network';
import type { ScenarioInput } from '../../../src/schema/scenario';
import { assertScenario } from '../../../src/schema/validate';
import { scenarioArbitrary } from '../../support/arbitraries';
import { loadScenarioFile } from '../../support/fixtures';
import { simpleSite } from '../../support/simpleSite';

function simpleSiteWith(mining: Partial<NonNullable<ScenarioInput['mining']>>): ScenarioInput {
  const site = simpleSite();
  return { ...site, mining: { ...site.mining, ...mining } };
}

/**
 * The kernel against `buildMiningLines` (float) on the same price and difficulty path: random
 * scenarios (take-or-pay, curtailment, shutdown on and off, one to three models) and random
 * paths with deep drawdowns, so every shutdown regime occurs.
 */
function compareOnRandomPath(input: ScenarioInput, shutdown: boolean, seed: number) {
  const scenario = assertScenario({
    ...input,
    mining: { ...input.mining, economicShutdown: shutdown },
  });
  const model = buildScenarioModel(floatArith, scenario);
  const horizon = scenario.horizonMonths;
  const random = new PathRandom([seed | 0, 1, 2, 3]);
  const btcPriceUsd: number[] = [];
  const difficulty: number[] = [];
  for (let m = 0; m < horizon; m += 1) {
    // Independent lognormal months around $70k (s.d. 0.8) and a difficulty wandering around its
    // start: hashprice keeps crossing every model's shutdown thresholds.
    btcPriceUsd.push(70_000 * Math.exp(0.8 * random.normal()));
    difficulty.push(scenario.network.difficulty * Math.exp(0.2 * random.normal()));
  }
  const perBtcUsd = hashpricePerBtcUsdPath(
    floatArith,
    { ...model.network, difficulty },
    scenario.network.feesBtcPerBlock,
  );
  const lines = buildMiningLines(
    model.mining,
    btcPriceUsd.map((price, m) => price * perBtcUsd[m]!),
  );
  const kernel = buildMiningKernel(model.mining, lines.hashpriceUsdPerThDay[0]!);
  const net = new Float64Array(horizon);
  const resaleValue = new Float64Array(horizon);
  const stopSaleValue = new Float64Array(horizon);
  evaluateMiningPath(
    kernel,
    Float64Array.from(lines.hashpriceUsdPerThDay),
    net,
    resaleValue,
    stopSaleValue,
  );
  let regimesSeen = 0;
  for (let m = 0; m < horizon; m += 1) {
    const items = [
      lines.revenueUsd[m]!,
      lines.poolFeeUsd[m]!,
      lines.powerUsd[m]!,
      lines.takeOrPayUsd[m]!,
      lines.demandChargeUsd[m]!,
      lines.nonPowerOpexUsd[m]!,
      lines.curtailmentIncomeUsd[m]!,
      lines.refreshCapexUsd[m]!,
      lines.retiredResaleUsd[m]!,
    ];
    const expected = items.reduce((sum, v) => sum + v, 0);
    const scale = items.reduce((sum, v) => sum + Math.abs(v), 0);
    expect(Math.abs(net[m]! - expected), `month ${m}`).toBeLessThanOrEqual(1e-9 * scale);
    const resale = lines.fleetResaleValueUsd[m]!;
    expect(Math.abs(resaleValue[m]! - resale)).toBeLessThanOrEqual(1e-9 * Math.abs(resale));
    const stopSale = lines.stopSaleValueUsd[m]!;
    expect(Math.abs(stopSaleValue[m]! - stopSale)).toBeLessThanOrEqual(1e-9 * Math.abs(stopSale));
    if (lines.runningHashrateShare[m]! > 0 && lines.runningHashrateShare[m]! < 1) regimesSeen += 1;
  }
  return regimesSeen;
}

describe('Monte Carlo mining kernel = buildMiningLines', () => {
  it('on random scenarios and random paths, to 1e-9 of the month’s flows', () => {
    let partialMonths = 0;
    fc.assert(
      fc.property(scenarioArbitrary, fc.boolean(), fc.integer(), (input, shutdown, seed) => {
        partialMonths += compareOnRandomPath(input, shutdown, seed);
      }),
      { numRuns: 150, seed: 5 },
    );
    // The paths did reach the months where only part of the fleet runs.
    expect(partialMonths).toBeGreaterThan(100);
  });

  it('under the refresh’s payback trigger (one kernel per schedule), on random scenarios and paths', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.boolean(),
        fc.integer(),
        fc.double({ min: 1, max: 60, noNaN: true }),
        (input, shutdown, seed, paybackMonths) => {
          const refresh = {
            enabled: true,
            lifeYears: 4,
            trigger: 'payback' as const,
            paybackMonths,
          };
          compareOnRandomPath({ ...input, mining: { ...input.mining, refresh } }, shutdown, seed);
        },
      ),
      { numRuns: 40, seed: 9 },
    );
  });

  it('the documented example: one model always running, no take-or-pay → one regime', () => {
    // Simple site: 1,000 × 100 TH at 2 kW, $50/MWh, January (31 days), uptime 97%, pool fee 2%,
    // opex $2/MWh, no shutdown.
    const scenario = assertScenario(
      simpleSiteWith({
        uptimePct: 97,
        poolFeePct: 2,
        nonPowerOpexUsdPerMwh: 2,
        economicShutdown: false,
      }),
    );
    const model = buildScenarioModel(floatArith, scenario);
    const kernel = buildMiningKernel(model.mining, 0.036);
    expect(kernel.blocksPerMonth).toBe(1);
    expect(kernel.thresholds[0]).toBe(Number.POSITIVE_INFINITY);
    const energyMwh = (2000 * 744 * 0.97) / 1000;
    expect(kernel.slopes[0]).toBeCloseTo(31 * 0.97 * 100_000 * 0.98, 6);
    expect(kernel.intercepts[0]).toBeCloseTo(-energyMwh * (50 + 2), 6);
    const net = new Float64Array(scenario.horizonMonths);
    evaluateMiningPath(
      kernel,
      new Float64Array(scenario.horizonMonths).fill(0.036),
      net,
      new Float64Array(scenario.horizonMonths),
      new Float64Array(scenario.horizonMonths),
    );
    expect(net[0]).toBeCloseTo(0.036 * 31 * 0.97 * 100_000 * 0.98 - energyMwh * 52, 6);
  });

  it('on the 300 MW Texas preset (take-or-pay 25%, curtailment, two models)', () => {
    const input = loadScenarioFile('texas-300mw-hut8-style-lease.json');
    expect(compareOnRandomPath(input, true, 7)).toBeGreaterThan(0);
    compareOnRandomPath(input, false, 8);
  });
});
