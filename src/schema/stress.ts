import './zodConfig';
import { z } from 'zod/mini';
import { int, num } from './primitives';

/**
 * A named stress test: a set of shocks evaluated deterministically for every strategy on the
 * reference price case (engine/stress.ts, docs/monte-carlo.md §12). Every shock defaults to none.
 */
export const stressTestSchema = z
  .strictObject({
    name: z
      .string()
      .check(z.trim(), z.minLength(1), z.maxLength(60), z.describe('Name of the stress test')),
    btcPriceChangePct: z._default(num('Change of the BTC price (%)', { min: -99, max: 1000 }), 0),
    btcPriceChangeMonths: z
      ._default(
        z.nullable(int('Months the BTC price change lasts from the start (months)', 1, 480)),
        null,
      )
      .check(
        z.describe(
          'Months the BTC price change lasts from the start (months); null = the whole horizon',
        ),
      ),
    difficultyChangePct: z._default(
      num(
        'Extra change of the network difficulty, reached evenly over the first year and kept (%)',
        { min: -90, max: 1000 },
      ),
      0,
    ),
    powerPriceChangePct: z._default(
      num('Change of the energy price of the mining load (%)', {
        min: -100,
        max: 1000,
      }),
      0,
    ),
    capexChangePct: z._default(
      num('Change of the conversion capex (%)', { min: -90, max: 500 }),
      0,
    ),
    constructionDelayMonths: z._default(int('Months every delivery is late (months)', 0, 120), 0),
    tenantDefaultLeaseMonth: z
      ._default(
        z.nullable(
          int(
            "Lease month (from each tranche's delivery) in which the tenant defaults (months)",
            0,
            480,
          ),
        ),
        null,
      )
      .check(
        z.describe(
          "Lease month (from each tranche's delivery) in which the tenant defaults, then recovery, backstop and re-letting (months); null = the expected credit loss",
        ),
      ),
    relettingDowntimeMonths: z
      ._default(
        z.nullable(
          int('Months from the default to a new tenant paying the contract rent (months)', 0, 480),
        ),
        null,
      )
      .check(
        z.describe(
          'Months from the default to a new tenant paying the contract rent (months); null = never re-let',
        ),
      ),
    exitCapChangeBp: z._default(
      num('Change of the exit cap rate; only a lease valued by exit cap has one (basis points)', {
        min: -500,
        max: 2000,
      }),
      0,
    ),
  })
  .check(z.describe('A named stress test: shocks applied together, evaluated for every strategy'));

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
