import './zodConfig';
import { z } from 'zod/mini';
import { int, num } from './primitives';

/**
 * The largest stable difficulty response for a lag: `x(m+1) = x(m) − ε x(m−L)` is stable iff
 * `ε < 2 sin(π / (2 (2L + 1)))` (2 with no lag, 1 with one month, 0.62 with two, 0.24 with six).
 * Above it, difficulty overshoots price with growing swings. See docs/monte-carlo.md.
 */
export function maxStableDifficultyElasticity(lagMonths: number): number {
  return 2 * Math.sin(Math.PI / (2 * (2 * lagMonths + 1)));
}

const jumpsSchema = z
  ._default(
    z.discriminatedUnion('kind', [
      z
        .strictObject({ kind: z.literal('none') })
        .check(z.describe('No jumps: plain geometric Brownian motion')),
      z
        .strictObject({
          kind: z.literal('merton'),
          jumpsPerYear: z._default(
            num('Expected number of price jumps (jumps per year)', {
              min: 0,
              max: 24,
            }),
            1,
          ),
          medianJumpPct: z._default(
            num('Median price change in one jump (%)', { min: -90, max: 200 }),
            -20,
          ),
          jumpVolatilityPctPerJump: z._default(
            num('Standard deviation of the log price change in one jump (% per jump)', {
              min: 0,
              max: 200,
            }),
            15,
          ),
        })
        .check(
          z.describe(
            'Merton jump diffusion: Poisson jumps with lognormal sizes on top of the diffusion, compensated so the mean price path is unchanged',
          ),
        ),
    ]),
    { kind: 'none' },
  )
  .check(z.describe('Sudden price moves on top of the diffusion'));

/**
 * The lease side of the Monte Carlo (docs/monte-carlo.md §2.4): what can go wrong with the
 * conversion and the lease, drawn on every path. Every field has a sourced default; with every
 * risk at zero (no delay, no overrun, no events, no volatility) the lease leg is the deterministic
 * expected-value one on every path.
 */
export const leaseRiskSchema = z.prefault(
  z
    .strictObject({
      constructionDelayModeMonths: z._default(
        num('Most likely construction delay beyond the plan (months)', {
          min: 0,
          max: 60,
        }),
        3,
      ),
      constructionDelayMaxMonths: z._default(
        num('Largest construction delay beyond the plan (months)', {
          min: 0,
          max: 60,
        }),
        12,
      ),
      capexOverrunMinPct: z._default(
        num('Smallest capex overrun (% of the budget; negative = under budget)', {
          min: -50,
          max: 200,
        }),
        -10,
      ),
      capexOverrunModePct: z._default(
        num('Most likely capex overrun (% of the budget)', {
          min: -50,
          max: 200,
        }),
        5,
      ),
      capexOverrunMaxPct: z._default(
        num('Largest capex overrun (% of the budget)', {
          min: -50,
          max: 200,
        }),
        40,
      ),
      drawTenantDefault: z
        ._default(z.boolean(), true)
        .check(
          z.describe(
            "Draw the tenant's default as an event in time from the lease's annual default probability; false = the expected credit loss on every path",
          ),
        ),
      relettingDowntimeMonths: z
        ._default(
          z.nullable(
            int('Months between a default and the new tenant paying rent (months)', 0, 120),
          ),
          12,
        )
        .check(
          z.describe(
            'Months between a default and a new tenant paying the market rent (months); null = never re-let',
          ),
        ),
      drawRenewal: z
        ._default(z.boolean(), true)
        .check(
          z.describe(
            "Draw each renewal from the lease's renewal probability; false = the probability-weighted rent on every path",
          ),
        ),
      marketRentVolatilityPct: z._default(
        num(
          'Spread of the market rent at renewal and re-letting around the contract rent (% log s.d.)',
          { min: 0, max: 100 },
        ),
        20,
      ),
      exitCapVolatilityBp: z._default(
        num(
          'Spread of the exit cap rate at the horizon; only a lease valued by exit cap has one (basis points, s.d.)',
          {
            min: 0,
            max: 1000,
          },
        ),
        100,
      ),
      cycleCorrelation: z._default(
        num('Correlation between the BTC cycle and lease-side stress (−1 to 1; 0 = independent)', {
          min: -1,
          max: 1,
        }),
        0.3,
      ),
    })
    .check(
      z.describe(
        'Lease-side risk drawn on every path: construction delay, capex overrun, tenant default, renewal, market rent, exit cap',
      ),
    ),
  {},
);

export const monteCarloSchema = z.prefault(
  z
    .strictObject({
      seed: z
        ._default(
          int('Seed of the random number generator (a whole number)', 0, Number.MAX_SAFE_INTEGER),
          42,
        )
        .check(
          z.describe('Seed of the random number generator; the same seed gives the same paths'),
        ),
      paths: z._default(
        int('Number of simulated BTC price and difficulty paths (paths)', 100, 1_000_000),
        10_000,
      ),
      priceCase: z
        ._default(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(60))), null)
        .check(
          z.describe(
            'Price case whose monthly path is the mean of the simulated prices; null = the reference case: "base", else the first',
          ),
        ),
      driftPctPerYear: z
        ._default(
          z.nullable(num('Expected growth of the BTC price (% per year)', { min: -90, max: 500 })),
          null,
        )
        .check(
          z.describe(
            "Expected growth of the BTC price from the price case's first month (% per year); null = follow the price case's path",
          ),
        ),
      volatilityPctPerYear: z._default(
        num('Volatility of the BTC price (% per year, of log returns)', {
          min: 0,
          max: 300,
        }),
        55,
      ),
      jumps: jumpsSchema,
      difficultyElasticityPerMonth: z._default(
        num(
          'Share of the lagged hashprice surprise that difficulty absorbs each month (per month)',
          { min: 0, max: 1 },
        ),
        0.1,
      ),
      difficultyLagMonths: z._default(
        int('Months before the network hashrate responds to hashprice (months)', 0, 24),
        1,
      ),
      policy: z.prefault(
        z
          .strictObject({
            hashpriceThresholdsUsdPerPhDay: z
              ._default(
                z
                  .array(num('Hashprice trigger (USD per PH/s per day)', { gt: 0, max: 1_000_000 }))
                  .check(z.maxLength(40)),
                [],
              )
              .check(
                z.describe(
                  'Hashprice triggers searched by the "convert when hashprice falls below X" rules (USD per PH/s per day); empty = 20 values from 25% to 120% of today\'s hashprice',
                ),
              ),
            deadlineMonths: z
              ._default(
                z
                  .array(int('Latest conversion month (months from the start)', 0, 479))
                  .check(z.maxLength(40)),
                [],
              )
              .check(
                z.describe(
                  "Deadlines searched by the rules: convert at this month at the latest (months from the start); empty = 0, 6, 12, 18, 24, 36, 48, 60, 84, 120 within the horizon; never and the strategies' months are always added",
                ),
              ),
          })
          .check(
            z.describe(
              'The grid of "mine until hashprice falls below X or until month k" rules searched',
            ),
          ),
        {},
      ),
      leaseRisk: leaseRiskSchema,
    })
    .check(
      z.describe(
        'Monte Carlo over BTC price and difficulty: paths, price model, difficulty response, the conversion-rule search',
      ),
    ),
  {},
);
