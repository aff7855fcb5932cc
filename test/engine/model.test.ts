import { describe, expect, it } from 'vitest';
import { type Arith, floatArith } from '../../src/engine/arith';
import { decimalArith } from '../../src/engine/decimalArith';
import {
  buildCaseModel,
  buildScenarioModel,
  transientCaseModel,
  withPowerPricing,
} from '../../src/engine/model';
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

describe('transient case models (the probes of the breakevens, the tornado and the stress tests)', () => {
  it('equal a fresh case model for every kind of price case, with the floor rule on and off, each built into the arrays of the one before', () => {
    const preset = loadScenarioFile('feb-2026-market-snapshot.json');
    const growth = { name: 'flat', kind: 'growth', startPriceUsd: 150_000, growthPctPerYear: 0 };
    const yearly = { name: 'yearly', kind: 'yearly', pricesUsdByYear: [60_000, 90_000, 250_000] };
    const monthly = { name: 'monthly', kind: 'monthly', pricesUsdByMonth: [40_000, 300_000] };
    const previous: unknown[] = [];
    for (const marginalCostFloor of [true, false]) {
      const scenario = assertScenario({
        ...preset,
        network: { ...preset.network, marginalCostFloor },
        priceCases: [growth, yearly, monthly],
        referenceCase: 'flat',
      });
      const model = buildScenarioModel(floatArith, scenario);
      for (const priceCase of [...scenario.priceCases, ...scenario.priceCases]) {
        const fresh = buildCaseModel(floatArith, model, priceCase);
        const transient = transientCaseModel(model, priceCase);
        expect(transient).toEqual(fresh);
        // The arrays are the last transient model's, written over (past the first build).
        if (previous.length > 0) {
          expect(transient.mining.revenueUsd).toBe(previous.at(-1));
          expect(transient.mining.hashpriceUsdPerThDay).not.toBe(fresh.mining.hashpriceUsdPerThDay);
        }
        previous.push(transient.mining.revenueUsd);
      }
    }
  });

  it('leave a case model built with its own arrays untouched (a result’s model is never transient)', () => {
    const scenario = assertScenario(loadScenarioFile('hydro-20mw-older-fleet-retrofit.json'));
    const model = buildScenarioModel(floatArith, scenario);
    const kept = buildCaseModel(floatArith, model, scenario.priceCases[0]!);
    const copy = structuredClone(kept);
    for (const startPriceUsd of [20_000, 400_000]) {
      transientCaseModel(model, { name: 'p', kind: 'growth', startPriceUsd, growthPctPerYear: 5 });
    }
    expect(kept).toEqual(copy);
  });
});
