import './zodConfig';
import { z } from 'zod/mini';
import { int, num, percent } from './primitives';

/** The market sections of a scenario: BTC price cases, the ASIC models of the fleet, the power price. */

export const priceCaseName = z
  .string()
  .check(
    z.trim(),
    z.minLength(1),
    z.maxLength(60),
    z.describe('Name of the price case, e.g. "base"'),
  );

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
    .check(z.describe('Start price growing at a constant yearly rate')),
  z
    .strictObject({
      name: priceCaseName,
      kind: z.literal('yearly'),
      pricesUsdByYear: z
        .array(num('BTC price at the start of the year (USD)', { gt: 0, max: 100_000_000 }))
        .check(
          z.minLength(1),
          z.maxLength(60),
          z.describe(
            'BTC price at the start of each scenario year (USD); interpolated monthly, last held',
          ),
        ),
    })
    .check(z.describe('A table of prices by scenario year')),
  z
    .strictObject({
      name: priceCaseName,
      kind: z.literal('monthly'),
      pricesUsdByMonth: z
        .array(num('BTC price in the month (USD)', { gt: 0, max: 100_000_000 }))
        .check(
          z.minLength(1),
          z.maxLength(600),
          z.describe('BTC price for each month from the start (USD); the last value is held'),
        ),
    })
    .check(z.describe('A monthly price series')),
]);

export const asicModelSchema = z.strictObject({
  model: z.string().check(z.trim(), z.minLength(1), z.maxLength(80), z.describe('ASIC model name')),
  units: int('Number of machines', 0, 10_000_000),
  hashrateThs: num('Hashrate of one machine (TH/s)', { gt: 0, max: 100_000 }),
  powerW: num('Power draw of one machine at the wall (W)', { gt: 0, max: 100_000 }),
  unitPriceUsd: z
    ._default(
      z.nullable(
        num('Purchase price of one machine, for reference (USD)', {
          min: 0,
          max: 1_000_000,
        }),
      ),
      null,
    )
    .check(z.describe('Purchase price of one machine, for reference (USD); null = not known')),
  resaleUsdPerTh: z._default(num('Resale value today (USD per TH/s)', { min: 0, max: 1000 }), 0),
  resaleDeclinePctPerYear: z._default(
    percent('Yearly decline of the resale value with age (% per year)'),
    30,
  ),
  ageYears: z._default(
    num('Age of the machines at the start (years); fleet refresh retires them at end of life', {
      min: 0,
      max: 40,
    }),
    0,
  ),
});

export const pricingSchema = z
  .discriminatedUnion('kind', [
    z
      .strictObject({
        kind: z.literal('fixed'),
        priceUsdPerMwh: num('Energy price in the first year (USD/MWh)', { min: 0, max: 10_000 }),
        escalatorPctPerYear: z._default(
          num('Yearly escalation of the energy price (% per year)', {
            min: -50,
            max: 100,
          }),
          0,
        ),
      })
      .check(z.describe('Fixed price with a yearly escalator')),
    z
      .strictObject({
        kind: z.literal('index'),
        priceUsdPerMwhByMonth: z
          .array(num('Index energy price in the month (USD/MWh)', { min: -1000, max: 10_000 }))
          .check(
            z.minLength(1),
            z.maxLength(600),
            z.describe('Index energy price for each month (USD/MWh); the last value is held'),
          ),
        adderUsdPerMwh: z._default(
          num('Fixed adder on the index price (USD/MWh)', {
            min: -1000,
            max: 10_000,
          }),
          0,
        ),
      })
      .check(z.describe('Index-linked price path')),
  ])
  .check(z.describe('Energy price of the mining load: fixed or index-linked'));
