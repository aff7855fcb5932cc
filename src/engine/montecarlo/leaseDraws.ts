import type { Scenario } from '../../schema/scenario';
import { classDiscountRates } from '../discount';
import { leaseLineMonths } from '../lease';
import { exitYieldPremiumPct, expectedLeaseOutcome, type LeaseOutcome } from '../leaseOutcome';
import type { PathModel } from './paths';
import type { PathRandom } from './rng';

/**
 * The lease side's draws on one path (docs/monte-carlo.md §2.4), from the path's own stream after
 * its price path (so the price paths are the same with or without them), always the same numbers
 * in the same order (two uniforms, three normals, one uniform per renewal date):
 *
 * - construction delay δ ~ triangular(0, mode, max) months, rounded to whole months;
 * - capex overrun ~ triangular(min, mode, max) % of the landlord's capex;
 * - tenant default: lease month `τ = floor(12 ln(1 − W) / ln(1 − pd))` (∞ when τ is past the lease
 *   lines — the horizon, 12 months past it under exit cap, the hall's life under the renewal DCF —
 *   or pd = 0), so `P(τ ≤ j) = 1 − (1 − pd)^((j+1)/12)`, the survival law of the expected-value
 *   model;
 * - renewals: each with probability p, until the first refusal, at every renewal date of the
 *   lease lines;
 * - market rent factor `M = exp(−σ_M s_M − σ_M²/2)` (mean 1): renewal rent ÷ contract rent; a
 *   re-let after a default pays min(M, 1) × the contract rent;
 * - exit cap `max(1%, cap + σ_cap s_C)`.
 *
 * **Correlation with the BTC cycle.** With c the path's standardised BTC log deviation at month
 * 12 (`(y(12) − E y(12)) / sd y(12)`), each lease stress normal is `s = −ρ c + √(1 − ρ²) z`
 * (just z when the price is not random): for ρ > 0 a BTC bust (c < 0) raises the default risk, lowers the
 * market rent and raises the exit cap. W = Φ(−s_D). Delay and overrun are independent of it.
 */
export interface LeaseDrawModel {
  /** False when every lease-side risk is zero: the deterministic lease leg on every path. */
  readonly active: boolean;
  readonly delayModeMonths: number;
  readonly delayMaxMonths: number;
  readonly overrunMinPct: number;
  readonly overrunModePct: number;
  readonly overrunMaxPct: number;
  readonly defaultIsEvent: boolean;
  /** `12 / ln(1 − pd)` (negative), or 0 with pd = 0. */
  readonly defaultScale: number;
  readonly renewalIsEvent: boolean;
  readonly renewalProbability: number;
  /** Renewal dates within the lease lines (L months, docs/model.md §6): `ceil(L / term) − 1`. */
  readonly renewalDates: number;
  readonly marketRentVolatility: number;
  readonly exitCapRatePct: number;
  /** σ of the exit cap (percentage points); under the renewal DCF, of the exit yield's premium. */
  readonly exitCapVolatilityPct: number;
  /** The lease is valued by renewal DCF: the cap draw moves the exit yield (docs/model.md §6). */
  readonly exitYield: boolean;
  /** The lease class's yearly discount rate (fraction), the exit yield's base. */
  readonly leaseRate: number;
  readonly correlation: number;
  /** The month whose log price deviation gives the cycle factor, its mean and s.d. */
  readonly cycleMonth: number;
  readonly cycleMean: number;
  readonly cycleSd: number;
  /** Months of lease lines: a default at or after this lease month never matters. */
  readonly leaseMonths: number;
  readonly relettingDowntimeMonths: number | null;
}

export function buildLeaseDrawModel(scenario: Scenario, pathModel: PathModel): LeaseDrawModel {
  const risk = scenario.monteCarlo.leaseRisk;
  const { lease } = scenario;
  const horizon = scenario.horizonMonths;
  const pd = lease.tenantDefaultPctPerYear / 100;
  const p = lease.renewalProbabilityPct / 100;
  const termMonths = Math.max(1, Math.round(lease.termYears * 12));
  const leaseMonths = leaseLineMonths(scenario);
  const renewalDates = Math.ceil(leaseMonths / termMonths) - 1;
  const exitCap = lease.terminalValue.kind === 'exit-cap';
  const exitYield = lease.terminalValue.kind === 'renewal-dcf';
  // ln(1 − pd) is 0 in float64 for pd below ~1e-16: no default is then possible.
  const logSurvivalPerYear = Math.log1p(-Math.min(pd, 1));
  const defaultIsEvent = risk.drawTenantDefault && logSurvivalPerYear < 0;
  const renewalIsEvent = risk.drawRenewal && p > 0 && p < 1 && renewalDates > 0;
  const overrunZero =
    risk.capexOverrunMinPct === 0 &&
    risk.capexOverrunModePct === 0 &&
    risk.capexOverrunMaxPct === 0;
  const active =
    risk.constructionDelayMaxMonths > 0 ||
    !overrunZero ||
    defaultIsEvent ||
    renewalIsEvent ||
    risk.marketRentVolatilityPct > 0 ||
    ((exitCap || exitYield) && risk.exitCapVolatilityBp > 0);
  const cycleMonth = Math.min(12, horizon - 1);
  const {
    monthlyVolatility: s,
    monthlyLogDrift,
    jumpsPerMonth,
    jumpLogMean,
    jumpLogVolatility,
  } = pathModel;
  const cycleMean = cycleMonth * (monthlyLogDrift + jumpsPerMonth * jumpLogMean);
  const cycleVariance =
    cycleMonth * (s * s + jumpsPerMonth * (jumpLogVolatility ** 2 + jumpLogMean ** 2));
  return {
    active,
    delayModeMonths: risk.constructionDelayModeMonths,
    delayMaxMonths: risk.constructionDelayMaxMonths,
    overrunMinPct: risk.capexOverrunMinPct,
    overrunModePct: risk.capexOverrunModePct,
    overrunMaxPct: risk.capexOverrunMaxPct,
    defaultIsEvent,
    defaultScale: pd >= 1 ? 0 : defaultIsEvent ? 12 / logSurvivalPerYear : 0,
    renewalIsEvent,
    renewalProbability: p,
    renewalDates,
    marketRentVolatility: risk.marketRentVolatilityPct / 100,
    exitCapRatePct: expectedLeaseOutcome(scenario).exitCapRatePct,
    exitCapVolatilityPct: exitCap || exitYield ? risk.exitCapVolatilityBp / 100 : 0,
    exitYield,
    leaseRate: classDiscountRates(scenario).lease,
    correlation: risk.cycleCorrelation,
    cycleMonth,
    cycleMean,
    cycleSd: Math.sqrt(cycleVariance),
    leaseMonths,
    relettingDowntimeMonths: risk.relettingDowntimeMonths,
  };
}

/** The lease side of a run in words, for the summaries and exports. */
export function describeLeaseRisk(scenario: Scenario, model: LeaseDrawModel): string {
  if (!model.active) return 'none (the expected-value lease on every path)';
  const { lease } = scenario;
  const risk = scenario.monteCarlo.leaseRisk;
  const parts = [
    `construction delay triangular(0, ${model.delayModeMonths}, ${model.delayMaxMonths}) months`,
    `capex overrun triangular(${model.overrunMinPct}, ${model.overrunModePct}, ${model.overrunMaxPct})%`,
    model.defaultIsEvent
      ? `tenant default drawn at ${lease.tenantDefaultPctPerYear}%/yr (recovery ${lease.recoveryPct}%, backstop ${lease.backstopPct}%, ${risk.relettingDowntimeMonths === null ? 'never re-let' : `re-let after ${risk.relettingDowntimeMonths} months`})`
      : 'tenant default as the expected credit loss',
    model.renewalIsEvent
      ? `renewals drawn at ${lease.renewalProbabilityPct}%`
      : 'renewals probability-weighted',
    `market rent at renewal ±${risk.marketRentVolatilityPct}%`,
    model.exitYield
      ? `exit yield (the renewal DCF's rate after the horizon) ±${model.exitCapVolatilityPct * 100} bp`
      : `exit cap ±${model.exitCapVolatilityPct * 100} bp`,
    `correlation with the BTC cycle ${model.correlation}`,
  ];
  return parts.join(', ');
}

/**
 * Inverse CDF of the triangular distribution on [a, b] with mode c at u ∈ [0, 1).
 *
 * @example triangularQuantile(0, 3, 12, 0.5) = 12 − √(0.5 × 12 × 9) = 4.6515…
 */
export function triangularQuantile(a: number, c: number, b: number, u: number): number {
  if (b <= a) return a;
  const split = (c - a) / (b - a);
  return u < split
    ? a + Math.sqrt(u * (b - a) * (c - a))
    : b - Math.sqrt((1 - u) * (b - a) * (b - c));
}

/** Mean of the triangular distribution: (a + b + c) / 3. */
export function triangularMean(a: number, c: number, b: number): number {
  return (a + b + c) / 3;
}

/**
 * The standard normal CDF Φ(x) by Marsaglia's series (J. Stat. Software 11(4), 2004):
 * `Φ(x) = ½ + φ(x)(x + x³/3 + x⁵/(3·5) + …)`, to about 1e-15 for |x| ≤ 8; clamped beyond.
 *
 * @example standardNormalCdf(1.959963984540054) = 0.975 (to 1e-15)
 */
export function standardNormalCdf(x: number): number {
  if (x < -8) return 0;
  if (x > 8) return 1;
  let sum = x;
  let term = x;
  const square = x * x;
  let previous = 0;
  for (let i = 3; sum !== previous; i += 2) {
    previous = sum;
    term *= square / i;
    sum += term;
  }
  return 0.5 + sum * Math.exp(-0.5 * square - 0.918_938_533_204_672_8);
}

/**
 * Draws path `pathIndex`'s lease outcome into `out`. `logPriceDeviation` is the path's y(m)
 * (for the cycle factor). Always draws the same numbers in the same order.
 */
export function drawLeaseOutcome(
  model: LeaseDrawModel,
  random: PathRandom,
  logPriceDeviation: ArrayLike<number>,
  out: LeaseOutcome,
): void {
  const cycle =
    model.cycleSd > 0
      ? (logPriceDeviation[model.cycleMonth]! - model.cycleMean) / model.cycleSd
      : 0;
  // Without a random price there is no cycle to follow: each stress is its own normal.
  const rho = model.cycleSd > 0 ? model.correlation : 0;
  const own = Math.sqrt(1 - rho * rho);
  const common = -rho * cycle;

  const delay = triangularQuantile(
    0,
    model.delayModeMonths,
    model.delayMaxMonths,
    random.uniform(),
  );
  out.delayMonths = Math.round(delay);
  out.capexFactor =
    1 +
    triangularQuantile(
      model.overrunMinPct,
      model.overrunModePct,
      model.overrunMaxPct,
      random.uniform(),
    ) /
      100;
  const defaultStress = common + own * random.normal();
  const rentStress = common + own * random.normal();
  const capStress = common + own * random.normal();
  out.defaultIsEvent = model.defaultIsEvent;
  out.relettingDowntimeMonths = model.relettingDowntimeMonths;
  if (model.defaultIsEvent) {
    const w = standardNormalCdf(-defaultStress);
    const tau = model.defaultScale === 0 ? 0 : Math.floor(model.defaultScale * Math.log1p(-w));
    out.defaultLeaseMonth = tau >= model.leaseMonths ? Number.POSITIVE_INFINITY : tau;
  } else {
    out.defaultLeaseMonth = Number.POSITIVE_INFINITY;
  }
  out.renewalIsEvent = model.renewalIsEvent;
  let renewals = Number.POSITIVE_INFINITY;
  for (let n = 0; n < model.renewalDates; n += 1) {
    const u = random.uniform();
    if (renewals === Number.POSITIVE_INFINITY && u >= model.renewalProbability) renewals = n;
  }
  out.renewals = model.renewalIsEvent ? renewals : Number.POSITIVE_INFINITY;
  const sigma = model.marketRentVolatility;
  out.marketRentFactor = Math.exp(-sigma * rentStress - (sigma * sigma) / 2);
  out.exitCapRatePct = Math.max(1, model.exitCapRatePct + model.exitCapVolatilityPct * capStress);
  out.exitYieldPremiumPct = model.exitYield
    ? exitYieldPremiumPct(model.exitCapVolatilityPct * capStress, model.leaseRate)
    : 0;
}
