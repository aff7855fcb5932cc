import { describe, expect, it } from 'vitest';
import { floatArith } from '../../src/engine/arith';
import { buildCalendar } from '../../src/engine/calendar';
import {
  blockSubsidyBtc,
  buildNetworkPath,
  estimateStartBlockHeight,
  hashpriceUsdPerThDay,
  networkHashrateHs,
  subsidyOverBlocksBtc,
} from '../../src/engine/network';

const TWO_POW_32 = 2 ** 32;

describe('block subsidy by height', () => {
  it.each([
    [0, 50],
    [209_999, 50],
    [210_000, 25],
    [839_999, 6.25],
    [840_000, 3.125],
    [1_049_999, 3.125],
    [1_050_000, 1.5625],
    [1_260_000, 0.78125],
    [6_720_000, 0.00000001 * Math.floor(5e9 / 2 ** 32)],
    [64 * 210_000, 0],
  ])('height %i → %f BTC', (height, subsidy) => {
    expect(blockSubsidyBtc(height)).toBe(subsidy);
  });

  it('rejects a negative or fractional height', () => {
    expect(() => blockSubsidyBtc(-1)).toThrow(/height = -1/);
    expect(() => blockSubsidyBtc(1.5)).toThrow(RangeError);
  });

  it('pro-rates the halving inside its month (the TSDoc example)', () => {
    expect(subsidyOverBlocksBtc(1_048_000, 4320)).toBe(2000 * 3.125 + 2320 * 1.5625);
    expect(subsidyOverBlocksBtc(900_000, 4320)).toBe(4320 * 3.125);
  });

  it('steps the average subsidy in the month the 2028 halving falls', () => {
    const calendar = buildCalendar('2028-03', 3);
    // 2,000 blocks before the halving at the start of March 2028 (31 days = 4,464 blocks).
    const path = buildNetworkPath(floatArith, calendar, {
      difficulty: 150e12,
      difficultyGrowthPctPerYear: 0,
      difficultyGrowthOverridesPctByYear: [],
      startBlockHeight: 1_048_000,
      blockTimeSeconds: 600,
    });
    expect(path.blocks).toEqual([4464, 4320, 4464]);
    expect(path.subsidyBtcPerBlock[0]).toBeCloseTo((2000 * 3.125 + 2464 * 1.5625) / 4464, 12);
    expect(path.subsidyBtcPerBlock[1]).toBe(1.5625);
  });
});

describe('hashprice from difficulty', () => {
  it('reproduces the February 2026 domain check: $0.033802 per TH/s per day', () => {
    const hashprice = hashpriceUsdPerThDay({
      difficulty: 141.67e12,
      btcPriceUsd: 76_176,
      subsidyBtc: 3.125,
      feesBtcPerBlock: 0,
    });
    expect(hashprice).toBeCloseTo(0.033802, 6);
  });

  it('shows why an "estimated hashrate" must not be used: 890 EH/s gives $0.0385', () => {
    const impliedDifficulty = (890e18 * 600) / TWO_POW_32;
    const hashprice = hashpriceUsdPerThDay({
      difficulty: impliedDifficulty,
      btcPriceUsd: 76_176,
      subsidyBtc: 3.125,
      feesBtcPerBlock: 0,
    });
    expect(hashprice).toBeCloseTo(0.0385, 4);
  });

  it.each([
    // date, difficulty, price, reported $/PH/day (public dashboards), within ~3%
    ['2025-12-14', 148e12, 89_316, 39],
    ['2026-02-02', 141.67e12, 76_176, 34],
  ])('agrees with the checkpoint of %s within 3%%', (_date, difficulty, btcPriceUsd, reported) => {
    const perPh =
      1000 *
      hashpriceUsdPerThDay({ difficulty, btcPriceUsd, subsidyBtc: 3.125, feesBtcPerBlock: 0.02 });
    expect(Math.abs(perPh / reported - 1)).toBeLessThan(0.03);
  });

  it('network hashrate implied by difficulty: D × 2^32 / 600', () => {
    expect(networkHashrateHs(141.67e12) / 1e18).toBeCloseTo(1014.1, 1);
  });
});

describe('difficulty path', () => {
  it('compounds monthly so that D(12) = D0 × (1 + g) and overrides replace a year', () => {
    const path = buildNetworkPath(floatArith, buildCalendar('2026-01', 25), {
      difficulty: 100e12,
      difficultyGrowthPctPerYear: 20,
      difficultyGrowthOverridesPctByYear: [10],
      startBlockHeight: 930_000,
      blockTimeSeconds: 600,
    });
    expect(path.difficulty[0]).toBe(100e12);
    expect(path.difficulty[12]! / 1e12).toBeCloseTo(110, 9);
    expect(path.difficulty[24]! / 1e12).toBeCloseTo(132, 9);
  });
});

describe('start block height estimate', () => {
  it('extrapolates from the 2026-02-07 checkpoint at 144 blocks a day', () => {
    expect(estimateStartBlockHeight('2026-03', 600)).toBe(935_424 + 22 * 144);
    expect(estimateStartBlockHeight('2026-02', 600)).toBe(935_424 - 6 * 144);
  });
});
