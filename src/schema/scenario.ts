import './zodConfig';
import { z } from 'zod';
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
  schema: z.literal(SCENARIO_SCHEMA_ID).describe('File type marker'),
  version: z.literal(CURRENT_SCENARIO_VERSION).describe('Format version'),
  name: z.string().trim().min(1).max(200).describe('Scenario name'),
  notes: z.string().max(20_000).default('').describe('Free-text notes'),
  startMonth: z
    .string()
    .regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM')
    .describe('First month of the evaluation (YYYY-MM)'),
  horizonMonths: int('Length of the evaluation (months)', 12, 480).default(240),
  site: z
    .strictObject({
      utilityMw: num('Grid interconnect / utility capacity of the site (MW)', {
        gt: 0,
        max: 5000,
      }),
      residualUsdPerMw: num(
        'Value of the powered site (land, substation, interconnect) at the horizon, whatever it is used for (USD per utility MW)',
        { min: 0, max: 50_000_000 },
      ).default(DEFAULT_SITE_RESIDUAL_USD_PER_MW),
    })
    .describe('The site'),
  mining: z
    .strictObject({
      overheadMultiplier: num(
        'Facility overhead on ASIC power, PUE-like (air ~1.10, hydro ~1.05) (ratio)',
        { min: 1, max: 2 },
      ).default(1.1),
      uptimePct: percent('Share of the time the fleet hashes (%)').default(97),
      poolFeePct: num('Pool fee on subsidy and fees (%)', { min: 0, max: 50 }).default(2),
      nonPowerOpexUsdPerMwh: num('Variable non-power operating cost (USD/MWh consumed)', {
        min: 0,
        max: 1000,
      }).default(2),
      nonPowerOpexUsdPerKwMonth: num(
        'Fixed non-power operating cost on the mining load (USD per kW-month)',
        { min: 0, max: 1000 },
      ).default(0),
      economicShutdown: z
        .boolean()
        .default(true)
        .describe('Switch a model off in months where its revenue is below its avoidable cost'),
      resaleTracksHashprice: z
        .boolean()
        .default(true)
        .describe('Scale resale values by hashprice relative to the first month'),
      refresh: z
        .strictObject({
          enabled: z
            .boolean()
            .default(false)
            .describe(
              'Replace machines with the frontier machine of that month: at the end of their life, and earlier under the payback trigger',
            ),
          lifeYears: num('Useful life of a machine before it is replaced (years)', {
            min: 1,
            max: 20,
          }).default(DEFAULT_REFRESH.lifeYears),
          frontierUsdPerTh: num(
            "Price of the frontier machine at the first month's hashprice (USD per TH/s); follows hashprice after",
            { min: 0, max: 1000 },
          ).default(DEFAULT_REFRESH.frontierUsdPerTh),
          resaleDeclinePctPerYear: percent(
            "Yearly decline of a refreshed machine's resale value with age (% per year)",
          ).default(DEFAULT_REFRESH.resaleDeclinePctPerYear),
          trigger: z
            .enum(REFRESH_TRIGGERS)
            .default(DEFAULT_REFRESH.trigger)
            .describe(
              'When machines are replaced: at end of life only, or also earlier when buying the frontier machine for the same power pays back within paybackMonths',
            ),
          paybackMonths: num(
            'Payback trigger: replace a machine generation early when (frontier purchase − resale of the retired machines) ÷ (frontier monthly margin − retired machines’ monthly margin) is at most this (months)',
            { gt: 0, max: 120 },
          ).default(DEFAULT_REFRESH.paybackMonths),
        })
        .describe(
          'Fleet refresh: machines replaced at end of life by the frontier machine (network.frontierJPerTh, improving each year), bought at a $/TH that follows hashprice',
        )
        .prefault({}),
    })
    .describe('How the fleet is run (the keep-mining leg)')
    .prefault({}),
  fleet: z.array(asicModelSchema).min(1).max(50).describe('ASIC models installed at the site'),
  power: z
    .strictObject({
      pricing: pricingSchema,
      takeOrPayMinimumPct: percent(
        'Take-or-pay minimum: energy billed at least this share of the mining capacity running all month (%)',
      ).default(0),
      demandChargeUsdPerKwMonth: num('Demand charge on the peak mining load (USD per kW-month)', {
        min: 0,
        max: 1000,
      }).default(0),
      curtailment: z
        .strictObject({
          hoursPerYear: num('Hours the fleet is curtailed for demand response (hours per year)', {
            min: 0,
            max: 8760,
          }).default(0),
          creditUsdPerMwh: num('Credit for energy curtailed (USD/MWh)', {
            min: 0,
            max: 100_000,
          }).default(0),
          capacityPaymentUsdPerMwYear: num(
            'Capacity payment for the curtailable mining load (USD per MW-year)',
            { min: 0, max: 10_000_000 },
          ).default(0),
        })
        .describe('Demand-response income; a converted site loses it (AI load is firm)')
        .prefault({}),
    })
    .describe('The power contract of the mining load'),
  network: z
    .strictObject({
      difficulty: num('Network difficulty in the first month', { min: 1e9, max: 1e18 }),
      difficultyGrowthPctPerYear: num('Yearly growth of the difficulty (% per year)', {
        min: -90,
        max: 500,
      }).default(20),
      difficultyGrowthOverridesPctByYear: z
        .array(num('Difficulty growth in that scenario year (% per year)', { min: -90, max: 500 }))
        .max(40)
        .default([])
        .describe('Per-year growth overriding the default for scenario years 1, 2, … (% per year)'),
      startBlockHeight: int('Block height at the start of the first month (blocks)', 0, 20_000_000)
        .nullable()
        .default(null)
        .describe(
          'Block height at the start of the first month (blocks); null = estimated from the start month',
        ),
      blockTimeSeconds: num('Average block interval (seconds)', { min: 60, max: 3600 }).default(
        600,
      ),
      feesBtcPerBlock: num('Transaction fees per block (BTC)', { min: 0, max: 50 }).default(0.02),
      frontierJPerTh: num(
        'Efficiency of the newest machine on the market in the first month (J/TH)',
        { gt: 0, max: 200 },
      ).default(DEFAULT_NETWORK_FRONTIER.frontierJPerTh),
      frontierEfficiencyGainPctPerYear: num(
        "Yearly improvement of the frontier machine's J/TH (% per year)",
        { min: 0, max: 50 },
      ).default(DEFAULT_NETWORK_FRONTIER.frontierEfficiencyGainPctPerYear),
      marginalCostFloor: z
        .boolean()
        .default(true)
        .describe(
          'Difficulty stalls or falls so that hashprice never stays below the power cost of the frontier machine at the network power price',
        ),
      networkPowerPriceUsdPerMwh: num(
        "Power price of the network's marginal miner, for the hashprice floor (USD/MWh)",
        { min: 0, max: 10_000 },
      ).default(DEFAULT_NETWORK_FRONTIER.networkPowerPriceUsdPerMwh),
    })
    .describe('Bitcoin network path: difficulty, block time, fees'),
  priceCases: z.array(priceCaseSchema).min(1).max(10).describe('BTC price cases'),
  referenceCase: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .describe(
      'Name of the price case the recommendation, breakevens and sensitivity use (one of the price cases)',
    ),
  conversion: z
    .strictObject({
      itMw: num('Critical IT capacity after conversion, if known (MW); overrides the ratio', {
        gt: 0,
        max: 5000,
      })
        .nullable()
        .default(null)
        .describe(
          'Critical IT capacity after conversion (MW); null = utility MW ÷ the gross-to-IT ratio',
        ),
      grossToItRatio: num('Utility MW per MW of critical IT (ratio)', { min: 1, max: 3 }).default(
        1.35,
      ),
      capexUsdPerItMw: num('Conversion capex (USD per MW of critical IT)', {
        min: 0,
        max: 50_000_000,
      }),
      tenantFundedPct: percent('Share of the capex funded by the tenant (%)').default(0),
      constructionMonths: int('Construction time of one tranche (months)', 1, 60).default(12),
      tranches: z
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
            .describe('One delivery tranche'),
        )
        .max(24)
        .default([])
        .describe('Phased delivery; empty = everything delivered after the construction months'),
    })
    .describe('Converting the site to AI/HPC capacity: IT MW, capex, construction'),
  lease: z
    .strictObject({
      rateUsdPerKwMonth: num('Rent in year 1 (USD per kW of critical IT per month)', {
        gt: 0,
        max: 1000,
      }),
      escalatorPctPerYear: num('Yearly rent escalator (% per year)', {
        min: -10,
        max: 20,
      }).default(3),
      termYears: num('Lease term from delivery (years)', { min: 1, max: 40 }).default(15),
      leaseType: z
        .enum(['nnn', 'modified-gross'])
        .default('nnn')
        .describe(
          'NNN: tenant pays power and operating costs; modified gross: landlord pays a share',
        ),
      landlordOpexPctOfRent: num('Landlord operating cost (% of rent)', {
        min: 0,
        max: 100,
      }).default(3),
      modifiedGrossCostUsdPerKwMonth: num(
        'Operating cost the landlord bears under a modified gross lease (USD per kW-month)',
        { min: 0, max: 1000 },
      ).default(0),
      freeRentMonths: int('Rent-free months at the start of each tranche (months)', 0, 60).default(
        0,
      ),
      prepaymentMonthsOfRent: num(
        'Rent prepaid at signing, credited against the first rent due (months of year-1 rent)',
        { min: 0, max: 60 },
      ).default(0),
      tenantDefaultPctPerYear: percent('Annual tenant default probability (% per year)').default(0),
      recoveryPct: percent('Share of the rent recovered after a default (%)').default(0),
      backstopPct: percent(
        'Share of the unrecovered rent covered by a backstop guarantor (%)',
      ).default(0),
      renewalProbabilityPct: percent(
        'Probability the lease renews at the end of the term (%)',
      ).default(0),
      terminalValue: z
        .discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('none') }).describe('No value at the horizon'),
          z
            .strictObject({
              kind: z.literal('exit-cap'),
              exitCapRatePct: num('Exit capitalisation rate (%)', { min: 1, max: 50 }),
            })
            .describe(
              'The 12 months of NOI after the horizon (renewal-weighted) capitalised at an exit cap rate',
            ),
          z
            .strictObject({
              kind: z.literal('renewal-dcf'),
              valuationLifeYears: num(
                'Life of the converted data hall from delivery: lease income is counted until then (years)',
                { min: 1, max: 100 },
              ).default(DEFAULT_LEASE_VALUATION_LIFE_YEARS),
            })
            .describe(
              'The rent still contracted after the horizon plus renewal-weighted re-letting, discounted at the lease rate: the same whether the term ends before, at or after the horizon',
            ),
        ])
        .default({ kind: 'renewal-dcf', valuationLifeYears: DEFAULT_LEASE_VALUATION_LIFE_YEARS })
        .describe('Value of the leased site at the horizon'),
    })
    .describe('The AI/HPC lease offer'),
  strategies: z
    .strictObject({
      partialConvertUtilityMw: num('Utility MW converted in the partial strategy (MW)', {
        min: 0,
        max: 5000,
      })
        .nullable()
        .default(null)
        .describe('Utility MW converted in the partial strategy (MW); null = half the site'),
      convertAtMonth: int(
        'Month at which the mine-then-convert strategy starts converting (months from the start)',
        0,
        479,
      ).default(24),
    })
    .describe('Settings of the partial and mine-then-convert strategies')
    .prefault({}),
  finance: z
    .strictObject({
      discountRatePctPerYear: num('Discount rate (WACC) for every cash-flow class (% per year)', {
        min: 0,
        max: 100,
      }).default(10),
      miningDiscountRatePctPerYear: num('Discount rate for mining cash flows (% per year)', {
        min: 0,
        max: 100,
      })
        .nullable()
        .default(null)
        .describe('Discount rate for mining cash flows (% per year); null = the WACC'),
      constructionDiscountRatePctPerYear: num('Discount rate for construction capex (% per year)', {
        min: 0,
        max: 100,
      })
        .nullable()
        .default(null)
        .describe('Discount rate for construction capex (% per year); null = the WACC'),
      leaseDiscountRatePctPerYear: num(
        'Discount rate for contracted lease cash flows (% per year)',
        {
          min: 0,
          max: 100,
        },
      )
        .nullable()
        .default(null)
        .describe('Discount rate for contracted lease cash flows (% per year); null = the WACC'),
    })
    .describe('Discount rates (pre-tax, unlevered)')
    .prefault({}),
  monteCarlo: monteCarloSchema,
  financing: financingSchema.optional(),
  tax: taxSchema.optional(),
  stressTests: z
    .array(stressTestSchema)
    .max(30)
    .default(() => DEFAULT_STRESS_TESTS.map((test) => stressTestSchema.parse(test)))
    .describe(
      'Named stress tests, evaluated for every strategy; a file without them gets the seven standard ones',
    ),
});

/** The fields of a scenario, each valid on its own: what the cross-field rules read. */
export type ScenarioFields = z.output<typeof scenarioFieldsSchema>;

export const scenarioSchemaV1 = scenarioFieldsSchema.superRefine(checkCrossFieldRules, {
  // Cross-field rules read other fields: with any field already invalid they would report
  // nonsense ("more than the site's -5 MW"), so they run only on an otherwise valid file.
  when: (payload) => payload.issues.length === 0,
});

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
