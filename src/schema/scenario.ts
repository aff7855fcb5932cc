import './zodConfig';
import { z } from 'zod/mini';
import { checkCrossFieldRules } from './crossFieldRules';
import { type FINANCIAL_VIEWS, financingSchema, taxSchema } from './financing';
import { asicModelSchema, priceCaseSchema, pricingSchema } from './market';
import { int, num, percent } from './primitives';
import { DEFAULT_STRESS_TESTS, stressTestSchema } from './stress';
import { monteCarloSchema } from './uncertainty';

/**
 * The scenario file, version 2: the single source of truth for the file format, the engine's
 * input types and the generated JSON Schema / docs. Its sections are in market.ts,
 * uncertainty.ts, financing.ts and stress.ts; the rules across fields in crossFieldRules.ts. Every numeric field name carries its unit.
 * Descriptions follow the pattern "meaning (unit)"; ranges are the rules users see on error.
 *
 * Written in zod/mini's functional form (`z._default(schema, value)`, `z.nullable(schema)`,
 * `.check(z.minimum(0), z.maximum(100))`, `.check(z.describe(text))`): the
 * same checks and JSON Schema as the classic chained API, which cannot be tree-shaken and made up
 * a fifth of the page's initial JavaScript (docs/benchmarks.md, 2026-12-05 late evening).
 */

export const SCENARIO_SCHEMA_ID = 'mine-or-lease/scenario';

/**
 * Defaults of the horizon, refresh and network rules (docs/model.md §13 "Issue 9: a fair comparison" gives their sources):
 * the frontier is the most efficient model in src/data/asic-models.ts (Antminer S23 Hyd 3U,
 * 9.5 J/TH, 2025); the network power price puts the floor where the February 2026 difficulty
 * reversal happened (docs/model.md); the refresh price is the median late-2025 listing $/TH of
 * the 2025 models.
 */
export const DEFAULT_NETWORK_FRONTIER = {
  frontierJPerTh: 9.5,
  frontierEfficiencyGainPctPerYear: 10,
  networkPowerPriceUsdPerMwh: 120,
} as const;
export const DEFAULT_REFRESH = {
  lifeYears: 5,
  frontierUsdPerTh: 16,
  resaleDeclinePctPerYear: 35,
  trigger: 'end-of-life',
  paybackMonths: 18,
} as const;
/** When a refresh replaces machines (docs/model.md §5). */
export const REFRESH_TRIGGERS = ['end-of-life', 'payback'] as const;
export const DEFAULT_SITE_RESIDUAL_USD_PER_MW = 1_000_000;
export const DEFAULT_LEASE_VALUATION_LIFE_YEARS = 40;
export const CURRENT_SCENARIO_VERSION = 2;

export * from './financing';
export * from './market';
export * from './stress';
export * from './uncertainty';

/**
 * Version 2 (version 1 files are migrated on load, src/schema/migrations.ts): the reference price
 * case is a field, `referenceCase`, instead of the case that happened to be named "base".
 * The export keeps its first name so the modules that read the schema stay as they are.
 */
const scenarioFieldsSchema = z.strictObject({
  schema: z.literal(SCENARIO_SCHEMA_ID).check(z.describe('File type marker')),
  version: z.literal(CURRENT_SCENARIO_VERSION).check(z.describe('Format version')),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200), z.describe('Scenario name')),
  notes: z._default(z.string().check(z.maxLength(20_000)), '').check(z.describe('Free-text notes')),
  startMonth: z
    .string()
    .check(
      z.regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM'),
      z.describe('First month of the evaluation (YYYY-MM)'),
    ),
  horizonMonths: z._default(int('Length of the evaluation (months)', 12, 480), 240),
  site: z
    .strictObject({
      utilityMw: num('Grid interconnect / utility capacity of the site (MW)', {
        gt: 0,
        max: 5000,
      }),
      residualUsdPerMw: z._default(
        num(
          'Value of the powered site (land, substation, interconnect) at the horizon, whatever it is used for (USD per utility MW)',
          { min: 0, max: 50_000_000 },
        ),
        DEFAULT_SITE_RESIDUAL_USD_PER_MW,
      ),
    })
    .check(z.describe('The site')),
  mining: z.prefault(
    z
      .strictObject({
        overheadMultiplier: z._default(
          num('Facility overhead on ASIC power, PUE-like (air ~1.10, hydro ~1.05) (ratio)', {
            min: 1,
            max: 2,
          }),
          1.1,
        ),
        uptimePct: z._default(percent('Share of the time the fleet hashes (%)'), 97),
        poolFeePct: z._default(num('Pool fee on subsidy and fees (%)', { min: 0, max: 50 }), 2),
        nonPowerOpexUsdPerMwh: z._default(
          num('Variable non-power operating cost (USD/MWh consumed)', {
            min: 0,
            max: 1000,
          }),
          2,
        ),
        nonPowerOpexUsdPerKwMonth: z._default(
          num('Fixed non-power operating cost on the mining load (USD per kW-month)', {
            min: 0,
            max: 1000,
          }),
          0,
        ),
        economicShutdown: z
          ._default(z.boolean(), true)
          .check(
            z.describe(
              'Switch a model off in months where its revenue is below its avoidable cost',
            ),
          ),
        resaleTracksHashprice: z
          ._default(z.boolean(), true)
          .check(z.describe('Scale resale values by hashprice relative to the first month')),
        refresh: z.prefault(
          z
            .strictObject({
              enabled: z
                ._default(z.boolean(), false)
                .check(
                  z.describe(
                    'Replace machines with the frontier machine of that month: at the end of their life, and earlier under the payback trigger',
                  ),
                ),
              lifeYears: z._default(
                num('Useful life of a machine before it is replaced (years)', {
                  min: 1,
                  max: 20,
                }),
                DEFAULT_REFRESH.lifeYears,
              ),
              frontierUsdPerTh: z._default(
                num(
                  "Price of the frontier machine at the first month's hashprice (USD per TH/s); follows hashprice after",
                  { min: 0, max: 1000 },
                ),
                DEFAULT_REFRESH.frontierUsdPerTh,
              ),
              resaleDeclinePctPerYear: z._default(
                percent(
                  "Yearly decline of a refreshed machine's resale value with age (% per year)",
                ),
                DEFAULT_REFRESH.resaleDeclinePctPerYear,
              ),
              trigger: z
                ._default(z.enum(REFRESH_TRIGGERS), DEFAULT_REFRESH.trigger)
                .check(
                  z.describe(
                    'When machines are replaced: at end of life only, or also earlier when buying the frontier machine for the same power pays back within paybackMonths',
                  ),
                ),
              paybackMonths: z._default(
                num(
                  'Payback trigger: replace a machine generation early when (frontier purchase − resale of the retired machines) ÷ (frontier monthly margin − retired machines’ monthly margin) is at most this (months)',
                  { gt: 0, max: 120 },
                ),
                DEFAULT_REFRESH.paybackMonths,
              ),
            })
            .check(
              z.describe(
                'Fleet refresh: machines replaced at end of life by the frontier machine (network.frontierJPerTh, improving each year), bought at a $/TH that follows hashprice',
              ),
            ),
          {},
        ),
      })
      .check(z.describe('How the fleet is run (the keep-mining leg)')),
    {},
  ),
  fleet: z
    .array(asicModelSchema)
    .check(z.minLength(1), z.maxLength(50), z.describe('ASIC models installed at the site')),
  power: z
    .strictObject({
      pricing: pricingSchema,
      takeOrPayMinimumPct: z._default(
        percent(
          'Take-or-pay minimum: energy billed at least this share of the mining capacity running all month (%)',
        ),
        0,
      ),
      demandChargeUsdPerKwMonth: z._default(
        num('Demand charge on the peak mining load (USD per kW-month)', {
          min: 0,
          max: 1000,
        }),
        0,
      ),
      curtailment: z.prefault(
        z
          .strictObject({
            hoursPerYear: z._default(
              num('Hours the fleet is curtailed for demand response (hours per year)', {
                min: 0,
                max: 8760,
              }),
              0,
            ),
            creditUsdPerMwh: z._default(
              num('Credit for energy curtailed (USD/MWh)', {
                min: 0,
                max: 100_000,
              }),
              0,
            ),
            capacityPaymentUsdPerMwYear: z._default(
              num('Capacity payment for the curtailable mining load (USD per MW-year)', {
                min: 0,
                max: 10_000_000,
              }),
              0,
            ),
          })
          .check(z.describe('Demand-response income; a converted site loses it (AI load is firm)')),
        {},
      ),
    })
    .check(z.describe('The power contract of the mining load')),
  network: z
    .strictObject({
      difficulty: num('Network difficulty in the first month', { min: 1e9, max: 1e18 }),
      difficultyGrowthPctPerYear: z._default(
        num('Yearly growth of the difficulty (% per year)', {
          min: -90,
          max: 500,
        }),
        20,
      ),
      difficultyGrowthOverridesPctByYear: z
        ._default(
          z
            .array(
              num('Difficulty growth in that scenario year (% per year)', { min: -90, max: 500 }),
            )
            .check(z.maxLength(40)),
          [],
        )
        .check(
          z.describe(
            'Per-year growth overriding the default for scenario years 1, 2, … (% per year)',
          ),
        ),
      startBlockHeight: z
        ._default(
          z.nullable(int('Block height at the start of the first month (blocks)', 0, 20_000_000)),
          null,
        )
        .check(
          z.describe(
            'Block height at the start of the first month (blocks); null = estimated from the start month',
          ),
        ),
      blockTimeSeconds: z._default(
        num('Average block interval (seconds)', { min: 60, max: 3600 }),
        600,
      ),
      feesBtcPerBlock: z._default(
        num('Transaction fees per block (BTC)', { min: 0, max: 50 }),
        0.02,
      ),
      frontierJPerTh: z._default(
        num('Efficiency of the newest machine on the market in the first month (J/TH)', {
          gt: 0,
          max: 200,
        }),
        DEFAULT_NETWORK_FRONTIER.frontierJPerTh,
      ),
      frontierEfficiencyGainPctPerYear: z._default(
        num("Yearly improvement of the frontier machine's J/TH (% per year)", { min: 0, max: 50 }),
        DEFAULT_NETWORK_FRONTIER.frontierEfficiencyGainPctPerYear,
      ),
      marginalCostFloor: z
        ._default(z.boolean(), true)
        .check(
          z.describe(
            'Difficulty stalls or falls so that hashprice never stays below the power cost of the frontier machine at the network power price',
          ),
        ),
      networkPowerPriceUsdPerMwh: z._default(
        num("Power price of the network's marginal miner, for the hashprice floor (USD/MWh)", {
          min: 0,
          max: 10_000,
        }),
        DEFAULT_NETWORK_FRONTIER.networkPowerPriceUsdPerMwh,
      ),
    })
    .check(z.describe('Bitcoin network path: difficulty, block time, fees')),
  priceCases: z
    .array(priceCaseSchema)
    .check(z.minLength(1), z.maxLength(10), z.describe('BTC price cases')),
  referenceCase: z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(60),
      z.describe(
        'Name of the price case the recommendation, breakevens and sensitivity use (one of the price cases)',
      ),
    ),
  conversion: z
    .strictObject({
      itMw: z
        ._default(
          z.nullable(
            num('Critical IT capacity after conversion, if known (MW); overrides the ratio', {
              gt: 0,
              max: 5000,
            }),
          ),
          null,
        )
        .check(
          z.describe(
            'Critical IT capacity after conversion (MW); null = utility MW ÷ the gross-to-IT ratio',
          ),
        ),
      grossToItRatio: z._default(
        num('Utility MW per MW of critical IT (ratio)', { min: 1, max: 3 }),
        1.35,
      ),
      capexUsdPerItMw: num('Conversion capex (USD per MW of critical IT)', {
        min: 0,
        max: 50_000_000,
      }),
      tenantFundedPct: z._default(percent('Share of the capex funded by the tenant (%)'), 0),
      constructionMonths: z._default(int('Construction time of one tranche (months)', 1, 60), 12),
      tranches: z
        ._default(
          z
            .array(
              z
                .strictObject({
                  deliveryMonth: int(
                    'Delivery month, counted from the start of the conversion (months)',
                    1,
                    480,
                  ),
                  itMwPct: num('Share of the IT MW delivered (%)', { gt: 0, max: 100 }),
                })
                .check(z.describe('One delivery tranche')),
            )
            .check(z.maxLength(24)),
          [],
        )
        .check(
          z.describe('Phased delivery; empty = everything delivered after the construction months'),
        ),
    })
    .check(z.describe('Converting the site to AI/HPC capacity: IT MW, capex, construction')),
  lease: z
    .strictObject({
      rateUsdPerKwMonth: num('Rent in year 1 (USD per kW of critical IT per month)', {
        gt: 0,
        max: 1000,
      }),
      escalatorPctPerYear: z._default(
        num('Yearly rent escalator (% per year)', {
          min: -10,
          max: 20,
        }),
        3,
      ),
      termYears: z._default(num('Lease term from delivery (years)', { min: 1, max: 40 }), 15),
      leaseType: z
        ._default(z.enum(['nnn', 'modified-gross']), 'nnn')
        .check(
          z.describe(
            'NNN: tenant pays power and operating costs; modified gross: landlord pays a share',
          ),
        ),
      landlordOpexPctOfRent: z._default(
        num('Landlord operating cost (% of rent)', {
          min: 0,
          max: 100,
        }),
        3,
      ),
      modifiedGrossCostUsdPerKwMonth: z._default(
        num('Operating cost the landlord bears under a modified gross lease (USD per kW-month)', {
          min: 0,
          max: 1000,
        }),
        0,
      ),
      freeRentMonths: z._default(
        int('Rent-free months at the start of each tranche (months)', 0, 60),
        0,
      ),
      prepaymentMonthsOfRent: z._default(
        num(
          'Rent prepaid at signing, credited against the first rent due (months of year-1 rent)',
          { min: 0, max: 60 },
        ),
        0,
      ),
      tenantDefaultPctPerYear: z._default(
        percent('Annual tenant default probability (% per year)'),
        0,
      ),
      recoveryPct: z._default(percent('Share of the rent recovered after a default (%)'), 0),
      backstopPct: z._default(
        percent('Share of the unrecovered rent covered by a backstop guarantor (%)'),
        0,
      ),
      renewalProbabilityPct: z._default(
        percent('Probability the lease renews at the end of the term (%)'),
        0,
      ),
      terminalValue: z
        ._default(
          z.discriminatedUnion('kind', [
            z
              .strictObject({ kind: z.literal('none') })
              .check(z.describe('No value at the horizon')),
            z
              .strictObject({
                kind: z.literal('exit-cap'),
                exitCapRatePct: num('Exit capitalisation rate (%)', { min: 1, max: 50 }),
              })
              .check(
                z.describe(
                  'The 12 months of NOI after the horizon (renewal-weighted) capitalised at an exit cap rate',
                ),
              ),
            z
              .strictObject({
                kind: z.literal('renewal-dcf'),
                valuationLifeYears: z._default(
                  num(
                    'Life of the converted data hall from delivery: lease income is counted until then (years)',
                    { min: 1, max: 100 },
                  ),
                  DEFAULT_LEASE_VALUATION_LIFE_YEARS,
                ),
              })
              .check(
                z.describe(
                  'The rent still contracted after the horizon plus renewal-weighted re-letting, discounted at the lease rate: the same whether the term ends before, at or after the horizon',
                ),
              ),
          ]),
          { kind: 'renewal-dcf', valuationLifeYears: DEFAULT_LEASE_VALUATION_LIFE_YEARS },
        )
        .check(z.describe('Value of the leased site at the horizon')),
    })
    .check(z.describe('The AI/HPC lease offer')),
  strategies: z.prefault(
    z
      .strictObject({
        partialConvertUtilityMw: z
          ._default(
            z.nullable(
              num('Utility MW converted in the partial strategy (MW)', {
                min: 0,
                max: 5000,
              }),
            ),
            null,
          )
          .check(
            z.describe('Utility MW converted in the partial strategy (MW); null = half the site'),
          ),
        convertAtMonth: z._default(
          int(
            'Month at which the mine-then-convert strategy starts converting (months from the start)',
            0,
            479,
          ),
          24,
        ),
      })
      .check(z.describe('Settings of the partial and mine-then-convert strategies')),
    {},
  ),
  finance: z.prefault(
    z
      .strictObject({
        discountRatePctPerYear: z._default(
          num('Discount rate (WACC) for every cash-flow class (% per year)', {
            min: 0,
            max: 100,
          }),
          10,
        ),
        miningDiscountRatePctPerYear: z
          ._default(
            z.nullable(
              num('Discount rate for mining cash flows (% per year)', {
                min: 0,
                max: 100,
              }),
            ),
            null,
          )
          .check(z.describe('Discount rate for mining cash flows (% per year); null = the WACC')),
        constructionDiscountRatePctPerYear: z
          ._default(
            z.nullable(
              num('Discount rate for construction capex (% per year)', {
                min: 0,
                max: 100,
              }),
            ),
            null,
          )
          .check(z.describe('Discount rate for construction capex (% per year); null = the WACC')),
        leaseDiscountRatePctPerYear: z
          ._default(
            z.nullable(
              num('Discount rate for contracted lease cash flows (% per year)', {
                min: 0,
                max: 100,
              }),
            ),
            null,
          )
          .check(
            z.describe(
              'Discount rate for contracted lease cash flows (% per year); null = the WACC',
            ),
          ),
      })
      .check(z.describe('Discount rates (pre-tax, unlevered)')),
    {},
  ),
  monteCarlo: monteCarloSchema,
  financing: z.optional(financingSchema),
  tax: z.optional(taxSchema),
  stressTests: z
    ._default(z.array(stressTestSchema).check(z.maxLength(30)), () =>
      DEFAULT_STRESS_TESTS.map((test) => stressTestSchema.parse(test)),
    )
    .check(
      z.describe(
        'Named stress tests, evaluated for every strategy; a file without them gets the seven standard ones',
      ),
    ),
});

/** The fields of a scenario, each valid on its own: what the cross-field rules read. */
export type ScenarioFields = z.output<typeof scenarioFieldsSchema>;

export const scenarioSchemaV1 = scenarioFieldsSchema.check(
  z.superRefine(checkCrossFieldRules, {
    // Cross-field rules read other fields: with any field already invalid they would report
    // nonsense ("more than the site's -5 MW"), so they run only on an otherwise valid file.
    when: (payload) => payload.issues.length === 0,
  }),
);

/** A validated scenario with every default filled in: what the engine consumes. */
export type Scenario = z.output<typeof scenarioSchemaV1>;
/** What a file may contain: defaults may be omitted. */
export type ScenarioInput = z.input<typeof scenarioSchemaV1>;
export type PriceCase = Scenario['priceCases'][number];
export type AsicModel = Scenario['fleet'][number];
export type MonteCarloSection = Scenario['monteCarlo'];
export type FinancialView = (typeof FINANCIAL_VIEWS)[number];
export type FinancingSection = NonNullable<Scenario['financing']>;
export type ProjectDebtTerms = NonNullable<FinancingSection['projectDebt']>;
export type FleetDebtTerms = NonNullable<FinancingSection['fleetDebt']>;
export type TaxSection = NonNullable<Scenario['tax']>;
