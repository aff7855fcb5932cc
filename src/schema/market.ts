import './zodConfig';
import { z } from 'zod';
import { int, num, percent } from './primitives';

/** The market sections of a scenario: BTC price cases, the ASIC models of the fleet, the power price. */

export const priceCaseName = z
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

export const pricingSchema = z
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
