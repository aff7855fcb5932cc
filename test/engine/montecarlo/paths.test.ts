import { describe, expect, it } from 'vitest';
import { floatArith } from '../../../src/engine/arith';
import { centrePriceCase } from '../../../src/engine/montecarlo/context';
import {
  buildPathModel,
  createPathBuffers,
  type PathModel,
  simulatePath,
} from '../../../src/engine/montecarlo/paths';
import { type PathRandom, pathRandom } from '../../../src/engine/montecarlo/rng';
import { buildBtcPricePath } from '../../../src/engine/price';
import type { MonteCarloSection } from '../../../src/schema/scenario';
import { assertScenario } from '../../../src/schema/validate';
import { simpleSite } from '../../support/simpleSite';

type PathSettings = Pick<
  MonteCarloSection,
  'volatilityPctPerYear' | 'jumps' | 'difficultyElasticityPerMonth' | 'difficultyLagMonths'
>;

const GBM: PathSettings = {
  volatilityPctPerYear: 55,
  jumps: { kind: 'none' },
  difficultyElasticityPerMonth: 0,
  difficultyLagMonths: 0,
};

/** Runs `paths` paths and hands each path's buffers to `visit`. */
function eachPath(
  model: PathModel,
  paths: number,
  visit: (buffers: ReturnType<typeof createPathBuffers>) => void,
  seed = 11,
) {
  const buffers = createPathBuffers(model.horizonMonths);
  for (let p = 0; p < paths; p += 1) {
    simulatePath(model, pathRandom(seed, p), buffers);
    visit(buffers);
  }
}

/** A "random" source that replays given normals (for scripted paths). */
function scripted(normals: number[]): PathRandom {
  let i = 0;
  return { normal: () => normals[i++] ?? 0, uniform: () => 0.5 } as unknown as PathRandom;
}

describe('price paths', () => {
  it('the documented example: σ = 55%/yr gives σ_m = 0.15877 and a 12-month drift of −σ²/2', () => {
    const model = buildPathModel(GBM, new Float64Array(13).fill(1));
    expect(model.monthlyVolatility).toBeCloseTo(0.15877, 5);
    expect(12 * model.monthlyLogDrift).toBeCloseTo(-0.15125, 5);
    expect(model.monthlyVolatility * Math.sqrt(12)).toBeCloseTo(0.55, 12);
  });

  it('GBM monthly log returns of the BTC price have the mean and variance of the parameters', () => {
    // Drift 30%/yr on a growth case: ln P(m) − ln P(m−1) = ln(1.3)/12 − σ_m²/2 + σ_m z.
    const scenario = assertScenario(
      simpleSite({ horizonMonths: 61, monteCarlo: { driftPctPerYear: 30 } }),
    );
    const centrePrice = buildBtcPricePath(floatArith, centrePriceCase(scenario), 61);
    const model = buildPathModel(GBM, new Float64Array(61).fill(1));
    const sigmaMonthly = 0.55 / Math.sqrt(12);
    const expectedMean = Math.log(1.3) / 12 - sigmaMonthly ** 2 / 2;
    const expectedVariance = sigmaMonthly ** 2;
    let n = 0;
    let sum = 0;
    let sumSquares = 0;
    eachPath(model, 4000, ({ logPriceDeviation: y }) => {
      for (let m = 1; m < 61; m += 1) {
        const logReturn = Math.log(centrePrice[m]! / centrePrice[m - 1]!) + y[m]! - y[m - 1]!;
        n += 1;
        sum += logReturn;
        sumSquares += logReturn * logReturn;
      }
    });
    const mean = sum / n;
    const variance = (sumSquares - n * mean * mean) / (n - 1);
    // 240,000 independent normal returns; bounds of 4 standard errors: σ/√n for the mean and
    // σ² √(2/(n−1)) for the variance (a false alarm has probability 6e-5 per check).
    expect(Math.abs(mean - expectedMean)).toBeLessThan(4 * Math.sqrt(expectedVariance / n));
    expect(Math.abs(variance - expectedVariance)).toBeLessThan(
      4 * expectedVariance * Math.sqrt(2 / (n - 1)),
    );
  });

  it('the centre path is the mean price: E[e^y(m)] = 1 at 5 years (within 4 standard errors)', () => {
    const model = buildPathModel(GBM, new Float64Array(61).fill(1));
    const n = 20_000;
    let sum = 0;
    eachPath(model, n, ({ logPriceDeviation: y }) => {
      sum += Math.exp(y[60]!);
    });
    // Var e^y = e^(σ² t) − 1 at t = 5 years.
    const standardError = Math.sqrt((Math.exp(0.55 ** 2 * 5) - 1) / n);
    expect(Math.abs(sum / n - 1)).toBeLessThan(4 * standardError);
  });

  it('with zero volatility every path is the deterministic one, whatever the difficulty rule', () => {
    const centre = Float64Array.from({ length: 48 }, (_, m) => 0.04 * 0.99 ** m);
    for (const lag of [0, 1, 6]) {
      const model = buildPathModel(
        {
          ...GBM,
          volatilityPctPerYear: 0,
          difficultyElasticityPerMonth: 0.1,
          difficultyLagMonths: lag,
        },
        centre,
      );
      eachPath(model, 3, (buffers) => {
        expect(Array.from(buffers.hashpriceUsdPerThDay)).toEqual(Array.from(centre));
        expect(buffers.logDifficultyDeviation.every((x) => x === 0)).toBe(true);
      });
    }
  });

  it('Merton jumps: compensated mean, and the moments of a compound Poisson sum', () => {
    const jumps = {
      kind: 'merton' as const,
      jumpsPerYear: 2,
      medianJumpPct: -20,
      jumpVolatilityPctPerJump: 15,
    };
    const model = buildPathModel({ ...GBM, jumps }, new Float64Array(61).fill(1));
    const lambda = 2 / 12;
    const muJ = Math.log(0.8);
    const sigmaJ = 0.15;
    const sigma = 0.55 / Math.sqrt(12);
    const expectedMean = model.monthlyLogDrift + lambda * muJ;
    const expectedVariance = sigma ** 2 + lambda * (muJ ** 2 + sigmaJ ** 2);
    let n = 0;
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    let terminal = 0;
    const paths = 10_000;
    eachPath(model, paths, ({ logPriceDeviation: y }) => {
      for (let m = 1; m < 61; m += 1) {
        const r = y[m]! - y[m - 1]!;
        n += 1;
        s1 += r;
        s2 += r * r;
        s4 += r ** 4;
      }
      terminal += Math.exp(y[60]!);
    });
    const mean = s1 / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean - expectedMean)).toBeLessThan(4 * Math.sqrt(expectedVariance / n));
    // Heavy tails: the standard error of the variance from the sample fourth moment.
    expect(Math.abs(variance - expectedVariance)).toBeLessThan(
      4 * Math.sqrt((s4 / n - variance ** 2) / n),
    );
    // Fat tails: excess kurtosis well above 0.
    expect(s4 / n / variance ** 2).toBeGreaterThan(3.5);
    // Still the mean path: E[e^y(60)] = 1 (a loose 5% band: the jumps widen the spread).
    expect(Math.abs(terminal / paths - 1)).toBeLessThan(0.05);
  });
});

describe('difficulty responding to hashprice', () => {
  it('starts L + 2 months after a price move, by ε of it, and then closes the gap', () => {
    // One scripted move: y jumps by −0.3 in month 1 and stays (σ = 0.1 monthly, drift removed).
    const sigma = 0.1;
    const model = buildPathModel(
      {
        ...GBM,
        volatilityPctPerYear: sigma * Math.sqrt(12) * 100,
        difficultyElasticityPerMonth: 0.1,
        difficultyLagMonths: 2,
      },
      new Float64Array(80).fill(0.05),
    );
    const z = [(-0.3 + sigma ** 2 / 2) / sigma, ...new Array(78).fill(sigma / 2)];
    const buffers = createPathBuffers(80);
    simulatePath(model, scripted(z), buffers);
    const x = buffers.logDifficultyDeviation;
    expect(buffers.logPriceDeviation[1]).toBeCloseTo(-0.3, 12);
    expect(buffers.logPriceDeviation[79]).toBeCloseTo(-0.3, 12);
    // x(m) = 0 up to m = L + 1 = 3; x(4) = ε × h(1) = 0.1 × −0.3.
    expect(Array.from(x.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(x[4]).toBeCloseTo(-0.03, 12);
    // Hashprice recovers towards the deterministic one: most of the move is absorbed.
    expect(x[79]).toBeCloseTo(-0.3, 3);
    expect(buffers.hashpriceUsdPerThDay[79]).toBeCloseTo(0.05, 4);
  });

  it('hashprice is less volatile than price; with L = 0 its log deviation is an AR(1) of s.d. σ_m/√(1−(1−ε)²)', () => {
    const epsilon = 0.1;
    const model = buildPathModel(
      { ...GBM, difficultyElasticityPerMonth: epsilon, difficultyLagMonths: 0 },
      new Float64Array(241).fill(1),
    );
    const n = 5000;
    let priceSquares = 0;
    let hashpriceSquares = 0;
    let late = 0;
    eachPath(model, n, ({ logPriceDeviation: y, logDifficultyDeviation: x }) => {
      priceSquares += y[60]! ** 2;
      hashpriceSquares += (y[60]! - x[60]!) ** 2;
      late += (y[240]! - x[240]!) ** 2;
    });
    expect(Math.sqrt(hashpriceSquares / priceSquares)).toBeLessThan(0.5);
    // Stationary after 240 months: s.d. of h = σ_m / √(1 − 0.9²) = 0.3642 (the drift adds a
    // small mean, −σ_m²/(2ε) = −0.126, so compare the root mean square).
    const sigmaMonthly = 0.55 / Math.sqrt(12);
    const stationarySd = sigmaMonthly / Math.sqrt(1 - (1 - epsilon) ** 2);
    const stationaryMean = -(sigmaMonthly ** 2) / 2 / epsilon;
    const rms = Math.sqrt(stationarySd ** 2 + stationaryMean ** 2);
    expect(Math.abs(Math.sqrt(late / n) / rms - 1)).toBeLessThan(0.04);
  });

  it('calibration check: the default rule replayed on the early-2026 drawdown (docs/monte-carlo.md §3)', () => {
    // BTC from the reference checkpoints (test/fixtures/reference/network-checkpoints.csv): $126,080 on
    // 2025-10-06, $89,316 on 2025-12-14, $76,176 on 2026-02-02; log-interpolated by month.
    const checkpoints: [number, number][] = [
      [0, 0],
      [2.26, Math.log(89_316 / 126_080)],
      [3.9, Math.log(76_176 / 126_080)],
    ];
    const y = [0, 1, 2, 3, 3.9].map((t) => {
      const i = checkpoints.findIndex(([time]) => time >= t);
      const [t0, y0] = checkpoints[Math.max(0, i - 1)]!;
      const [t1, y1] = checkpoints[i]!;
      return t1 === t0 ? y1 : y0 + ((t - t0) / (t1 - t0)) * (y1 - y0);
    });
    const sigma = 0.2;
    const model = buildPathModel(
      {
        ...GBM,
        volatilityPctPerYear: sigma * Math.sqrt(12) * 100,
        difficultyElasticityPerMonth: 0.1,
        difficultyLagMonths: 1,
      },
      new Float64Array(5).fill(1),
    );
    const z = y.slice(1).map((value, m) => (value - y[m]! + sigma ** 2 / 2) / sigma);
    const buffers = createPathBuffers(5);
    simulatePath(model, scripted(z), buffers);
    // Model: difficulty 4.6% below its deterministic path by early February 2026. Observed: −5.7%
    // against a flat path (150T → 141.67T), −11.6% against 20%/yr growth: the default rule reacts
    // more slowly than that drawdown (and than the storm-hit −11% adjustment of Feb 7).
    expect(buffers.logDifficultyDeviation[4]).toBeCloseTo(-0.046, 3);
    expect(buffers.logPriceDeviation[4]).toBeCloseTo(Math.log(76_176 / 126_080), 12);
  });
});
