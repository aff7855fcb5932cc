import type { PriceCase } from '../schema/scenario';
import type { Arith } from './arith';
import { newSeries } from './series';

/**
 * BTC price for each month of the horizon under one price case.
 * - growth: `P(m) = P0 * (1 + g)^(m/12)` (built by multiplying the monthly factor);
 * - yearly: the value of year y is the price at month 12y; months between are interpolated
 *   linearly; after the last year the price is held;
 * - monthly: the series as given, its last value held.
 *
 * @example growth 60,000 at 10%/yr → month 12 is 66,000.
 */
export function buildBtcPricePath<T>(
  arith: Arith<T>,
  priceCase: PriceCase,
  horizonMonths: number,
  /** An array of the horizon to write into (every month is written), else a new one. */
  into?: T[],
): T[] {
  // Sized up front: the breakevens and the tornado build hundreds of these per evaluation.
  const prices =
    into !== undefined && into.length === horizonMonths ? into : newSeries(arith, horizonMonths);
  switch (priceCase.kind) {
    case 'growth': {
      const factor = arith.powFraction(arith.of(1 + priceCase.growthPctPerYear / 100), 1 / 12);
      let price = arith.of(priceCase.startPriceUsd);
      for (let m = 0; m < horizonMonths; m += 1) {
        if (m > 0) price = arith.mul(price, factor);
        prices[m] = price;
      }
      return prices;
    }
    case 'yearly': {
      const table = priceCase.pricesUsdByYear;
      for (let m = 0; m < horizonMonths; m += 1) {
        const year = Math.floor(m / 12);
        const from = table[Math.min(year, table.length - 1)]!;
        const to = table[Math.min(year + 1, table.length - 1)]!;
        const step = arith.div(
          arith.mul(arith.of(to - from), arith.of(m - 12 * year)),
          arith.of(12),
        );
        prices[m] = arith.add(arith.of(from), step);
      }
      return prices;
    }
    case 'monthly': {
      const series = priceCase.pricesUsdByMonth;
      for (let m = 0; m < horizonMonths; m += 1) {
        prices[m] = arith.of(series[Math.min(m, series.length - 1)]!);
      }
      return prices;
    }
  }
}

/** A flat price for every month: used by the BTC-price breakeven. */
export function flatPriceCase(name: string, priceUsd: number): PriceCase {
  return { name, kind: 'growth', startPriceUsd: priceUsd, growthPctPerYear: 0 };
}
