import { describe, expect, it } from 'vitest';
import { type Arith, floatArith } from '../../src/engine/arith';
import { decimalArith } from '../../src/engine/decimalArith';
import { buildCaseModel, buildScenarioModel, withPowerPricing } from '../../src/engine/model';
import type { Scenario } from '../../src/schema/scenario';
import { assertScenario } from '../../src/schema/validate';
import { loadScenarioFile } from '../support/fixtures';

const texas = assertScenario(loadScenarioFile('texas-300mw-hut8-style-lease.json'));

describe('scenario model shared by the price cases', () => {
  /** The last case's mining lines built after every case on one model, and on a fresh model. */
  function lastCaseBothWays<T>(arith: Arith<T>) {
    const shared = buildScenarioModel(arith, texas);
    const lastCase = texas.priceCases.at(-1)!;
    for (const priceCase of texas.priceCases) buildCaseModel(arith, shared, priceCase);
    return {
      afterOthers: buildCaseModel(arith, shared, lastCase).mining,
      fresh: buildCaseModel(arith, buildScenarioModel(arith, texas), lastCase).mining,
    };
  }

  it('a case built after the others (shared regime memo) equals the case built on a fresh model', () => {
    for (const { afterOthers, fresh } of [
      lastCaseBothWays(floatArith),
      lastCaseBothWays(decimalArith),
    ]) {
      expect(afterOthers.revenueUsd.map(String)).toEqual(fresh.revenueUsd.map(String));
      expect(afterOthers.powerUsd.map(String)).toEqual(fresh.powerUsd.map(String));
      expect(afterOthers.runningHashrateShare).toEqual(fresh.runningHashrateShare);
    }
  });

  it('the price cases meet shared shutdown regimes: fewer regimes than case-months', () => {
    const model = buildScenarioModel(floatArith, texas);
    for (const priceCase of texas.priceCases) buildCaseModel(floatArith, model, priceCase);
    let regimes = 0;
    // Months with the same terms and energy price (a contract year's months of equal length)
    // share one list: count each list once; every list has met at least one regime.
    const lists = new Set(model.mining.regimes);
    for (const met of lists) {
      expect(met?.length).toBeGreaterThanOrEqual(1);
      regimes += met?.length ?? 0;
    }
    expect(lists.size).toBeLessThan(texas.horizonMonths);
    expect(regimes).toBeLessThan(texas.horizonMonths * texas.priceCases.length);
  });

  it('withPowerPricing rebuilds the energy prices and mining terms (regression: a stale basis)', () => {
    const pricing = texas.power.pricing;
    if (pricing.kind !== 'fixed') throw new Error('the Texas preset is on fixed-price power');
    const changed: Scenario = {
      ...texas,
      power: { ...texas.power, pricing: { ...pricing, priceUsdPerMwh: 95 } },
    };
    const base = buildScenarioModel(floatArith, texas);
    const repriced = withPowerPricing(floatArith, base, changed);
    const rebuilt = buildScenarioModel(floatArith, changed);
    const priceCase = texas.priceCases[1]!;
    expect(repriced.energyPriceUsdPerMwh).toEqual(rebuilt.energyPriceUsdPerMwh);
    const viaRepriced = buildCaseModel(floatArith, repriced, priceCase).mining;
    const viaRebuilt = buildCaseModel(floatArith, rebuilt, priceCase).mining;
    expect(viaRepriced.powerUsd).toEqual(viaRebuilt.powerUsd);
    expect(viaRepriced.runningHashrateShare).toEqual(viaRebuilt.runningHashrateShare);
    // $95/MWh switches the older model off in some months that $42 ran: the change reached them.
    const baseMining = buildCaseModel(floatArith, base, priceCase).mining;
    expect(viaRepriced.runningHashrateShare).not.toEqual(baseMining.runningHashrateShare);
  });
});
