import { describe, expect, it } from 'vitest';
import {
  assertScenario,
  formatIssue,
  parseScenario,
  ScenarioError,
  type ScenarioIssue,
} from '../../src/schema/validate';
import { loadScenarioFile, minimalScenarioInput } from '../support/fixtures';

/** The valid base every row mutates: a fresh parse of the Texas example each time. */
const BASE_FILE = 'texas-300mw-hut8-style-lease.json';

type Key = string | number;
type Mutation = (scenario: Record<string, unknown>) => unknown;

function containerAt(root: unknown, path: readonly Key[]): Record<Key, unknown> {
  return path
    .slice(0, -1)
    .reduce<Record<Key, unknown>>(
      (node, key) => node[key] as Record<Key, unknown>,
      root as Record<Key, unknown>,
    );
}

const set =
  (path: readonly Key[], value: unknown): Mutation =>
  (scenario) => {
    containerAt(scenario, path)[path.at(-1)!] = value;
    return scenario;
  };

const remove =
  (path: readonly Key[]): Mutation =>
  (scenario) => {
    delete containerAt(scenario, path)[path.at(-1)!];
    return scenario;
  };

const replaceFileWith =
  (value: unknown): Mutation =>
  () =>
    value;

interface Row {
  readonly name: string;
  readonly mutate: Mutation;
  /** Exact path and value text; the rule matches by substring. */
  readonly path: string;
  readonly value: string;
  readonly rule: string;
}

// Texas base: 300 MW site, fleet 230.34 MW with overhead, constructionMonths 18, tranches 50/50
// at months 18 and 24, horizon 240, price cases bear/base/bull.
const ROWS: readonly Row[] = [
  // Numbers out of range or not numbers at all
  {
    name: 'negative site MW',
    mutate: set(['site', 'utilityMw'], -5),
    path: 'site.utilityMw',
    value: '-5',
    rule: 'must be greater than 0',
  },
  {
    name: 'zero site MW',
    mutate: set(['site', 'utilityMw'], 0),
    path: 'site.utilityMw',
    value: '0',
    rule: 'must be greater than 0',
  },
  {
    name: 'NaN in a number field',
    mutate: set(['site', 'utilityMw'], Number.NaN),
    path: 'site.utilityMw',
    value: 'NaN',
    rule: 'must be a finite number',
  },
  {
    name: 'Infinity in a number field',
    mutate: set(['lease', 'rateUsdPerKwMonth'], Number.POSITIVE_INFINITY),
    path: 'lease.rateUsdPerKwMonth',
    value: 'Infinity',
    rule: 'must be a finite number',
  },
  {
    name: '-Infinity in a number field',
    mutate: set(['network', 'difficulty'], Number.NEGATIVE_INFINITY),
    path: 'network.difficulty',
    value: '-Infinity',
    rule: 'must be a finite number',
  },
  {
    name: 'NaN in a whole-number field',
    mutate: set(['fleet', 0, 'units'], Number.NaN),
    path: 'fleet[0].units',
    value: 'NaN',
    rule: 'must be a finite number',
  },
  {
    name: 'string where a number goes',
    mutate: set(['site', 'utilityMw'], '300'),
    path: 'site.utilityMw',
    value: '"300"',
    rule: 'must be a number',
  },
  {
    name: 'non-integer unit count',
    mutate: set(['fleet', 0, 'units'], 10.5),
    path: 'fleet[0].units',
    value: '10.5',
    rule: 'must be a whole number',
  },
  {
    name: 'negative unit count',
    mutate: set(['fleet', 1, 'units'], -1),
    path: 'fleet[1].units',
    value: '-1',
    rule: 'must be at least 0',
  },
  {
    name: 'horizon of 500 years',
    mutate: set(['horizonMonths'], 6000),
    path: 'horizonMonths',
    value: '6000',
    rule: 'must be at most 480',
  },
  {
    name: 'difficulty 0',
    mutate: set(['network', 'difficulty'], 0),
    path: 'network.difficulty',
    value: '0',
    rule: 'must be at least 1000000000',
  },
  {
    name: 'uptime 150%',
    mutate: set(['mining', 'uptimePct'], 150),
    path: 'mining.uptimePct',
    value: '150',
    rule: 'must be at most 100',
  },
  {
    name: 'pool fee 80%',
    mutate: set(['mining', 'poolFeePct'], 80),
    path: 'mining.poolFeePct',
    value: '80',
    rule: 'must be at most 50',
  },
  {
    name: 'negative price inside a yearly table',
    mutate: set(['priceCases', 2, 'pricesUsdByYear', 1], -1),
    path: 'priceCases[2].pricesUsdByYear[1]',
    value: '-1',
    rule: 'must be greater than 0',
  },
  {
    name: 'string where a boolean goes',
    mutate: set(['mining', 'economicShutdown'], 'yes'),
    path: 'mining.economicShutdown',
    value: '"yes"',
    rule: 'must be a boolean',
  },
  // Missing fields
  {
    name: 'missing lease rate',
    mutate: remove(['lease', 'rateUsdPerKwMonth']),
    path: 'lease.rateUsdPerKwMonth',
    value: '(missing)',
    rule: 'is required',
  },
  {
    name: 'missing site',
    mutate: remove(['site']),
    path: 'site',
    value: '(missing)',
    rule: 'is required',
  },
  {
    name: 'missing power draw of a model',
    mutate: remove(['fleet', 0, 'powerW']),
    path: 'fleet[0].powerW',
    value: '(missing)',
    rule: 'is required',
  },
  {
    name: 'exit-cap terminal value without its rate',
    mutate: set(['lease', 'terminalValue'], { kind: 'exit-cap' }),
    path: 'lease.terminalValue.exitCapRatePct',
    value: '(missing)',
    rule: 'is required',
  },
  // File marker and version
  {
    name: 'version 0',
    mutate: set(['version'], 0),
    path: 'version',
    value: '0',
    rule: 'must be a whole number from 1',
  },
  {
    name: 'version 3 (from a newer app)',
    mutate: set(['version'], 3),
    path: 'version',
    value: '3',
    rule: 'is newer than this app understands (version 2)',
  },
  {
    name: 'version as a string',
    mutate: set(['version'], '1'),
    path: 'version',
    value: '"1"',
    rule: 'must be a whole number from 1',
  },
  {
    name: 'missing version',
    mutate: remove(['version']),
    path: 'version',
    value: '(missing)',
    rule: 'must be a whole number from 1',
  },
  {
    name: 'wrong schema marker',
    mutate: set(['schema'], 'mine-or-lease/portfolio'),
    path: 'schema',
    value: '"mine-or-lease/portfolio"',
    rule: 'must be "mine-or-lease/scenario"',
  },
  {
    name: 'missing schema marker',
    mutate: remove(['schema']),
    path: 'schema',
    value: '(missing)',
    rule: 'must be "mine-or-lease/scenario"',
  },
  // Unknown fields
  {
    name: 'unknown field at top level',
    mutate: set(['colour'], 'blue'),
    path: 'colour',
    value: '"blue"',
    rule: 'unknown field',
  },
  {
    name: 'unknown nested field',
    mutate: set(['lease', 'rentUsd'], 12),
    path: 'lease.rentUsd',
    value: '12',
    rule: 'unknown field',
  },
  {
    name: 'unknown field in an array item',
    mutate: set(['fleet', 1, 'firmware'], 'braiins'),
    path: 'fleet[1].firmware',
    value: '"braiins"',
    rule: 'unknown field',
  },
  {
    name: 'misspelt field name',
    mutate: set(['site'], { utilityMW: 300 }),
    path: 'site.utilityMW',
    value: '300',
    rule: 'unknown field',
  },
  // Formats and choices
  {
    name: 'start month 13',
    mutate: set(['startMonth'], '2026-13'),
    path: 'startMonth',
    value: '"2026-13"',
    rule: 'must be a month written YYYY-MM',
  },
  {
    name: 'two-digit start year',
    mutate: set(['startMonth'], '26-01'),
    path: 'startMonth',
    value: '"26-01"',
    rule: 'must be a month written YYYY-MM',
  },
  {
    name: 'blank scenario name',
    mutate: set(['name'], '   '),
    path: 'name',
    value: '""',
    rule: 'must have at least 1 character(s)',
  },
  {
    name: 'unknown price case kind',
    mutate: set(['priceCases', 0, 'kind'], 'linear'),
    path: 'priceCases[0].kind',
    value: '"linear"',
    rule: 'must be "growth", "yearly" or "monthly"',
  },
  {
    name: 'price case without a kind',
    mutate: remove(['priceCases', 1, 'kind']),
    path: 'priceCases[1].kind',
    value: '(missing)',
    rule: 'must be "growth", "yearly" or "monthly"',
  },
  {
    name: 'unknown power pricing kind',
    mutate: set(['power', 'pricing', 'kind'], 'spot'),
    path: 'power.pricing.kind',
    value: '"spot"',
    rule: 'must be "fixed" or "index"',
  },
  {
    name: 'unknown lease type',
    mutate: set(['lease', 'leaseType'], 'gross'),
    path: 'lease.leaseType',
    value: '"gross"',
    rule: 'must be "nnn" or "modified-gross"',
  },
  {
    name: 'unknown refresh trigger',
    mutate: set(['mining', 'refresh', 'trigger'], 'yearly'),
    path: 'mining.refresh.trigger',
    value: '"yearly"',
    rule: 'must be "end-of-life" or "payback"',
  },
  {
    name: 'payback months of zero',
    mutate: set(['mining', 'refresh', 'paybackMonths'], 0),
    path: 'mining.refresh.paybackMonths',
    value: '0',
    rule: 'must be greater than 0',
  },
  // Lists
  {
    name: 'empty fleet',
    mutate: set(['fleet'], []),
    path: 'fleet',
    value: 'an array of 0',
    rule: 'must have at least 1 item(s)',
  },
  {
    name: 'empty price cases',
    mutate: set(['priceCases'], []),
    path: 'priceCases',
    value: 'an array of 0',
    rule: 'must have at least 1 item(s)',
  },
  {
    name: 'object where a list goes',
    mutate: set(['fleet'], {}),
    path: 'fleet',
    value: 'an object',
    rule: 'must be an array',
  },
  // Cross-field rules
  {
    name: 'duplicate price case names',
    mutate: set(['priceCases', 1, 'name'], 'bear'),
    path: 'priceCases[1].name',
    value: '"bear"',
    rule: 'must be unique among the price cases',
  },
  {
    name: 'tranches not summing to 100%',
    mutate: set(['conversion', 'tranches', 1, 'itMwPct'], 40),
    path: 'conversion.tranches',
    value: '90',
    rule: 'must deliver 100% of the IT MW in total',
  },
  {
    name: 'tranche delivered before construction ends',
    mutate: set(['conversion', 'tranches', 0, 'deliveryMonth'], 6),
    path: 'conversion.tranches[0].deliveryMonth',
    value: '6',
    rule: 'must be at least the construction time (18 months)',
  },
  {
    name: 'fleet drawing more than the site',
    mutate: set(['fleet', 0, 'units'], 400_000),
    path: 'fleet',
    value: '1620.3',
    rule: "more than the site's 300 MW",
  },
  {
    name: 'IT MW over the site',
    mutate: set(['conversion', 'itMw'], 400),
    path: 'conversion.itMw',
    value: '400',
    rule: "must not exceed the site's utility capacity (300 MW)",
  },
  {
    name: 'partial conversion over the site',
    mutate: set(['strategies', 'partialConvertUtilityMw'], 400),
    path: 'strategies.partialConvertUtilityMw',
    value: '400',
    rule: "must not exceed the site's utility capacity (300 MW)",
  },
  {
    name: 'conversion month at the horizon',
    mutate: set(['strategies', 'convertAtMonth'], 240),
    path: 'strategies.convertAtMonth',
    value: '240',
    rule: 'must be before the end of the horizon (240 months)',
  },
  // Not a scenario object at all
  {
    name: 'an array',
    mutate: replaceFileWith([]),
    path: '(file)',
    value: 'an array of 0',
    rule: 'must be a JSON object',
  },
  {
    name: 'null',
    mutate: replaceFileWith(null),
    path: '(file)',
    value: 'null',
    rule: 'must be a JSON object',
  },
  {
    name: 'a string',
    mutate: replaceFileWith('scenario'),
    path: '(file)',
    value: '"scenario"',
    rule: 'must be a JSON object',
  },
  {
    name: 'a number',
    mutate: replaceFileWith(42),
    path: '(file)',
    value: '42',
    rule: 'must be a JSON object',
  },
];

function issuesFor(row: Row): readonly ScenarioIssue[] {
  const base = loadScenarioFile(BASE_FILE) as unknown as Record<string, unknown>;
  const result = parseScenario(row.mutate(base));
  expect(result.ok, `${row.name} must be rejected`).toBe(false);
  return result.ok ? [] : result.issues;
}

describe('parseScenario rejects bad input with path, value and rule', () => {
  it('starts from a valid base', () => {
    expect(parseScenario(loadScenarioFile(BASE_FILE)).ok).toBe(true);
    expect(ROWS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(ROWS)('$name', (row) => {
    const issues = issuesFor(row);
    const match = issues.find(
      (issue) =>
        issue.path === row.path && issue.value === row.value && issue.rule.includes(row.rule),
    );
    expect(match, `got: ${issues.map(formatIssue).join(' | ')}`).toBeDefined();
  });

  it('never gives an issue with an empty path, value or rule', () => {
    for (const row of ROWS) {
      for (const issue of issuesFor(row)) {
        expect(issue.path, row.name).not.toBe('');
        expect(issue.value, row.name).not.toBe('');
        expect(issue.rule, row.name).not.toBe('');
      }
    }
  });

  it('reports every problem, not just the first', () => {
    const scenario = loadScenarioFile(BASE_FILE);
    const result = parseScenario({
      ...scenario,
      horizonMonths: 6000,
      mining: { ...scenario.mining, poolFeePct: 80 },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.path)).toEqual(['horizonMonths', 'mining.poolFeePct']);
    }
  });

  it('shortens a long string value in the message', () => {
    const result = parseScenario({ ...minimalScenarioInput(), startMonth: 'x'.repeat(500) });
    const issue = result.ok ? undefined : result.issues[0];
    expect(issue?.path).toBe('startMonth');
    expect(issue?.value.length).toBeLessThan(70);
    expect(issue?.value).toMatch(/^"x+\.\.\."$/);
  });
});

describe('formatIssue and assertScenario', () => {
  it('formats an issue as "path = value: rule"', () => {
    const issue = { path: 'site.utilityMw', value: '-5', rule: 'must be greater than 0' };
    expect(formatIssue(issue)).toBe('site.utilityMw = -5: must be greater than 0');
  });

  it.each(ROWS)('the message for "$name" names the path, the value and the rule', (row) => {
    const text = issuesFor(row).map(formatIssue).join('\n');
    expect(text).toContain(row.path);
    expect(text).toContain(row.value);
    expect(text).toContain(row.rule);
  });

  it('assertScenario throws a ScenarioError listing every issue', () => {
    const bad = { ...minimalScenarioInput(), horizonMonths: 6000, startMonth: '2026-13' };
    expect(() => assertScenario(bad)).toThrow(ScenarioError);
    try {
      assertScenario(bad);
    } catch (error) {
      expect((error as ScenarioError).issues).toHaveLength(2);
      expect((error as Error).message).toContain('horizonMonths = 6000: must be at most 480');
      expect((error as Error).message).toContain('startMonth = "2026-13"');
    }
  });
});

describe('valid input', () => {
  it('fills every default into a scenario with only the required fields', () => {
    const result = parseScenario(minimalScenarioInput());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario).toMatchObject({
      notes: '',
      horizonMonths: 240,
      mining: {
        overheadMultiplier: 1.1,
        uptimePct: 97,
        poolFeePct: 2,
        nonPowerOpexUsdPerMwh: 2,
        nonPowerOpexUsdPerKwMonth: 0,
        economicShutdown: true,
        resaleTracksHashprice: true,
        refresh: {
          enabled: false,
          lifeYears: 5,
          frontierUsdPerTh: 16,
          resaleDeclinePctPerYear: 35,
        },
      },
      fleet: [{ unitPriceUsd: null, resaleUsdPerTh: 0, resaleDeclinePctPerYear: 30, ageYears: 0 }],
      power: {
        pricing: { kind: 'fixed', escalatorPctPerYear: 0 },
        takeOrPayMinimumPct: 0,
        demandChargeUsdPerKwMonth: 0,
        curtailment: { hoursPerYear: 0, creditUsdPerMwh: 0, capacityPaymentUsdPerMwYear: 0 },
      },
      network: {
        difficultyGrowthPctPerYear: 20,
        difficultyGrowthOverridesPctByYear: [],
        startBlockHeight: null,
        blockTimeSeconds: 600,
        feesBtcPerBlock: 0.02,
        frontierJPerTh: 9.5,
        frontierEfficiencyGainPctPerYear: 10,
        marginalCostFloor: true,
        networkPowerPriceUsdPerMwh: 120,
      },
      conversion: {
        itMw: null,
        grossToItRatio: 1.35,
        tenantFundedPct: 0,
        constructionMonths: 12,
        tranches: [],
      },
      lease: {
        escalatorPctPerYear: 3,
        termYears: 15,
        leaseType: 'nnn',
        landlordOpexPctOfRent: 3,
        terminalValue: { kind: 'renewal-dcf', valuationLifeYears: 40 },
      },
      strategies: { partialConvertUtilityMw: null, convertAtMonth: 24 },
      finance: {
        discountRatePctPerYear: 10,
        miningDiscountRatePctPerYear: null,
        constructionDiscountRatePctPerYear: null,
        leaseDiscountRatePctPerYear: null,
      },
    });
  });

  it('leaves the input object untouched', () => {
    const input = minimalScenarioInput();
    parseScenario(input);
    expect(input).toEqual(minimalScenarioInput());
  });

  it('accepts values exactly on the bounds', () => {
    const input = {
      ...minimalScenarioInput(),
      horizonMonths: 480,
      mining: { uptimePct: 100, poolFeePct: 50, overheadMultiplier: 1 },
      strategies: { convertAtMonth: 479, partialConvertUtilityMw: 10 },
    };
    const result = parseScenario(input);
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([]);
  });
});
