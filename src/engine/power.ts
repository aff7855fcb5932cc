import type { Scenario } from '../schema/scenario';
import type { Arith } from './arith';

/**
 * Energy price paid for mining load, month by month (USD/MWh).
 * - fixed: `p * (1 + e)^floor(m / 12)`: the escalator steps once per contract year;
 * - index: `index(m) + adder`, the last index value held beyond the series.
 *
 * @example fixed 50 USD/MWh, 2%/yr → months 0-11 pay 50, months 12-23 pay 51.
 */
export function buildEnergyPricePath<T>(
  arith: Arith<T>,
  pricing: Scenario['power']['pricing'],
  horizonMonths: number,
): T[] {
  const prices: T[] = [];
  if (pricing.kind === 'fixed') {
    const escalator = arith.of(1 + pricing.escalatorPctPerYear / 100);
    let yearPrice = arith.of(pricing.priceUsdPerMwh);
    for (let m = 0; m < horizonMonths; m += 1) {
      if (m > 0 && m % 12 === 0) yearPrice = arith.mul(yearPrice, escalator);
      prices.push(yearPrice);
    }
    return prices;
  }
  const adder = arith.of(pricing.adderUsdPerMwh);
  const series = pricing.priceUsdPerMwhByMonth;
  for (let m = 0; m < horizonMonths; m += 1) {
    prices.push(arith.add(arith.of(series[Math.min(m, series.length - 1)]!), adder));
  }
  return prices;
}
