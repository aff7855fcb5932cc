import type { Arith } from './arith';
import { type CalendarMonth, parseStartMonth } from './calendar';
import { newSeries } from './series';

/** Blocks between halvings. */
export const HALVING_INTERVAL_BLOCKS = 210_000;
const TWO_POW_32 = 4_294_967_296;
const SATOSHIS_PER_BTC = 100_000_000;

/**
 * Block subsidy at a height: `50 BTC >> floor(height / 210000)`, computed in satoshis exactly
 * as Bitcoin Core does (a right shift, zero after 64 halvings).
 *
 * @example blockSubsidyBtc(840_000) === 3.125; blockSubsidyBtc(1_050_000) === 1.5625
 */
export function blockSubsidyBtc(height: number): number {
  if (!Number.isInteger(height) || height < 0) {
    throw new RangeError(`height = ${height}: must be a whole number ≥ 0`);
  }
  const halvings = Math.floor(height / HALVING_INTERVAL_BLOCKS);
  if (halvings >= 64) return 0;
  // Each era's subsidy once (a BigInt shift per month added up over every network path).
  let subsidy = subsidyByEra[halvings];
  if (subsidy === undefined) {
    subsidy = Number(BigInt(50 * SATOSHIS_PER_BTC) >> BigInt(halvings)) / SATOSHIS_PER_BTC;
    subsidyByEra[halvings] = subsidy;
  }
  return subsidy;
}
const subsidyByEra: number[] = [];

/**
 * Total subsidy of the blocks `[startHeight, startHeight + blocks)`, pro-rated across a halving
 * that falls inside the range (fractional block counts are allowed: a month has
 * `days * 86400 / blockTimeSeconds` blocks).
 *
 * @example subsidyOverBlocksBtc(1_048_000, 4320) === 2000 * 3.125 + 2320 * 1.5625
 */
export function subsidyOverBlocksBtc(startHeight: number, blocks: number): number {
  let total = 0;
  let height = startHeight;
  const end = startHeight + blocks;
  while (height < end) {
    const era = Math.floor(height / HALVING_INTERVAL_BLOCKS);
    const eraEnd = Math.min(end, (era + 1) * HALVING_INTERVAL_BLOCKS);
    total += (eraEnd - height) * blockSubsidyBtc(era * HALVING_INTERVAL_BLOCKS);
    height = eraEnd;
  }
  return total;
}

/** A public checkpoint (test/fixtures/reference/network-checkpoints.csv): height 935,424 on 2026-02-07. */
const HEIGHT_CHECKPOINT = { height: 935_424, utcMs: Date.UTC(2026, 1, 7) };

/**
 * Block height at the first day of a `YYYY-MM` month when the scenario does not give one:
 * extrapolated from the checkpoint at one block per `blockTimeSeconds`.
 */
export function estimateStartBlockHeight(startMonth: string, blockTimeSeconds: number): number {
  const { year, month } = parseStartMonth(startMonth);
  const seconds = (Date.UTC(year, month - 1, 1) - HEIGHT_CHECKPOINT.utcMs) / 1000;
  return Math.max(0, Math.round(HEIGHT_CHECKPOINT.height + seconds / blockTimeSeconds));
}

/**
 * Hashprice, the expected revenue of 1 TH/s for one day before pool fees:
 * `86400 * 1e12 * (subsidy + feesPerBlock) * btcPriceUsd / (difficulty * 2^32)`.
 *
 * @example D = 141.67e12, $76,176, subsidy 3.125, no fees → 0.033802 USD per TH/s per day
 */
export function hashpriceUsdPerThDay(input: {
  difficulty: number;
  btcPriceUsd: number;
  subsidyBtc: number;
  feesBtcPerBlock: number;
}): number {
  return hashpriceOf(
    floatArithLike,
    input.difficulty,
    input.btcPriceUsd,
    input.subsidyBtc + input.feesBtcPerBlock,
  );
}

const floatArithLike = {
  of: (x: number) => x,
  mul: (a: number, b: number) => a * b,
  div: (a: number, b: number) => a / b,
};

/** Generic hashprice (see {@link hashpriceUsdPerThDay}). */
export function hashpriceOf<T>(
  arith: Pick<Arith<T>, 'of' | 'mul' | 'div'>,
  difficulty: T,
  btcPriceUsd: T,
  btcPerBlock: T,
): T {
  const numerator = arith.mul(arith.mul(arith.of(86_400e12), btcPerBlock), btcPriceUsd);
  return arith.div(numerator, arith.mul(difficulty, arith.of(TWO_POW_32)));
}

/**
 * Hashprice per USD of BTC price, month by month: `86,400 × 10^12 × (subsidy + fees) / (D × 2^32)`
 * (USD/TH/day per USD/BTC). It holds the network's part of hashprice, so each price case needs
 * one product per month: `hashprice(m) = BTC price(m) × this(m)`.
 */
export function hashpricePerBtcUsdPath<T>(
  arith: Arith<T>,
  network: Pick<NetworkPath<T>, 'difficulty' | 'subsidyBtcPerBlock'>,
  feesBtcPerBlock: number,
): T[] {
  const fees = arith.of(feesBtcPerBlock);
  const one = arith.of(1);
  return network.difficulty.map((difficulty, m) =>
    hashpriceOf(arith, difficulty, one, arith.add(network.subsidyBtcPerBlock[m]!, fees)),
  );
}

/** Network hashrate implied by a difficulty at a 600 s target: `D * 2^32 / 600` (H/s). */
export function networkHashrateHs(difficulty: number): number {
  return (difficulty * TWO_POW_32) / 600;
}

export interface NetworkPath<T> {
  readonly blocks: number[];
  readonly startHeight: number[];
  /** Average subsidy per block in the month (pro-rated across a halving), BTC. */
  readonly subsidyBtcPerBlock: T[];
  /** Difficulty under the fixed growth rule alone (no hashprice floor). */
  readonly difficulty: T[];
  /** `D(m) / D(m−1)` of the fixed growth rule (1 for m = 0): what the floor rule grows by. */
  readonly growthFactor: T[];
}

/**
 * Difficulty and subsidy month by month. Difficulty grows by `(1 + g_y)^(1/12)` per month, where
 * `g_y` is the growth of the scenario year the month-step starts in, so `D(12) = D0 * (1 + g_0)`.
 */
export function buildNetworkPath<T>(
  arith: Arith<T>,
  calendar: readonly CalendarMonth[],
  network: {
    difficulty: number;
    difficultyGrowthPctPerYear: number;
    difficultyGrowthOverridesPctByYear: readonly number[];
    startBlockHeight: number;
    blockTimeSeconds: number;
  },
  /**
   * A path of the same calendar, start height and block time (a difficulty-growth move of the
   * tornado or the stress tests): its blocks and subsidy are shared, only difficulty is rebuilt.
   */
  sameBlocks?: NetworkPath<T>,
): NetworkPath<T> {
  const blocks: number[] = [];
  const startHeight: number[] = [];
  const subsidyBtcPerBlock: T[] = [];
  const difficulty: T[] = [];
  const growthFactor: T[] = [];
  // By growth rate, not by year: years without an override share one fractional power (each
  // costs ~100 µs in decimal.js).
  const monthlyFactorByGrowthPct = new Map<number, T>();
  const monthlyFactor = (year: number): T => {
    const growthPct =
      network.difficultyGrowthOverridesPctByYear[year] ?? network.difficultyGrowthPctPerYear;
    let factor = monthlyFactorByGrowthPct.get(growthPct);
    if (factor === undefined) {
      factor = arith.powFraction(arith.of(1 + growthPct / 100), 1 / 12);
      monthlyFactorByGrowthPct.set(growthPct, factor);
    }
    return factor;
  };
  let height = network.startBlockHeight;
  let currentDifficulty = arith.of(network.difficulty);
  const one = arith.of(1);
  for (const month of calendar) {
    const factor = month.index > 0 ? monthlyFactor(Math.floor((month.index - 1) / 12)) : one;
    if (month.index > 0) currentDifficulty = arith.mul(currentDifficulty, factor);
    growthFactor.push(factor);
    if (sameBlocks !== undefined) {
      difficulty.push(currentDifficulty);
      continue;
    }
    const blocksInMonth = (month.days * 86_400) / network.blockTimeSeconds;
    blocks.push(blocksInMonth);
    startHeight.push(height);
    subsidyBtcPerBlock.push(
      arith.div(arith.of(subsidyOverBlocksBtc(height, blocksInMonth)), arith.of(blocksInMonth)),
    );
    difficulty.push(currentDifficulty);
    height += blocksInMonth;
  }
  if (sameBlocks !== undefined) {
    // Blocks and subsidy depend on the calendar, the start height and the block time alone.
    return { ...sameBlocks, difficulty, growthFactor };
  }
  return { blocks, startHeight, subsidyBtcPerBlock, difficulty, growthFactor };
}

const MWH_PER_WATT_DAY = 24 / 1e6;

/**
 * The hashprice floor of the network, month by month: the power cost of one TH/s-day of the
 * frontier machine at the network's power price,
 * `floor(m) = J/TH₀ × (1 − gain)^(m/12) × 24 / 10⁶ × networkPowerPrice` (USD per TH/s per day).
 *
 * @example 9.5 J/TH at $120/MWh: floor(0) = 9.5 × 24e-6 × 120 = 0.02736 USD/TH/day ($27.36/PH/day);
 *   with a 10%/yr gain floor(12) = 0.024624.
 */
export function hashpriceFloorPath<T>(
  arith: Arith<T>,
  network: {
    frontierJPerTh: number;
    frontierEfficiencyGainPctPerYear: number;
    networkPowerPriceUsdPerMwh: number;
  },
  horizonMonths: number,
): T[] {
  const monthly = arith.powFraction(
    arith.of(1 - network.frontierEfficiencyGainPctPerYear / 100),
    1 / 12,
  );
  let floor = arith.mul(
    arith.mul(arith.of(network.frontierJPerTh), arith.of(MWH_PER_WATT_DAY)),
    arith.of(network.networkPowerPriceUsdPerMwh),
  );
  const floors: T[] = [];
  for (let m = 0; m < horizonMonths; m += 1) {
    if (m > 0) floor = arith.mul(floor, monthly);
    floors.push(floor);
  }
  return floors;
}

/**
 * The network that respects miners' economics: difficulty grows by the fixed rule, but never so
 * far that hashprice falls below the floor, and falls when it would:
 *
 *     D(m) = min(D(m−1) × growth(m), K(m) × P(m) / floor(m)),  K(m) = 86,400 × 10¹² × (subsidy + fees) / 2³²
 *
 * so `hashprice(m) = max(P(m) K(m) / (D(m−1) growth(m)), floor(m))`: growth stalls while
 * hashprice sits on the floor (a drawdown, a halving) and resumes from there. Returns the
 * difficulty and hashprice per USD of BTC price of one BTC price path (it depends on the price).
 * Without the floor (`floor` null) the fixed path is returned as it is.
 *
 * @example D(0) = 140e12, growth 0, subsidy 3.125, no fees: K = 86,400e12 × 3.125 / 2³² =
 *   62,864,273.79; at $80,000 hashprice is 0.0359224; with a floor of 0.04 the difficulty falls
 *   to K × 80,000 / 0.04 = 125.7285476e12.
 */
export function flooredNetwork<T>(
  arith: Arith<T>,
  network: Pick<NetworkPath<T>, 'difficulty' | 'growthFactor'>,
  hashpricePerBtcUsd: readonly T[],
  btcPriceUsd: readonly T[],
  floor: readonly T[] | null,
): { difficulty: T[]; hashpricePerBtcUsd: T[] } {
  if (floor === null) {
    return { difficulty: network.difficulty, hashpricePerBtcUsd: [...hashpricePerBtcUsd] };
  }
  const difficulty = newSeries(arith, network.difficulty.length);
  const perBtc = newSeries(arith, network.difficulty.length);
  let previous: T | undefined;
  let binding = false;
  network.difficulty.forEach((fixed, m) => {
    // While the floor never binds the fixed path stands (no arithmetic).
    let current = binding ? arith.mul(previous!, network.growthFactor[m]!) : fixed;
    let hashprice = binding
      ? arith.div(arith.mul(hashpricePerBtcUsd[m]!, fixed), current)
      : hashpricePerBtcUsd[m]!;
    const floorPerBtc = arith.div(floor[m]!, btcPriceUsd[m]!);
    if (arith.lt(hashprice, floorPerBtc)) {
      // K × P / floor = D_fixed × (HP per BTC of D_fixed) / (floor / P).
      current = arith.div(arith.mul(fixed, hashpricePerBtcUsd[m]!), floorPerBtc);
      hashprice = floorPerBtc;
      binding = true;
    }
    difficulty[m] = current;
    perBtc[m] = hashprice;
    previous = current;
  });
  return { difficulty, hashpricePerBtcUsd: perBtc };
}
