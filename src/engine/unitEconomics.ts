import type { Scenario } from '../schema/scenario';

/**
 * A figure that has no value, and why (issue 11): a ratio over zero revenue or zero hashprice is
 * not ±Infinity or NaN, which crash JSON output and show as "∞%" on screen.
 */
export interface NoValue {
  readonly kind: 'none';
  readonly reason: 'no revenue' | 'no hashprice';
}

/** Per-ASIC-model economics in the first month of a price case (docs/model.md §5, Unit economics). */
export interface ModelUnitEconomics {
  readonly model: string;
  readonly efficiencyJPerTh: number;
  readonly hashpriceUsdPerThDay: number;
  /** Revenue of one machine per day after pool fee, hashing all day (USD). */
  readonly revenueUsdPerDay: number;
  /** Energy cost of one machine per day with facility overhead (USD). */
  readonly powerCostUsdPerDay: number;
  /** Power cost ÷ revenue (above 1 the machine loses money on power alone); none without revenue. */
  readonly powerCostShareOfRevenue: number | NoValue;
  /** Energy price at which revenue equals power cost (USD/kWh). */
  readonly breakevenUsdPerKwh: number;
  /** Hashprice below which the machine's avoidable cost exceeds its revenue (USD/TH/day). */
  readonly shutdownHashpriceUsdPerThDay: number;
  /** BTC price at which hashprice reaches the shutdown hashprice, at month-0 difficulty; none at zero hashprice. */
  readonly shutdownBtcPriceUsd: number | NoValue;
}

/**
 * For one machine: revenue/day = hashprice × TH × (1 − pool fee); power cost/day =
 * kW × overhead × 24 × price; breakeven $/kWh = revenue/day ÷ (kW × overhead × 24);
 * shutdown hashprice = (price + variable opex) × kW × overhead × 24 ÷ (1000 × TH × (1 − pool fee)).
 * Uptime cancels out of every ratio.
 *
 * @example S21 XP Hyd (473 TH/s, 5676 W), hashprice 0.03349, $60/MWh, no overhead, no pool fee:
 * power is 51.6% of revenue.
 */
export function unitEconomics(
  scenario: Scenario,
  hashpriceUsdPerThDay: number,
  btcPriceUsd: number,
  energyPriceUsdPerMwh: number,
): ModelUnitEconomics[] {
  const kept = 1 - scenario.mining.poolFeePct / 100;
  const overhead = scenario.mining.overheadMultiplier;
  return scenario.fleet.map((model) => {
    const kwhPerDay = (model.powerW / 1000) * overhead * 24;
    const revenueUsdPerDay = hashpriceUsdPerThDay * model.hashrateThs * kept;
    const powerCostUsdPerDay = (kwhPerDay * energyPriceUsdPerMwh) / 1000;
    const avoidableUsdPerDay =
      (kwhPerDay * (energyPriceUsdPerMwh + scenario.mining.nonPowerOpexUsdPerMwh)) / 1000;
    const shutdownHashpriceUsdPerThDay = avoidableUsdPerDay / (model.hashrateThs * kept);
    return {
      model: model.model,
      efficiencyJPerTh: model.powerW / model.hashrateThs,
      hashpriceUsdPerThDay,
      revenueUsdPerDay,
      powerCostUsdPerDay,
      powerCostShareOfRevenue:
        revenueUsdPerDay > 0
          ? powerCostUsdPerDay / revenueUsdPerDay
          : { kind: 'none', reason: 'no revenue' },
      breakevenUsdPerKwh: revenueUsdPerDay / kwhPerDay,
      shutdownHashpriceUsdPerThDay,
      shutdownBtcPriceUsd:
        hashpriceUsdPerThDay > 0
          ? (btcPriceUsd * shutdownHashpriceUsdPerThDay) / hashpriceUsdPerThDay
          : { kind: 'none', reason: 'no hashprice' },
    };
  });
}
