import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/index';
import {
  difficultyForHashpriceUsdPerPhDay,
  difficultyForNetworkHashrateEhs,
  hashpriceUsdPerPhDayOf,
  networkHashrateEhsOf,
} from '../../src/engine/networkUnits';
import { defaultPreset } from '../../src/state/presets';

describe('difficulty ↔ network hashrate ↔ hashprice', () => {
  it('re-asserts the TSDoc examples', () => {
    expect(networkHashrateEhsOf(141.67e12)).toBeCloseTo(1014.1, 1);
    expect(
      hashpriceUsdPerPhDayOf(141.67e12, { btcPriceUsd: 76_176, btcPerBlock: 3.125 }),
    ).toBeCloseTo(33.802, 2);
  });

  it('agrees with the engine: first-month hashprice and hashrate of the Texas preset', () => {
    const evaluation = evaluate(defaultPreset()!.scenario);
    const series = evaluation.cases[evaluation.referenceCaseIndex]!.series;
    const market = {
      btcPriceUsd: series.btcPriceUsd[0]!,
      btcPerBlock: series.subsidyBtcPerBlock[0]! + evaluation.scenario.network.feesBtcPerBlock,
    };
    const difficulty = evaluation.scenario.network.difficulty;
    expect(hashpriceUsdPerPhDayOf(difficulty, market)).toBeCloseTo(
      series.hashpriceUsdPerThDay[0]! * 1000,
      9,
    );
    expect(networkHashrateEhsOf(difficulty)).toBeCloseTo(series.networkHashrateEhs[0]!, 9);
  });

  it('round-trips: each figure entered gives back the difficulty it came from', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e9, max: 1e16, noNaN: true }),
        fc.double({ min: 1000, max: 1e6, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (difficulty, btcPriceUsd, btcPerBlock) => {
          const market = { btcPriceUsd, btcPerBlock };
          const viaHashrate = difficultyForNetworkHashrateEhs(networkHashrateEhsOf(difficulty));
          const viaHashprice = difficultyForHashpriceUsdPerPhDay(
            hashpriceUsdPerPhDayOf(difficulty, market),
            market,
          );
          expect(viaHashrate / difficulty).toBeCloseTo(1, 12);
          expect(viaHashprice / difficulty).toBeCloseTo(1, 12);
        },
      ),
    );
  });
});
