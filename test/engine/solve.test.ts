import { describe, expect, it } from 'vitest';
import type { conversionAdvantageUsd } from '../../src/engine/advantage';
import { floatArith } from '../../src/engine/arith';
import { evaluate, referenceCaseIndexOf } from '../../src/engine/evaluate';
import { buildScenarioModel } from '../../src/engine/model';
import {
  type BreakevenResult,
  solveBreakeven,
  solveBreakevenFrom,
  solveBreakevens,
  VIEW_BREAKEVEN_TOLERANCE_USD,
} from '../../src/engine/solve';
import { viewAdvantageUsd } from '../../src/engine/viewAdvantage';
import { assertScenario } from '../../src/schema/validate';
import { loadScenarioFile } from '../support/fixtures';

/** f with a count of its calls. */
function counted(f: (x: number) => number) {
  const calls: number[] = [];
  return {
    calls,
    f: (x: number) => {
      calls.push(x);
      return f(x);
    },
  };
}

const rootOf = (result: BreakevenResult) => (result.kind === 'value' ? result.value : NaN);

describe('solveBreakevenFrom: a breakeven from the scenario value, for a costly advantage', () => {
  it('f(x) = 3×10⁶ (x − 4) on [0, 100] from x = 10: the root 4 in two calls (TSDoc example)', () => {
    const { f, calls } = counted((x) => 3e6 * (x - 4));
    const result = solveBreakevenFrom(f, [0, 100], { x: 10, advantage: 18e6 });
    expect(result.kind).toBe('value');
    expect(rootOf(result)).toBeCloseTo(4, 12);
    expect(result).toMatchObject({ aboveWins: 'convert-now' });
    expect(calls).toHaveLength(2);
  });

  it('piecewise linear (a kink between the start and the root): same root as the whole-range search', () => {
    // Falling, with a kink at 50 (a debt or tax regime changing), zero at 70.
    const advantage = (x: number) => (x < 50 ? 1e9 - 1e7 * x : 5e8 - 2.5e7 * (x - 50));
    const { f, calls } = counted(advantage);
    const from = solveBreakevenFrom(f, [0, 1000], { x: 20 });
    const whole = solveBreakeven(advantage, [0, 1000]);
    expect(from).toMatchObject({ kind: 'value', aboveWins: 'keep-mining' });
    expect(whole).toMatchObject({ kind: 'value', aboveWins: 'keep-mining' });
    expect(rootOf(from)).toBeCloseTo(70, 9);
    expect(Math.abs(advantage(rootOf(from)))).toBeLessThanOrEqual(VIEW_BREAKEVEN_TOLERANCE_USD);
    expect(calls.length).toBeLessThan(8);
  });

  it('a smooth convex advantage (like the BTC price): the root to 10⁻¹⁰, in fewer calls than the whole range', () => {
    const advantage = (price: number) => 7e8 - 3e-2 * price * price;
    const root = Math.sqrt(7e8 / 3e-2);
    const from = counted(advantage);
    const whole = counted(advantage);
    const a = solveBreakevenFrom(from.f, [100, 10_000_000], { x: 90_000 });
    const b = solveBreakeven(whole.f, [100, 10_000_000]);
    expect(Math.abs(rootOf(a) - root) / root).toBeLessThan(1e-10);
    expect(Math.abs(rootOf(b) - root) / root).toBeLessThan(1e-10);
    expect(a).toMatchObject({ aboveWins: 'keep-mining' });
    expect(from.calls.length).toBeLessThan(whole.calls.length);
  });

  it('one side ahead throughout: the same answer as the whole range, either side and direction', () => {
    const cases: [(x: number) => number, number][] = [
      [(x) => 1e6 + 10 * x, 40], // rising, positive throughout
      [(x) => -1e6 - 10 * x, 40], // falling, negative throughout
      [(x) => 2e8 - 1e3 * x, 5], // falling, still positive at the top
      [(x) => -5e7 + 1e3 * x, 9_000], // rising, still negative at the top
    ];
    for (const [advantage, start] of cases) {
      const from = solveBreakevenFrom(advantage, [0, 10_000], { x: start });
      expect(from).toEqual(solveBreakeven(advantage, [0, 10_000]));
      expect(from.kind).not.toBe('value');
    }
  });

  it('a start outside the range is moved to its nearer end; a root at an end is found', () => {
    const advantage = (x: number) => x - 100;
    expect(rootOf(solveBreakevenFrom(advantage, [100, 200], { x: 500, advantage: 400 }))).toBe(100);
  });

  it('a flat or step advantage falls back to the whole-range search (same result)', () => {
    const flat = () => 5;
    expect(solveBreakevenFrom(flat, [0, 10], { x: 3 })).toEqual(solveBreakeven(flat, [0, 10]));
    // A step: the probe sees no slope; the whole range finds the jump.
    const step = (x: number) => (x < 7 ? -1 : 1);
    const result = solveBreakevenFrom(step, [0, 10], { x: 3 });
    expect(result).toEqual(solveBreakeven(step, [0, 10]));
    expect(rootOf(result)).toBeCloseTo(7, 9);
  });
});

describe('breakevens on the levered view of the presets (the board view a CFO picks)', () => {
  const presets = [
    'feb-2026-market-snapshot.json',
    'hydro-20mw-older-fleet-retrofit.json',
    'texas-300mw-hut8-style-lease.json',
  ];
  it.each(presets)(
    '%s: from the scenario, the whole-range answers in at most 60% of the calls',
    (file) => {
      const input = loadScenarioFile(file);
      const scenario = assertScenario({
        ...input,
        financing: { boardView: 'levered-after-tax', projectDebt: { amortisation: 'sculpted' } },
        tax: { stateRatePct: 5, interestLimitation: true },
      });
      const model = buildScenarioModel(floatArith, scenario);
      const reference = scenario.priceCases[referenceCaseIndexOf(scenario)]!;
      let calls = 0;
      const advantage: typeof conversionAdvantageUsd = (...args) => {
        calls += 1;
        return viewAdvantageUsd('levered-after-tax', ...args);
      };
      const whole = solveBreakevens(model, reference, advantage, undefined, 'whole-range');
      const wholeCalls = calls;
      calls = 0;
      const from = solveBreakevens(model, reference, advantage, undefined, 'from-scenario');
      expect(calls).toBeLessThanOrEqual(0.6 * wholeCalls);
      if (!from.computed || !whole.computed) throw new Error('breakevens not computed');
      for (const key of ['flatBtcPriceUsd', 'leaseRateUsdPerKwMonth', 'capexUsdPerItMw'] as const) {
        const [a, b] = [from[key], whole[key]];
        if (a.kind !== 'value' || b.kind !== 'value') throw new Error(`${key}: expected a value`);
        expect(a.aboveWins).toBe(b.aboveWins);
        expect(Math.abs(a.value - b.value) / b.value).toBeLessThan(1e-8);
      }
      expect(from.powerPriceUsdPerMwh.kind).toBe(whole.powerPriceUsdPerMwh.kind);
    },
  );
});

describe('view breakevens: every probe equals a fresh evaluation of its changed scenario', () => {
  it('bit for bit, though the probes share memos (debt, assets, depreciation) and kept arrays', () => {
    for (const file of ['texas-300mw-hut8-style-lease.json', 'feb-2026-market-snapshot.json']) {
      const scenario = assertScenario({
        ...loadScenarioFile(file),
        // A high cover with high leverage: the rent sizes the loan (DSCR binds), so each lease-rate
        // probe has a debt of its own.
        financing: {
          boardView: 'levered-after-tax',
          projectDebt: {
            loanToCostPct: 85,
            backstopLoanToCostPct: 85,
            minDscr: 2.5,
            backstopMinDscr: 2.5,
          },
        },
        tax: { stateRatePct: 5, interestLimitation: true },
      });
      const model = buildScenarioModel(floatArith, scenario);
      const referenceCase = scenario.priceCases[referenceCaseIndexOf(scenario)]!;
      const probes: { scenario: typeof scenario; priceCase: typeof referenceCase; usd: number }[] =
        [];
      const recorded: typeof conversionAdvantageUsd = (changed, priceCase, ...rest) => {
        const usd = viewAdvantageUsd('levered-after-tax', changed, priceCase, ...rest);
        probes.push({ scenario: changed, priceCase, usd });
        return usd;
      };
      solveBreakevens(model, referenceCase, recorded, undefined, 'from-scenario');
      // Lease rate, capex, power price and BTC price each moved several times.
      expect(probes.length).toBeGreaterThanOrEqual(12);
      for (const probe of probes) {
        // Validated anew: its sections are new objects, so nothing is found again from the probes.
        const fresh = evaluate(
          { ...probe.scenario, priceCases: [probe.priceCase], referenceCase: probe.priceCase.name },
          { breakevens: false, sensitivity: false, stressTests: false },
        );
        const npvOf = (id: string) =>
          fresh.cases[0]!.strategies.find((s) => s.strategyId === id)!.financing!.leveredAfterTax!
            .npvUsd;
        expect(probe.usd).toBe(npvOf('convert-now') - npvOf('keep-mining'));
      }
    }
  });
});
