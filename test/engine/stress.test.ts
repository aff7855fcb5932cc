import { describe, expect, it } from 'vitest';
import { floatArith } from '../../src/engine/arith';
import { evaluate } from '../../src/engine/evaluate';
import { buildBtcPricePath } from '../../src/engine/price';
import { delayConstruction, scalePowerPrice } from '../../src/engine/sensitivity';
import { describeStressTest } from '../../src/engine/stress';
import {
  DEFAULT_STRESS_TESTS,
  type Scenario,
  type ScenarioInput,
  stressTestSchema,
} from '../../src/schema/scenario';
import { assertScenario, parseScenario } from '../../src/schema/validate';
import { loadScenarioFile } from '../support/fixtures';

const PRESETS = [
  'texas-300mw-hut8-style-lease.json',
  'hydro-20mw-older-fleet-retrofit.json',
  'feb-2026-market-snapshot.json',
];

const relativeGap = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

/** The NPVs of the engine's reference case for every strategy. */
function referenceNpvs(input: unknown): Map<string, number> {
  const evaluation = evaluate(input, { breakevens: false, sensitivity: false, stressTests: false });
  const reference = evaluation.cases[evaluation.referenceCaseIndex]!;
  return new Map(reference.strategies.map((s) => [s.strategyId, s.npvUsd]));
}

/** The stress row `name` of the scenario, strategy by strategy. */
function stressNpvs(input: ScenarioInput, test: Record<string, unknown>): Map<string, number> {
  const evaluation = evaluate(
    { ...input, stressTests: [test] },
    { breakevens: false, sensitivity: false },
  );
  const row = evaluation.stressTests.rows[0]!;
  return new Map(row.strategies.map((s) => [s.strategyId, s.npvUsd]));
}

function expectSameNpvs(actual: Map<string, number>, expected: Map<string, number>) {
  for (const [id, value] of expected) {
    // The best month is the base case's plan in a stress; compare the fixed plans.
    if (id === 'convert-at-best-month') continue;
    expect(relativeGap(actual.get(id)!, value), id).toBeLessThan(1e-9);
  }
}

describe('stress tests (engine/stress.ts)', () => {
  it('a file without stress tests gets the seven a board asks for', () => {
    const scenario = assertScenario(loadScenarioFile('texas-300mw-hut8-style-lease.json'));
    expect(scenario.stressTests.map((t) => t.name)).toEqual([
      'Tenant defaults in year 3',
      'Build 12 months late',
      'Capex +40%',
      'BTC −60% for two years',
      'Difficulty +40% in a year',
      'Power +50%',
      'Exit cap +200 bp',
    ]);
    expect(scenario.stressTests).toHaveLength(DEFAULT_STRESS_TESTS.length);
    expect(describeStressTest(scenario.stressTests[3]!)).toBe('BTC −60% for 24 months');
  });

  it.each(PRESETS)(
    '%s: a stress with no shock is the deterministic engine, every strategy',
    (name) => {
      const input = loadScenarioFile(name);
      const evaluation = evaluate({ ...input, stressTests: [{ name: 'none' }] });
      const reference = evaluation.cases[evaluation.referenceCaseIndex]!;
      const row = evaluation.stressTests.rows[0]!;
      expect(row.description).toBe('no shock');
      row.strategies.forEach((s, i) => {
        expect(s.strategyId).toBe(reference.strategies[i]!.strategyId);
        expect(relativeGap(s.npvUsd, reference.strategies[i]!.npvUsd)).toBeLessThan(1e-9);
        expect(Math.abs(s.changeUsd)).toBeLessThan(1e-6 * Math.abs(s.npvUsd) + 1e-3);
      });
      evaluation.stressTests.base.forEach((s, i) => {
        expect(relativeGap(s.npvUsd, reference.strategies[i]!.npvUsd)).toBeLessThan(1e-9);
      });
    },
  );

  it.each(PRESETS)('%s: each standard shock equals the engine on the shocked scenario', (name) => {
    const input = loadScenarioFile(name);
    const scenario: Scenario = assertScenario(input);
    const base = scenario.priceCases.find((c) => c.name === 'base') ?? scenario.priceCases[0]!;
    const single = (s: Scenario): ScenarioInput => ({ ...s, priceCases: [base] }) as ScenarioInput;

    // BTC −60% for two years: a monthly case.
    const prices = buildBtcPricePath(floatArith, base, scenario.horizonMonths).map((p, m) =>
      m < 24 ? p * 0.4 : p,
    );
    expectSameNpvs(
      stressNpvs(single(scenario), {
        name: 'btc',
        btcPriceChangePct: -60,
        btcPriceChangeMonths: 24,
      }),
      referenceNpvs({
        ...single(scenario),
        priceCases: [{ name: base.name, kind: 'monthly', pricesUsdByMonth: prices }],
      }),
    );
    // Capex +40%.
    expectSameNpvs(
      stressNpvs(single(scenario), { name: 'capex', capexChangePct: 40 }),
      referenceNpvs({
        ...single(scenario),
        conversion: {
          ...scenario.conversion,
          capexUsdPerItMw: scenario.conversion.capexUsdPerItMw * 1.4,
        },
      }),
    );
    // Power +50%.
    expectSameNpvs(
      stressNpvs(single(scenario), { name: 'power', powerPriceChangePct: 50 }),
      referenceNpvs(single(scalePowerPrice(scenario, 1.5))),
    );
    // Build 12 months late: construction starts as planned and lasts 12 months longer.
    expectSameNpvs(
      stressNpvs(single(scenario), { name: 'late', constructionDelayMonths: 12 }),
      referenceNpvs(single(delayConstruction(scenario, 12))),
    );
    // Difficulty +40% in a year: year 1's growth × 1.4.
    const { network } = scenario;
    const yearOne =
      network.difficultyGrowthOverridesPctByYear[0] ?? network.difficultyGrowthPctPerYear;
    expectSameNpvs(
      stressNpvs(single(scenario), { name: 'difficulty', difficultyChangePct: 40 }),
      referenceNpvs({
        ...single(scenario),
        network: {
          ...network,
          difficultyGrowthOverridesPctByYear: [
            ((1 + yearOne / 100) * 1.4 - 1) * 100,
            ...network.difficultyGrowthOverridesPctByYear.slice(1),
          ],
        },
      }),
    );
    // Exit cap +200 bp.
    const terminal = scenario.lease.terminalValue;
    if (terminal.kind === 'exit-cap') {
      expectSameNpvs(
        stressNpvs(single(scenario), { name: 'cap', exitCapChangeBp: 200 }),
        referenceNpvs({
          ...single(scenario),
          lease: {
            ...scenario.lease,
            terminalValue: { ...terminal, exitCapRatePct: terminal.exitCapRatePct + 2 },
          },
        }),
      );
    }
  });

  it.each(PRESETS)(
    'regression: exit cap +200 bp changed nothing on a lease valued by renewal DCF (%s): it raises the exit yield and costs every converting strategy',
    (name) => {
      const input = loadScenarioFile(name);
      const evaluation = evaluate(input, { breakevens: false, sensitivity: false });
      expect(evaluation.scenario.lease.terminalValue.kind).toBe('renewal-dcf');
      const row = evaluation.stressTests.rows.find((r) => r.test.name === 'Exit cap +200 bp')!;
      expect(row.description).toBe(
        'exit cap +200 bp (the lease after the horizon valued at the lease rate +200 bp)',
      );
      for (const strategy of row.strategies) {
        if (strategy.strategyId === 'keep-mining') expect(strategy.changeUsd).toBe(0);
        else expect(strategy.changeUsd, strategy.label).toBeLessThan(0);
      }
      // −200 bp raises them: the shock works both ways.
      const down = stressNpvs(input, { name: 'cap down', exitCapChangeBp: -200 });
      const base = referenceNpvs(input);
      expect(down.get('convert-now')!).toBeGreaterThan(base.get('convert-now')!);
    },
  );

  it.each(PRESETS)(
    '%s: the tenant defaulting in year 3 costs every converting strategy',
    (name) => {
      const evaluation = evaluate(loadScenarioFile(name), {
        breakevens: false,
        sensitivity: false,
      });
      const row = evaluation.stressTests.rows.find(
        (r) => r.test.name === 'Tenant defaults in year 3',
      )!;
      for (const strategy of row.strategies) {
        if (strategy.strategyId === 'keep-mining') expect(strategy.changeUsd).toBe(0);
        else expect(strategy.changeUsd, strategy.label).toBeLessThan(0);
      }
    },
  );

  it('names the field, the value and the rule when a stress test is wrong', () => {
    const issues = (stressTests: unknown) => {
      const parsed = parseScenario({
        ...loadScenarioFile('texas-300mw-hut8-style-lease.json'),
        stressTests,
      });
      return parsed.ok ? [] : parsed.issues.map((i) => `${i.path} = ${i.value}: ${i.rule}`);
    };
    expect(issues([{ name: 'A' }, { name: 'A' }])).toEqual([
      'stressTests[1].name = "A": must be unique among the stress tests',
    ]);
    expect(issues([{ name: 'A', capexChangePct: 900 }])[0]).toMatch(
      /^stressTests\[0\]\.capexChangePct = 900: /,
    );
    expect(issues([{ name: 'A', constructionDelayMonths: 2.5 }])[0]).toMatch(
      /^stressTests\[0\]\.constructionDelayMonths = 2\.5: /,
    );
    expect(issues([{ name: '' }])[0]).toMatch(/^stressTests\[0\]\.name = "": /);
    expect(issues([{ name: 'A', shock: 1 }])[0]).toMatch(/^stressTests\[0\]\.shock/);
    expect(stressTestSchema.parse({ name: 'x' }).tenantDefaultLeaseMonth).toBeNull();
  });
});
