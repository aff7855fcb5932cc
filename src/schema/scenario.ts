import './zodConfig';
import { z } from 'zod';

/**
 * The scenario file, version 2: the single source of truth for the file format, the engine's
 * input types and the generated JSON Schema / docs. Every numeric field name carries its unit.
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
} as const;
export const DEFAULT_SITE_RESIDUAL_USD_PER_MW = 1_000_000;
export const DEFAULT_LEASE_VALUATION_LIFE_YEARS = 40;
export const CURRENT_SCENARIO_VERSION = 2;

/** A bounded finite number with a description; optional default. */
function num(description: string, range: { min?: number; max?: number; gt?: number }): z.ZodNumber {
  let schema = z.number().describe(description);
  if (range.gt !== undefined) schema = schema.gt(range.gt);
  if (range.min !== undefined) schema = schema.min(range.min);
  if (range.max !== undefined) schema = schema.max(range.max);
  return schema;
}

function int(description: string, min: number, max: number): z.ZodInt {
  return z.int().min(min).max(max).describe(description);
}

const percent = (description: string) => num(description, { min: 0, max: 100 });

const priceCaseName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .describe('Name of the price case, e.g. "base"');

export const priceCaseSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      name: priceCaseName,
      kind: z.literal('growth'),
      startPriceUsd: num('BTC price in the first month (USD)', { gt: 0, max: 100_000_000 }),
      growthPctPerYear: num('Yearly growth of the BTC price (% per year, compounded monthly)', {
        min: -90,
        max: 500,
      }),
    })
    .describe('Start price growing at a constant yearly rate'),
  z
    .strictObject({
      name: priceCaseName,
      kind: z.literal('yearly'),
      pricesUsdByYear: z
        .array(num('BTC price at the start of the year (USD)', { gt: 0, max: 100_000_000 }))
        .min(1)
        .max(60)
        .describe(
          'BTC price at the start of each scenario year (USD); interpolated monthly, last held',
        ),
    })
    .describe('A table of prices by scenario year'),
  z
    .strictObject({
      name: priceCaseName,
      kind: z.literal('monthly'),
      pricesUsdByMonth: z
        .array(num('BTC price in the month (USD)', { gt: 0, max: 100_000_000 }))
        .min(1)
        .max(600)
        .describe('BTC price for each month from the start (USD); the last value is held'),
    })
    .describe('A monthly price series'),
]);

export const asicModelSchema = z.strictObject({
  model: z.string().trim().min(1).max(80).describe('ASIC model name'),
  units: int('Number of machines', 0, 10_000_000),
  hashrateThs: num('Hashrate of one machine (TH/s)', { gt: 0, max: 100_000 }),
  powerW: num('Power draw of one machine at the wall (W)', { gt: 0, max: 100_000 }),
  unitPriceUsd: num('Purchase price of one machine, for reference (USD)', {
    min: 0,
    max: 1_000_000,
  })
    .nullable()
    .default(null)
    .describe('Purchase price of one machine, for reference (USD); null = not known'),
  resaleUsdPerTh: num('Resale value today (USD per TH/s)', { min: 0, max: 1000 }).default(0),
  resaleDeclinePctPerYear: percent(
    'Yearly decline of the resale value with age (% per year)',
  ).default(30),
  ageYears: num(
    'Age of the machines at the start (years); fleet refresh retires them at end of life',
    {
      min: 0,
      max: 40,
    },
  ).default(0),
});

const pricingSchema = z
  .discriminatedUnion('kind', [
    z
      .strictObject({
        kind: z.literal('fixed'),
        priceUsdPerMwh: num('Energy price in the first year (USD/MWh)', { min: 0, max: 10_000 }),
        escalatorPctPerYear: num('Yearly escalation of the energy price (% per year)', {
          min: -50,
          max: 100,
        }).default(0),
      })
      .describe('Fixed price with a yearly escalator'),
    z
      .strictObject({
        kind: z.literal('index'),
        priceUsdPerMwhByMonth: z
          .array(num('Index energy price in the month (USD/MWh)', { min: -1000, max: 10_000 }))
          .min(1)
          .max(600)
          .describe('Index energy price for each month (USD/MWh); the last value is held'),
        adderUsdPerMwh: num('Fixed adder on the index price (USD/MWh)', {
          min: -1000,
          max: 10_000,
        }).default(0),
      })
      .describe('Index-linked price path'),
  ])
  .describe('Energy price of the mining load: fixed or index-linked');

/**
 * The largest stable difficulty response for a lag: `x(m+1) = x(m) − ε x(m−L)` is stable iff
 * `ε < 2 sin(π / (2 (2L + 1)))` (2 with no lag, 1 with one month, 0.62 with two, 0.24 with six).
 * Above it, difficulty overshoots price with growing swings. See docs/monte-carlo.md.
 */
export function maxStableDifficultyElasticity(lagMonths: number): number {
  return 2 * Math.sin(Math.PI / (2 * (2 * lagMonths + 1)));
}

const jumpsSchema = z
  .discriminatedUnion('kind', [
    z
      .strictObject({ kind: z.literal('none') })
      .describe('No jumps: plain geometric Brownian motion'),
    z
      .strictObject({
        kind: z.literal('merton'),
        jumpsPerYear: num('Expected number of price jumps (jumps per year)', {
          min: 0,
          max: 24,
        }).default(1),
        medianJumpPct: num('Median price change in one jump (%)', { min: -90, max: 200 }).default(
          -20,
        ),
        jumpVolatilityPctPerJump: num(
          'Standard deviation of the log price change in one jump (% per jump)',
          { min: 0, max: 200 },
        ).default(15),
      })
      .describe(
        'Merton jump diffusion: Poisson jumps with lognormal sizes on top of the diffusion, compensated so the mean price path is unchanged',
      ),
  ])
  .default({ kind: 'none' })
  .describe('Sudden price moves on top of the diffusion');

/**
 * The lease side of the Monte Carlo (docs/monte-carlo.md §2.4): what can go wrong with the
 * conversion and the lease, drawn on every path. Every field has a sourced default; with every
 * risk at zero (no delay, no overrun, no events, no volatility) the lease leg is the deterministic
 * expected-value one on every path.
 */
export const leaseRiskSchema = z
  .strictObject({
    constructionDelayModeMonths: num('Most likely construction delay beyond the plan (months)', {
      min: 0,
      max: 60,
    }).default(3),
    constructionDelayMaxMonths: num('Largest construction delay beyond the plan (months)', {
      min: 0,
      max: 60,
    }).default(12),
    capexOverrunMinPct: num('Smallest capex overrun (% of the budget; negative = under budget)', {
      min: -50,
      max: 200,
    }).default(-10),
    capexOverrunModePct: num('Most likely capex overrun (% of the budget)', {
      min: -50,
      max: 200,
    }).default(5),
    capexOverrunMaxPct: num('Largest capex overrun (% of the budget)', {
      min: -50,
      max: 200,
    }).default(40),
    drawTenantDefault: z
      .boolean()
      .default(true)
      .describe(
        "Draw the tenant's default as an event in time from the lease's annual default probability; false = the expected credit loss on every path",
      ),
    relettingDowntimeMonths: int(
      'Months between a default and the new tenant paying rent (months)',
      0,
      120,
    )
      .nullable()
      .default(12)
      .describe(
        'Months between a default and a new tenant paying the market rent (months); null = never re-let',
      ),
    drawRenewal: z
      .boolean()
      .default(true)
      .describe(
        "Draw each renewal from the lease's renewal probability; false = the probability-weighted rent on every path",
      ),
    marketRentVolatilityPct: num(
      'Spread of the market rent at renewal and re-letting around the contract rent (% log s.d.)',
      { min: 0, max: 100 },
    ).default(20),
    exitCapVolatilityBp: num(
      'Spread of the exit cap rate at the horizon; only a lease valued by exit cap has one (basis points, s.d.)',
      {
        min: 0,
        max: 1000,
      },
    ).default(100),
    cycleCorrelation: num(
      'Correlation between the BTC cycle and lease-side stress (−1 to 1; 0 = independent)',
      { min: -1, max: 1 },
    ).default(0.3),
  })
  .describe(
    'Lease-side risk drawn on every path: construction delay, capex overrun, tenant default, renewal, market rent, exit cap',
  )
  .prefault({});

export const monteCarloSchema = z
  .strictObject({
    seed: int('Seed of the random number generator (a whole number)', 0, Number.MAX_SAFE_INTEGER)
      .default(42)
      .describe('Seed of the random number generator; the same seed gives the same paths'),
    paths: int(
      'Number of simulated BTC price and difficulty paths (paths)',
      100,
      1_000_000,
    ).default(10_000),
    priceCase: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .nullable()
      .default(null)
      .describe(
        'Price case whose monthly path is the mean of the simulated prices; null = the reference case: "base", else the first',
      ),
    driftPctPerYear: num('Expected growth of the BTC price (% per year)', { min: -90, max: 500 })
      .nullable()
      .default(null)
      .describe(
        "Expected growth of the BTC price from the price case's first month (% per year); null = follow the price case's path",
      ),
    volatilityPctPerYear: num('Volatility of the BTC price (% per year, of log returns)', {
      min: 0,
      max: 300,
    }).default(55),
    jumps: jumpsSchema,
    difficultyElasticityPerMonth: num(
      'Share of the lagged hashprice surprise that difficulty absorbs each month (per month)',
      { min: 0, max: 1 },
    ).default(0.1),
    difficultyLagMonths: int(
      'Months before the network hashrate responds to hashprice (months)',
      0,
      24,
    ).default(1),
    policy: z
      .strictObject({
        hashpriceThresholdsUsdPerPhDay: z
          .array(num('Hashprice trigger (USD per PH/s per day)', { gt: 0, max: 1_000_000 }))
          .max(40)
          .default([])
          .describe(
            'Hashprice triggers searched by the "convert when hashprice falls below X" rules (USD per PH/s per day); empty = 20 values from 25% to 120% of today\'s hashprice',
          ),
        deadlineMonths: z
          .array(int('Latest conversion month (months from the start)', 0, 479))
          .max(40)
          .default([])
          .describe(
            "Deadlines searched by the rules: convert at this month at the latest (months from the start); empty = 0, 6, 12, 18, 24, 36, 48, 60, 84, 120 within the horizon; never and the strategies' months are always added",
          ),
      })
      .describe('The grid of "mine until hashprice falls below X or until month k" rules searched')
      .prefault({}),
    leaseRisk: leaseRiskSchema,
  })
  .describe(
    'Monte Carlo over BTC price and difficulty: paths, price model, difficulty response, the conversion-rule search',
  )
  .prefault({});

/** The three views of every strategy's figures (docs/model.md §12). */
export const FINANCIAL_VIEWS = [
  'unlevered-pre-tax',
  'unlevered-after-tax',
  'levered-after-tax',
] as const;

/**
 * Project debt on the conversion (docs/model.md §12.2): a construction facility drawn with the
 * landlord's capex, termed out at the last delivery, sized by the lesser of loan-to-cost and the
 * minimum DSCR on contracted rent. A lease backstop moves both limits towards their backstop values.
 */
export const projectDebtSchema = z
  .strictObject({
    loanToCostPct: percent('Construction facility as a share of the landlord capex (%)').default(
      60,
    ),
    backstopLoanToCostPct: percent(
      'Loan-to-cost allowed with a fully backstopped lease (lease.backstopPct = 100) (%)',
    ).default(75),
    constructionCouponPctPerYear: num('Coupon of the construction facility (% per year, monthly)', {
      min: 0,
      max: 50,
    }).default(8),
    capitaliseConstructionInterest: z
      .boolean()
      .default(true)
      .describe('Add construction interest to the loan (true) or pay it from equity (false)'),
    constructionFeePct: percent(
      'Upfront fee on the facility commitment, paid at the first draw (%)',
    ).default(1),
    termCouponPctPerYear: num('Coupon of the term loan (% per year, monthly)', {
      min: 0,
      max: 50,
    }).default(7),
    termFeePct: percent('Upfront fee on the term loan, paid at term-out (%)').default(0.5),
    tenorYears: int('Tenor of the term loan from term-out (years)', 1, 40).default(10),
    amortisation: z
      .enum(['level', 'sculpted'])
      .default('sculpted')
      .describe(
        'level: equal monthly payments (PMT); sculpted: debt service = contracted cash flow ÷ the minimum DSCR',
      ),
    minDscr: num('Minimum debt service cover on contracted rent (ratio)', {
      min: 1,
      max: 10,
    }).default(1.3),
    backstopMinDscr: num('Minimum DSCR with a fully backstopped lease (ratio)', {
      min: 1,
      max: 10,
    }).default(1.15),
  })
  .describe('Construction facility and term loan on the conversion');

/** An equipment loan on every mining-class capex line (fleet purchase or refresh). */
export const fleetDebtSchema = z
  .strictObject({
    loanToValuePct: percent('Equipment loan as a share of the mining capex (%)').default(50),
    couponPctPerYear: num('Coupon of the equipment loan (% per year, monthly)', {
      min: 0,
      max: 50,
    }).default(12),
    tenorYears: int('Tenor of the equipment loan, level payments (years)', 1, 10).default(3),
    upfrontFeePct: percent('Upfront fee on each equipment loan (%)').default(2),
  })
  .describe('Equipment loan on mining-class capex');

/** Financing of every strategy and the view the board sees (optional: absent = unlevered pre-tax). */
export const financingSchema = z
  .strictObject({
    boardView: z
      .enum(FINANCIAL_VIEWS)
      .default('unlevered-pre-tax')
      .describe('The view whose figures the verdict, breakevens and board pack use'),
    costOfEquityPctPerYear: num('Discount rate of the equity flows (% per year)', {
      min: 0,
      max: 100,
    }).default(15),
    projectDebt: projectDebtSchema
      .nullable()
      .default(null)
      .describe('Project debt on the conversion; null = none'),
    fleetDebt: fleetDebtSchema
      .nullable()
      .default(null)
      .describe('Equipment loan on mining capex; null = none'),
  })
  .describe('Debt and the board view (docs/model.md §12)');

/** US corporate income tax of the site as a standalone taxpayer (optional: absent = no tax). */
export const taxSchema = z
  .strictObject({
    federalRatePct: percent('Federal corporate income tax rate (%)').default(21),
    stateRatePct: percent('State corporate income tax rate, deductible federally (%)').default(0),
    bonusDepreciationPct: percent(
      'Bonus depreciation in the year placed in service, on 5- and 15-year property (%)',
    ).default(100),
    fitOut15YearSharePct: percent(
      'Share of the data-centre fit-out in the 15-year class; the rest is 39-year (%)',
    ).default(30),
    interestLimitation: z
      .boolean()
      .default(false)
      .describe('Limit deductible interest to 30% of EBITDA (§163(j)); the excess carries forward'),
    lossUsePctOfTaxableIncome: percent(
      "Share of a year's taxable income that losses carried forward may offset (%)",
    ).default(80),
    openingLossCarryforwardUsd: num('Tax losses carried into the first year (USD)', {
      min: 0,
      max: 1e12,
    }).default(0),
    discountRatePctPerYear: num('Discount rate of the tax flows (% per year)', { min: 0, max: 100 })
      .nullable()
      .default(null)
      .describe('Discount rate of the tax flows (% per year); null = the WACC'),
  })
  .describe('Corporate income tax, depreciation and losses (docs/model.md §12.1)');

/**
 * A named stress test: a set of shocks evaluated deterministically for every strategy on the
 * reference price case (engine/stress.ts, docs/monte-carlo.md §12). Every shock defaults to none.
 */
export const stressTestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(60).describe('Name of the stress test'),
    btcPriceChangePct: num('Change of the BTC price (%)', { min: -99, max: 1000 }).default(0),
    btcPriceChangeMonths: int('Months the BTC price change lasts from the start (months)', 1, 480)
      .nullable()
      .default(null)
      .describe(
        'Months the BTC price change lasts from the start (months); null = the whole horizon',
      ),
    difficultyChangePct: num(
      'Extra change of the network difficulty, reached evenly over the first year and kept (%)',
      { min: -90, max: 1000 },
    ).default(0),
    powerPriceChangePct: num('Change of the energy price of the mining load (%)', {
      min: -100,
      max: 1000,
    }).default(0),
    capexChangePct: num('Change of the conversion capex (%)', { min: -90, max: 500 }).default(0),
    constructionDelayMonths: int('Months every delivery is late (months)', 0, 120).default(0),
    tenantDefaultLeaseMonth: int(
      "Lease month (from each tranche's delivery) in which the tenant defaults (months)",
      0,
      480,
    )
      .nullable()
      .default(null)
      .describe(
        "Lease month (from each tranche's delivery) in which the tenant defaults, then recovery, backstop and re-letting (months); null = the expected credit loss",
      ),
    relettingDowntimeMonths: int(
      'Months from the default to a new tenant paying the contract rent (months)',
      0,
      480,
    )
      .nullable()
      .default(null)
      .describe(
        'Months from the default to a new tenant paying the contract rent (months); null = never re-let',
      ),
    exitCapChangeBp: num(
      'Change of the exit cap rate; only a lease valued by exit cap has one (basis points)',
      {
        min: -500,
        max: 2000,
      },
    ).default(0),
  })
  .describe('A named stress test: shocks applied together, evaluated for every strategy');

export type StressTest = z.output<typeof stressTestSchema>;

/** The stress tests a board asks for, filled into a file that has none. */
export const DEFAULT_STRESS_TESTS: readonly z.input<typeof stressTestSchema>[] = [
  { name: 'Tenant defaults in year 3', tenantDefaultLeaseMonth: 24 },
  { name: 'Build 12 months late', constructionDelayMonths: 12 },
  { name: 'Capex +40%', capexChangePct: 40 },
  { name: 'BTC −60% for two years', btcPriceChangePct: -60, btcPriceChangeMonths: 24 },
  { name: 'Difficulty +40% in a year', difficultyChangePct: 40 },
  { name: 'Power +50%', powerPriceChangePct: 50 },
  { name: 'Exit cap +200 bp', exitCapChangeBp: 200 },
];

/**
 * Version 2 (version 1 files are migrated on load, src/schema/migrations.ts): the reference price
 * case is a field, `referenceCase`, instead of the case that happened to be named "base".
 * The export keeps its first name so the modules that read the schema stay as they are.
 */
export const scenarioSchemaV1 = z
  .strictObject({
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
                'Replace machines at the end of their life with the frontier machine of that month',
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
          .array(
            num('Difficulty growth in that scenario year (% per year)', { min: -90, max: 500 }),
          )
          .max(40)
          .default([])
          .describe(
            'Per-year growth overriding the default for scenario years 1, 2, … (% per year)',
          ),
        startBlockHeight: int(
          'Block height at the start of the first month (blocks)',
          0,
          20_000_000,
        )
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
        freeRentMonths: int(
          'Rent-free months at the start of each tranche (months)',
          0,
          60,
        ).default(0),
        prepaymentMonthsOfRent: num(
          'Rent prepaid at signing, credited against the first rent due (months of year-1 rent)',
          { min: 0, max: 60 },
        ).default(0),
        tenantDefaultPctPerYear: percent('Annual tenant default probability (% per year)').default(
          0,
        ),
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
        constructionDiscountRatePctPerYear: num(
          'Discount rate for construction capex (% per year)',
          { min: 0, max: 100 },
        )
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
  })
  .superRefine(
    (scenario, ctx) => {
      const fleetMw =
        (scenario.fleet.reduce((sum, m) => sum + m.units * m.powerW, 0) / 1e6) *
        scenario.mining.overheadMultiplier;
      if (fleetMw > scenario.site.utilityMw * (1 + 1e-9)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fleet'],
          input: Number(fleetMw.toFixed(3)),
          message: `the fleet draws ${fleetMw.toFixed(3)} MW with overhead, more than the site's ${scenario.site.utilityMw} MW`,
        });
      }
      const names = new Set<string>();
      scenario.priceCases.forEach((priceCase, index) => {
        if (names.has(priceCase.name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['priceCases', index, 'name'],
            input: priceCase.name,
            message: 'must be unique among the price cases',
          });
        }
        names.add(priceCase.name);
      });
      const { tranches, constructionMonths, itMw } = scenario.conversion;
      if (tranches.length > 0) {
        const totalPct = tranches.reduce((sum, t) => sum + t.itMwPct, 0);
        if (Math.abs(totalPct - 100) > 1e-6) {
          ctx.addIssue({
            code: 'custom',
            path: ['conversion', 'tranches'],
            input: totalPct,
            message: 'the tranches must deliver 100% of the IT MW in total',
          });
        }
        tranches.forEach((tranche, index) => {
          if (tranche.deliveryMonth < constructionMonths) {
            ctx.addIssue({
              code: 'custom',
              path: ['conversion', 'tranches', index, 'deliveryMonth'],
              input: tranche.deliveryMonth,
              message: `must be at least the construction time (${constructionMonths} months)`,
            });
          }
        });
      }
      if (itMw !== null && itMw > scenario.site.utilityMw) {
        ctx.addIssue({
          code: 'custom',
          path: ['conversion', 'itMw'],
          input: itMw,
          message: `must not exceed the site's utility capacity (${scenario.site.utilityMw} MW)`,
        });
      }
      const partialMw = scenario.strategies.partialConvertUtilityMw;
      if (partialMw !== null && partialMw > scenario.site.utilityMw) {
        ctx.addIssue({
          code: 'custom',
          path: ['strategies', 'partialConvertUtilityMw'],
          input: partialMw,
          message: `must not exceed the site's utility capacity (${scenario.site.utilityMw} MW)`,
        });
      }
      if (scenario.strategies.convertAtMonth >= scenario.horizonMonths) {
        ctx.addIssue({
          code: 'custom',
          path: ['strategies', 'convertAtMonth'],
          input: scenario.strategies.convertAtMonth,
          message: `must be before the end of the horizon (${scenario.horizonMonths} months)`,
        });
      }
      if (!names.has(scenario.referenceCase)) {
        ctx.addIssue({
          code: 'custom',
          path: ['referenceCase'],
          input: scenario.referenceCase,
          message: `must name one of the price cases (${[...names].join(', ')})`,
        });
      }
      const { monteCarlo } = scenario;
      if (monteCarlo.priceCase !== null && !names.has(monteCarlo.priceCase)) {
        ctx.addIssue({
          code: 'custom',
          path: ['monteCarlo', 'priceCase'],
          input: monteCarlo.priceCase,
          message: `must name one of the price cases (${[...names].join(', ')})`,
        });
      }
      const maxElasticity = maxStableDifficultyElasticity(monteCarlo.difficultyLagMonths);
      if (monteCarlo.difficultyElasticityPerMonth >= maxElasticity) {
        ctx.addIssue({
          code: 'custom',
          path: ['monteCarlo', 'difficultyElasticityPerMonth'],
          input: monteCarlo.difficultyElasticityPerMonth,
          message: `must be below ${maxElasticity.toFixed(3)} with a ${monteCarlo.difficultyLagMonths}-month lag, or difficulty swings ever wider around the price`,
        });
      }
      const risk = monteCarlo.leaseRisk;
      if (risk.constructionDelayModeMonths > risk.constructionDelayMaxMonths) {
        ctx.addIssue({
          code: 'custom',
          path: ['monteCarlo', 'leaseRisk', 'constructionDelayModeMonths'],
          input: risk.constructionDelayModeMonths,
          message: `must not exceed the largest delay (${risk.constructionDelayMaxMonths} months)`,
        });
      }
      if (risk.capexOverrunMinPct > risk.capexOverrunModePct) {
        ctx.addIssue({
          code: 'custom',
          path: ['monteCarlo', 'leaseRisk', 'capexOverrunMinPct'],
          input: risk.capexOverrunMinPct,
          message: `must not exceed the most likely overrun (${risk.capexOverrunModePct}%)`,
        });
      }
      if (risk.capexOverrunModePct > risk.capexOverrunMaxPct) {
        ctx.addIssue({
          code: 'custom',
          path: ['monteCarlo', 'leaseRisk', 'capexOverrunModePct'],
          input: risk.capexOverrunModePct,
          message: `must not exceed the largest overrun (${risk.capexOverrunMaxPct}%)`,
        });
      }
      const stressNames = new Set<string>();
      scenario.stressTests.forEach((test, index) => {
        if (stressNames.has(test.name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['stressTests', index, 'name'],
            input: test.name,
            message: 'must be unique among the stress tests',
          });
        }
        stressNames.add(test.name);
      });
      monteCarlo.policy.deadlineMonths.forEach((month, index) => {
        if (month >= scenario.horizonMonths) {
          ctx.addIssue({
            code: 'custom',
            path: ['monteCarlo', 'policy', 'deadlineMonths', index],
            input: month,
            message: `must be before the end of the horizon (${scenario.horizonMonths} months)`,
          });
        }
      });
    },
    // Cross-field rules read other fields: with any field already invalid they would report
    // nonsense ("more than the site's -5 MW"), so they run only on an otherwise valid file.
    { when: (payload) => payload.issues.length === 0 },
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
