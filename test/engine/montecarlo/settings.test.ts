import { describe, expect, it } from 'vitest';
import { maxStableDifficultyElasticity } from '../../../src/schema/scenario';
import { parseScenario } from '../../../src/schema/validate';
import { loadScenarioFile, minimalScenarioInput } from '../../support/fixtures';

describe('the monteCarlo section of a scenario', () => {
  it('is optional: a file without it gets the documented defaults', () => {
    const parsed = parseScenario(minimalScenarioInput());
    if (!parsed.ok) throw new Error('the minimal scenario must be valid');
    expect(parsed.scenario.monteCarlo).toEqual({
      seed: 42,
      paths: 10_000,
      priceCase: null,
      driftPctPerYear: null,
      volatilityPctPerYear: 55,
      jumps: { kind: 'none' },
      difficultyElasticityPerMonth: 0.1,
      difficultyLagMonths: 1,
      policy: { hashpriceThresholdsUsdPerPhDay: [], deadlineMonths: [] },
      leaseRisk: {
        constructionDelayModeMonths: 3,
        constructionDelayMaxMonths: 12,
        capexOverrunMinPct: -10,
        capexOverrunModePct: 5,
        capexOverrunMaxPct: 40,
        drawTenantDefault: true,
        relettingDowntimeMonths: 12,
        drawRenewal: true,
        marketRentVolatilityPct: 20,
        exitCapVolatilityBp: 100,
        cycleCorrelation: 0.3,
      },
    });
  });

  it('fills the Merton defaults when only the kind is given', () => {
    const parsed = parseScenario({
      ...minimalScenarioInput(),
      monteCarlo: { jumps: { kind: 'merton' } },
    });
    if (!parsed.ok) throw new Error('must be valid');
    expect(parsed.scenario.monteCarlo.jumps).toEqual({
      kind: 'merton',
      jumpsPerYear: 1,
      medianJumpPct: -20,
      jumpVolatilityPctPerJump: 15,
    });
  });

  it('names the field, the value and the rule when a setting is wrong', () => {
    const issues = (monteCarlo: unknown, extra: Record<string, unknown> = {}) => {
      const parsed = parseScenario({
        ...loadScenarioFile('texas-300mw-hut8-style-lease.json'),
        ...extra,
        monteCarlo,
      });
      return parsed.ok ? [] : parsed.issues.map((i) => `${i.path} = ${i.value}: ${i.rule}`);
    };
    expect(issues({ priceCase: 'moon' })).toEqual([
      'monteCarlo.priceCase = "moon": must name one of the price cases (bear, base, bull)',
    ]);
    expect(issues({ difficultyElasticityPerMonth: 0.7, difficultyLagMonths: 2 })[0]).toMatch(
      /^monteCarlo\.difficultyElasticityPerMonth = 0\.7: must be below 0\.618 with a 2-month lag/,
    );
    expect(issues({ policy: { deadlineMonths: [12, 240] } })).toEqual([
      'monteCarlo.policy.deadlineMonths[1] = 240: must be before the end of the horizon (240 months)',
    ]);
    expect(issues({ paths: 50 })[0]).toMatch(/^monteCarlo\.paths = 50: /);
    expect(issues({ volatility: 50 })[0]).toMatch(/^monteCarlo/);
  });

  it('the stability bound: 2 sin(π / (2(2L + 1))) — 2, 1, 0.618 and 0.241 for lags 0, 1, 2, 6', () => {
    expect(
      [0, 1, 2, 6].map((lag) => Number(maxStableDifficultyElasticity(lag).toFixed(3))),
    ).toEqual([2, 1, 0.618, 0.241]);
  });

  it('the presets parse unchanged (version 1 files without the section)', () => {
    for (const name of [
      'texas-300mw-hut8-style-lease.json',
      'hydro-20mw-older-fleet-retrofit.json',
    ]) {
      expect(parseScenario(loadScenarioFile(name)).ok).toBe(true);
    }
  });
});
