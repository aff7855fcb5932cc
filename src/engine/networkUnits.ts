/**
 * Difficulty, network hashrate and hashprice are three views of one number: given the BTC price
 * and the BTC paid per block, any one fixes the other two. These conversions let a user enter the
 * figure they know (hashprice from a pool dashboard, hashrate from a chart) and the scenario keep
 * difficulty, its single stored form. Equations: docs/model.md (network), `hashpriceOf`.
 */
import { hashpriceUsdPerThDay } from './network';

const TWO_POW_32 = 4_294_967_296;
/** The protocol's target block interval: the difficulty ↔ hashrate link, as the engine's series. */
const TARGET_BLOCK_SECONDS = 600;
const HS_PER_EHS = 1e18;

/** What hashprice depends on besides difficulty: the month's BTC price and BTC per block. */
export interface HashpriceMarket {
  readonly btcPriceUsd: number;
  /** Subsidy plus fees per block (BTC). */
  readonly btcPerBlock: number;
}

/**
 * Network hashrate implied by a difficulty: `D × 2^32 / 600 s`, in EH/s.
 * @example networkHashrateEhsOf(141.67e12) ≈ 1014.1 EH/s
 */
export function networkHashrateEhsOf(difficulty: number): number {
  return (difficulty * TWO_POW_32) / TARGET_BLOCK_SECONDS / HS_PER_EHS;
}

/** The difficulty at which the network's hashrate finds a block every 600 s: `H × 600 / 2^32`. */
export function difficultyForNetworkHashrateEhs(hashrateEhs: number): number {
  return (hashrateEhs * HS_PER_EHS * TARGET_BLOCK_SECONDS) / TWO_POW_32;
}

/**
 * Hashprice in USD per PH/s per day: `86,400 × 10^15 × btcPerBlock × price / (D × 2^32)`.
 * @example hashpriceUsdPerPhDayOf(141.67e12, { btcPriceUsd: 76_176, btcPerBlock: 3.125 }) ≈ 33.80
 */
export function hashpriceUsdPerPhDayOf(difficulty: number, market: HashpriceMarket): number {
  return (
    1000 *
    hashpriceUsdPerThDay({
      difficulty,
      btcPriceUsd: market.btcPriceUsd,
      subsidyBtc: market.btcPerBlock,
      feesBtcPerBlock: 0,
    })
  );
}

/** The difficulty that gives a hashprice at this market: the inverse of `hashpriceUsdPerPhDayOf`. */
export function difficultyForHashpriceUsdPerPhDay(
  hashpriceUsdPerPhDay: number,
  market: HashpriceMarket,
): number {
  return (
    (86_400e15 * market.btcPerBlock * market.btcPriceUsd) / (hashpriceUsdPerPhDay * TWO_POW_32)
  );
}
