import {
  basisWithVintages,
  buildMiningLines,
  type FleetDecisions,
  type MiningBasis,
  miningMonthItems,
  paybackVintages,
  runFleet,
  runThresholds,
  scheduleKey,
} from '../mining';
import { LINE_ITEMS, type LineKey } from '../strategies';

/**
 * How the kernel takes each ledger line, read off the engine's table (strategies.ts `LINE_ITEMS`):
 * a term of the month's mining net per unit of hashprice (`slope`) or fixed within the month
 * (`intercept`); the fleet's refresh purchases and sales, which follow hashprice through the
 * fleet's value (`fleet refresh`, `fleet sale`); or a construction or lease flow that no price
 * path changes (`fixed`, drawn per path only with lease-side risk, leaseDraws.ts).
 */
export type KernelTerm = 'slope' | 'intercept' | 'fleet refresh' | 'fleet sale' | 'fixed';

export const KERNEL_TERMS: readonly { readonly key: LineKey; readonly term: KernelTerm }[] =
  LINE_ITEMS.map((item) => ({
    key: item.key,
    term:
      item.netTerm !== null
        ? item.netTerm.perHashprice
          ? 'slope'
          : 'intercept'
        : item.class !== 'mining'
          ? 'fixed'
          : item.miningLine !== null
            ? 'fleet refresh'
            : 'fleet sale',
  }));

/** The month-item names of the slope's and the intercept's terms, in the table's order. */
const SLOPE_ITEMS = LINE_ITEMS.flatMap((item) =>
  item.netTerm?.perHashprice === true ? [item.netTerm.item] : [],
);
const INTERCEPT_ITEMS = LINE_ITEMS.flatMap((item) =>
  item.netTerm?.perHashprice === false ? [item.netTerm.item] : [],
);

/**
 * The mining leg of one month as a function of hashprice alone, for millions of path-months.
 *
 * In a month, everything in `buildMiningLines` but revenue is fixed, and each shutdown block
 * runs exactly when hashprice is at or above its threshold (`runThresholds`). Between two
 * consecutive thresholds the set of running blocks is fixed, so the month's mining net (the
 * table's `netTerm` lines: revenue + pool fee + power + take-or-pay + demand charge + non-power
 * opex + curtailment income) is linear in hashprice:
 *
 *     net(m, HP) = slope(m, j) × HP + intercept(m, j),  j = number of thresholds ≤ HP.
 *
 * Each regime's slope and intercept are computed once by the engine's own `runFleet` and
 * `miningMonthItems` under the regime's decisions (slope: revenue + pool fee per unit of HP;
 * intercept: the other items, which do not depend on HP), as `buildMiningLines` does, so the
 * kernel shares every equation; it finds the regime by thresholds instead of the rule's
 * comparisons and sums the items before multiplying by HP: it agrees with `buildMiningLines` to
 * rounding (a test holds it to 1e-9 relative). A month costs a few comparisons and one multiply-add instead
 * of the generic code's per-model arithmetic.
 *
 * Resale value follows `buildMiningLines`: `base(m) × (HP(m) × 1/HP(0))` when it tracks hashprice.
 * Fleet refresh purchases (`−TH × $/TH × HP(m)/HP(0)`) and the retired machines' resale are
 * linear in hashprice too: they add to every regime's slope (and, for resale that does not track
 * hashprice, its intercept).
 *
 * @example One model always running, no take-or-pay: one regime, slope = days × uptime × TH ×
 *   (1 − pool fee), intercept = −(power + opex + demand charge) + capacity payment.
 */
export interface MiningKernel {
  readonly horizonMonths: number;
  /** Thresholds that can switch a block (finite ones), per month, ascending, padded with +∞. */
  readonly thresholds: Float64Array;
  readonly slopes: Float64Array;
  readonly intercepts: Float64Array;
  /** Thresholds per month (the stride of `thresholds`); regimes per month = this + 1. */
  readonly blocksPerMonth: number;
  readonly resaleBaseUsd: Float64Array;
  readonly stopSaleBaseUsd: Float64Array;
  readonly resaleTracksHashprice: boolean;
  /** `1 / HP(0)`: resale scales with `HP(m) / HP(0)` when it tracks hashprice (0: HP(0) = 0, untracked). */
  readonly perFirstHashprice: number;
  /**
   * Under the refresh's payback trigger the vintages follow each path's prices: each path takes
   * its replacement months by the engine's rule (`paybackVintages`) and runs the kernel of that
   * schedule, built on first use (paths mostly share a few schedules).
   */
  readonly paybackBasis: MiningBasis<number> | null;
  /** Kernels by schedule (the slots' replacement months), under the payback trigger. */
  readonly kernelsBySchedule: Map<string, MiningKernel>;
  readonly firstHashpriceUsdPerThDay: number;
}

/** Distinct schedules kept per context; beyond it a path runs `buildMiningLines` directly. */
const MAX_PAYBACK_KERNELS = 256;

export function buildMiningKernel(
  basis: MiningBasis<number>,
  firstHashpriceUsdPerThDay: number,
): MiningKernel {
  const { setup } = basis;
  const horizon = basis.months.length;
  // Without take-or-pay the "free" block is empty: only the paid blocks can switch.
  const kinds: ('free' | 'paid')[] = setup.hasTakeOrPay ? ['free', 'paid'] : ['paid'];
  const blocksPerMonth = setup.models.length * kinds.length;
  const thresholds = new Float64Array(horizon * blocksPerMonth).fill(Number.POSITIVE_INFINITY);
  const slopes = new Float64Array(horizon * (blocksPerMonth + 1));
  const intercepts = new Float64Array(horizon * (blocksPerMonth + 1));
  basis.months.forEach((pricedMonth, m) => {
    const { terms: month, energyPrice: price } = pricedMonth;
    const limits = runThresholds(setup, pricedMonth);
    // With HP(0) = 0 nothing scales by HP(m) / HP(0): purchases and resale stay at their base
    // values, as in buildMiningLines (docs/model.md, changes to the model: issue 11).
    const indexed = firstHashpriceUsdPerThDay > 0;
    const perFirst = indexed ? 1 / firstHashpriceUsdPerThDay : 0;
    const retired = basis.values.retiredUsd[m]!;
    const purchase = basis.values.purchaseUsd[m]!;
    const tracksResale = setup.resaleTracksHashprice && indexed;
    const refreshSlope = purchase * perFirst + (tracksResale ? retired * perFirst : 0);
    const refreshIntercept = (indexed ? 0 : purchase) + (tracksResale ? 0 : retired);
    const blocks = setup.models.flatMap((_, model) =>
      kinds.map((kind) => ({ model, kind, threshold: limits[kind][model]! })),
    );
    // Blocks at −∞ always run, at +∞ never: only the finite ones switch, in ascending order.
    const switching = blocks
      .filter((b) => Number.isFinite(b.threshold))
      .sort((a, b) => a.threshold - b.threshold);
    switching.forEach((block, rank) => {
      thresholds[m * blocksPerMonth + rank] = block.threshold;
    });
    for (let regime = 0; regime <= switching.length; regime += 1) {
      const running = new Set(switching.slice(0, regime));
      const decisions: FleetDecisions = {
        free: setup.models.map((_, model) => runs(blocks, running, model, 'free')),
        paid: setup.models.map((_, model) => runs(blocks, running, model, 'paid')),
      };
      const at = m * (blocksPerMonth + 1) + regime;
      // Revenue and pool fee per unit of HP are the slope; the other items do not depend on HP.
      const items = miningMonthItems(setup, month, runFleet(setup, month, decisions), price);
      // Summed from −0 (x + −0 = x for every x, −0 included) in the table's order.
      let slope = -0;
      for (const item of SLOPE_ITEMS) slope += items[item];
      let intercept = -0;
      for (const item of INTERCEPT_ITEMS) intercept += items[item];
      slopes[at] = slope + refreshSlope;
      intercepts[at] = intercept + refreshIntercept;
    }
  });
  return {
    horizonMonths: horizon,
    thresholds,
    slopes,
    intercepts,
    blocksPerMonth,
    resaleBaseUsd: Float64Array.from(basis.values.resaleUsd),
    stopSaleBaseUsd: Float64Array.from(basis.values.stopSaleUsd),
    resaleTracksHashprice: setup.resaleTracksHashprice,
    perFirstHashprice: firstHashpriceUsdPerThDay > 0 ? 1 / firstHashpriceUsdPerThDay : 0,
    paybackBasis: setup.payback === null ? null : basis,
    kernelsBySchedule: new Map(),
    firstHashpriceUsdPerThDay,
  };
}

interface Block {
  readonly model: number;
  readonly kind: 'free' | 'paid';
  readonly threshold: number;
}

/** Whether a block runs in a regime: always at −∞, never at +∞, else when among the switched. */
function runs(
  blocks: readonly Block[],
  running: ReadonlySet<Block>,
  model: number,
  kind: 'free' | 'paid',
): boolean {
  const block = blocks.find((b) => b.model === model && b.kind === kind);
  // No such block (no take-or-pay): whether it "runs" changes nothing.
  if (block === undefined) return false;
  if (block.threshold === Number.NEGATIVE_INFINITY) return true;
  return running.has(block);
}

/**
 * One path's mining leg: for each month, the mining net (USD) at that month's hashprice (USD per
 * TH/s per day) into `netUsd`, what the fleet would fetch at the end of the month into
 * `fleetResaleValueUsd`, and what the machines of the month before would into `stopSaleValueUsd`.
 */
export function evaluateMiningPath(
  kernel: MiningKernel,
  hashpriceUsdPerThDay: Float64Array,
  netUsd: Float64Array,
  fleetResaleValueUsd: Float64Array,
  stopSaleValueUsd: Float64Array,
): void {
  if (kernel.paybackBasis !== null) {
    const basis = kernel.paybackBasis;
    // Only indexing is used: a typed array serves as the engine's path.
    const vintages = paybackVintages(basis, hashpriceUsdPerThDay as unknown as readonly number[]);
    const key = scheduleKey(vintages);
    let scheduled = kernel.kernelsBySchedule.get(key);
    if (scheduled === undefined && kernel.kernelsBySchedule.size < MAX_PAYBACK_KERNELS) {
      const fixed = basisWithVintages(basis, vintages);
      scheduled = buildMiningKernel(
        { ...fixed, setup: { ...fixed.setup, payback: null } },
        kernel.firstHashpriceUsdPerThDay,
      );
      kernel.kernelsBySchedule.set(key, scheduled);
    }
    if (scheduled !== undefined) {
      evaluateMiningPath(
        scheduled,
        hashpriceUsdPerThDay,
        netUsd,
        fleetResaleValueUsd,
        stopSaleValueUsd,
      );
      return;
    }
    evaluatePaybackPath(
      kernel.paybackBasis,
      hashpriceUsdPerThDay,
      netUsd,
      fleetResaleValueUsd,
      stopSaleValueUsd,
    );
    return;
  }
  const { thresholds, slopes, intercepts, resaleBaseUsd, stopSaleBaseUsd } = kernel;
  const stride = kernel.blocksPerMonth;
  // As in buildMiningLines: with HP(0) = 0 resale is not scaled (no reference to scale against).
  const tracks = kernel.resaleTracksHashprice && kernel.perFirstHashprice > 0;
  const perFirstHashprice = kernel.perFirstHashprice;
  for (let m = 0; m < kernel.horizonMonths; m += 1) {
    const hashprice = hashpriceUsdPerThDay[m]!;
    const first = m * stride;
    let regime = 0;
    while (regime < stride && hashprice >= thresholds[first + regime]!) regime += 1;
    const at = first + m + regime;
    netUsd[m] = slopes[at]! * hashprice + intercepts[at]!;
    const base = resaleBaseUsd[m]!;
    const stopBase = stopSaleBaseUsd[m]!;
    const index = hashprice * perFirstHashprice;
    fleetResaleValueUsd[m] = tracks ? base * index : base;
    stopSaleValueUsd[m] = tracks ? stopBase * index : stopBase;
  }
}

/** {@link evaluateMiningPath} under the payback trigger: the engine's lines on the path. */
function evaluatePaybackPath(
  basis: MiningBasis<number>,
  hashpriceUsdPerThDay: Float64Array,
  netUsd: Float64Array,
  fleetResaleValueUsd: Float64Array,
  stopSaleValueUsd: Float64Array,
): void {
  const lines = buildMiningLines(basis, Array.from(hashpriceUsdPerThDay));
  for (let m = 0; m < netUsd.length; m += 1) {
    netUsd[m] =
      lines.revenueUsd[m]! +
      lines.poolFeeUsd[m]! +
      lines.powerUsd[m]! +
      lines.takeOrPayUsd[m]! +
      lines.demandChargeUsd[m]! +
      lines.nonPowerOpexUsd[m]! +
      lines.curtailmentIncomeUsd[m]! +
      lines.refreshCapexUsd[m]! +
      lines.retiredResaleUsd[m]!;
    fleetResaleValueUsd[m] = lines.fleetResaleValueUsd[m]!;
    stopSaleValueUsd[m] = lines.stopSaleValueUsd[m]!;
  }
}
