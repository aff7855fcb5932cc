import type { MonteCarloSection } from '../../schema/scenario';
import type { PathRandom } from './rng';

/**
 * Stochastic BTC price and difficulty around the scenario's deterministic paths (monthly steps).
 *
 * **Price** (geometric Brownian motion, optionally with Merton jumps), as a log deviation
 * `y(m) = ln P(m) − ln P̄(m)` from the centre path P̄ (the chosen price case, or a growth at the
 * given drift):
 *
 *     y(0) = 0,  y(m) = y(m−1) + σ_m z_m − σ_m²/2 + J_m − λ_m κ,
 *
 * with `σ_m = σ/√12`, z_m standard normal, J_m the sum of N_m ~ Poisson(λ_m = λ/12) jumps of log
 * size N(μ_J, σ_J²), and `κ = e^(μ_J + σ_J²/2) − 1`. The compensators make `E[e^y(m)] = 1`: the
 * centre path is the **mean** price path, and the median is `P̄(m) e^(−σ² t/2)` lower.
 *
 * **Difficulty** responds to hashprice with an elasticity ε per month and a lag of L months, as a
 * log deviation `x(m) = ln D(m) − ln D̄(m)` from the scenario's difficulty path D̄:
 *
 *     x(0) = 0,  x(m+1) = x(m) + ε h(m−L),  h(k) = y(k) − x(k) (0 for k < 0),
 *
 * i.e. `ln D(m+1) = ln D(m) + ln(D̄(m+1)/D̄(m)) + ε (ln HP(m−L) − ln H̄P(m−L))`: a hashprice above
 * the deterministic one draws hashrate in, one below pushes it out. Subsidy (halvings on schedule)
 * and fees are those of the deterministic network path, so `HP(m) = H̄P(m) e^(y(m) − x(m))` and
 * hashprice mean-reverts towards H̄P: with L = 0, h is an AR(1) with coefficient 1 − ε, so its
 * long-run standard deviation is `σ_m / √(1 − (1−ε)²)` where the price's grows without bound.
 * With σ = 0 and no jumps every path is the deterministic one (y = x = 0), whatever ε and L.
 *
 * **Marginal-cost floor** (docs/model.md §2): with the network rule on, difficulty also falls
 * whenever hashprice would sit below the floor, `x(m) ← min(x(m), y(m) − ln(floor(m)/H̄P(m)))`,
 * so every path's hashprice stays at or above the floor, as the deterministic cases' do.
 *
 * @example σ = 55%/yr: σ_m = 0.15877, and a 12-month log return has mean −0.15125 and s.d. 0.55.
 */
export interface PathModel {
  readonly horizonMonths: number;
  readonly monthlyVolatility: number;
  /** `−σ_m²/2 − λ_m κ`: the drift of y that keeps the mean price on the centre path. */
  readonly monthlyLogDrift: number;
  readonly jumpsPerMonth: number;
  readonly jumpLogMean: number;
  readonly jumpLogVolatility: number;
  readonly elasticityPerMonth: number;
  readonly lagMonths: number;
  /** The deterministic hashprice H̄P(m) (USD per TH/s per day) the deviations act on. */
  readonly centreHashpriceUsdPerThDay: Float64Array;
  /**
   * `ln(floor(m) / H̄P(m))` of the network's marginal-cost floor (docs/model.md §2), or null
   * without it: difficulty falls so that `x(m) ≤ y(m) − this`, i.e. HP(m) ≥ floor(m).
   */
  readonly logFloorOverCentre: Float64Array | null;
}

export function buildPathModel(
  settings: Pick<
    MonteCarloSection,
    'volatilityPctPerYear' | 'jumps' | 'difficultyElasticityPerMonth' | 'difficultyLagMonths'
  >,
  centreHashpriceUsdPerThDay: ArrayLike<number>,
  hashpriceFloorUsdPerThDay: ArrayLike<number> | null = null,
): PathModel {
  const monthlyVolatility = settings.volatilityPctPerYear / 100 / Math.sqrt(12);
  const { jumps } = settings;
  const jumpsPerMonth = jumps.kind === 'merton' ? jumps.jumpsPerYear / 12 : 0;
  const jumpLogMean = jumps.kind === 'merton' ? Math.log(1 + jumps.medianJumpPct / 100) : 0;
  const jumpLogVolatility = jumps.kind === 'merton' ? jumps.jumpVolatilityPctPerJump / 100 : 0;
  const meanJumpFactor = Math.exp(jumpLogMean + (jumpLogVolatility * jumpLogVolatility) / 2) - 1;
  return {
    horizonMonths: centreHashpriceUsdPerThDay.length,
    monthlyVolatility,
    monthlyLogDrift: -(monthlyVolatility * monthlyVolatility) / 2 - jumpsPerMonth * meanJumpFactor,
    jumpsPerMonth,
    jumpLogMean,
    jumpLogVolatility,
    elasticityPerMonth: settings.difficultyElasticityPerMonth,
    lagMonths: settings.difficultyLagMonths,
    centreHashpriceUsdPerThDay: Float64Array.from(centreHashpriceUsdPerThDay),
    logFloorOverCentre:
      hashpriceFloorUsdPerThDay === null
        ? null
        : Float64Array.from(centreHashpriceUsdPerThDay, (centre, m) =>
            Math.log(hashpriceFloorUsdPerThDay[m]! / centre),
          ),
  };
}

/** One path's months, reused from path to path (nothing is kept per path). */
export interface PathBuffers {
  /** y(m) = ln(P(m) / P̄(m)). */
  readonly logPriceDeviation: Float64Array;
  /** x(m) = ln(D(m) / D̄(m)). */
  readonly logDifficultyDeviation: Float64Array;
  readonly hashpriceUsdPerThDay: Float64Array;
}

export function createPathBuffers(horizonMonths: number): PathBuffers {
  return {
    logPriceDeviation: new Float64Array(horizonMonths),
    logDifficultyDeviation: new Float64Array(horizonMonths),
    hashpriceUsdPerThDay: new Float64Array(horizonMonths),
  };
}

/**
 * Draws one path into `buffers`. Per month it takes one normal for the diffusion, and with jumps
 * one uniform for their number (Poisson by inversion) and one normal for their total size
 * (`N μ_J + √N σ_J z`).
 */
export function simulatePath(model: PathModel, random: PathRandom, buffers: PathBuffers): void {
  const y = buffers.logPriceDeviation;
  const x = buffers.logDifficultyDeviation;
  const hashprice = buffers.hashpriceUsdPerThDay;
  const centre = model.centreHashpriceUsdPerThDay;
  const { monthlyVolatility, monthlyLogDrift, elasticityPerMonth, lagMonths, jumpsPerMonth } =
    model;
  const logFloor = model.logFloorOverCentre;
  y[0] = 0;
  x[0] = 0;
  hashprice[0] = centre[0]!;
  for (let m = 1; m < model.horizonMonths; m += 1) {
    let logReturn = monthlyVolatility * random.normal() + monthlyLogDrift;
    if (jumpsPerMonth > 0) {
      const jumps = poissonByInversion(jumpsPerMonth, random.uniform());
      if (jumps > 0) {
        logReturn +=
          jumps * model.jumpLogMean + Math.sqrt(jumps) * model.jumpLogVolatility * random.normal();
      }
    }
    y[m] = y[m - 1]! + logReturn;
    const signal = m - 1 - lagMonths;
    x[m] = x[m - 1]! + (signal >= 0 ? elasticityPerMonth * (y[signal]! - x[signal]!) : 0);
    // The marginal-cost floor: miners switch off until hashprice is back on it.
    if (logFloor !== null && x[m]! > y[m]! - logFloor[m]!) x[m] = y[m]! - logFloor[m]!;
    hashprice[m] = centre[m]! * Math.exp(y[m]! - x[m]!);
  }
}

/** The smallest n with P(N ≤ n) > u for N ~ Poisson(mean). */
function poissonByInversion(mean: number, u: number): number {
  let n = 0;
  let probability = Math.exp(-mean);
  let cumulative = probability;
  while (u >= cumulative && probability > 0) {
    n += 1;
    probability *= mean / n;
    cumulative += probability;
  }
  return n;
}
