import type { MonteCarloContext } from './context';
import { leaseCashOnPath, leaseNpvOnPath } from './leaseLegPath';
import { miningNpvOnPath } from './miningLeg';
import {
  addDistribution,
  CASH_FAN_BINNING,
  HASHPRICE_FAN_BINNING,
  recordRun,
  type Tally,
} from './tally';

/**
 * What the drawn path adds to the tally (tally.ts), once its mining leg is known (miningLeg.ts):
 * its hashprice deviation month by month, and for each strategy its NPV, ΔNPV against keep mining
 * and cumulative net cash. A strategy's NPV is `miningNpvOfPlan + leaseNpv` exactly as the
 * deterministic engine's fast NPV (fastNpv.ts); its cumulative net cash, month by month, is
 * `share(m) × net(m) + resale weight(m) × stop-sale value(m) + fixed(m)`, plus the share still
 * mining × the resale value in the last month, where share, resale weight and the fixed (capex and
 * lease) flows come from the strategy stream (strategyStreams.ts).
 */
export function recordHashpriceFan(context: MonteCarloContext, tally: Tally): void {
  const hashprice = context.scratch.path.hashpriceUsdPerThDay;
  const centreHashprice = context.centreHashpriceUsdPerThDay;
  const fan = context.scratch.fanDeviation;
  const deviation = fan.values;
  const months = context.horizonMonths;
  for (let m = 0; m < months; m += 1) deviation[m] = hashprice[m]! - centreHashprice[m]!;
  recordRun(HASHPRICE_FAN_BINNING, tally.hashpriceCounts, tally.hashpriceExtremes, 0, fan, months);
}

/** Strategies: NPV, ΔNPV against keep mining (strategy 0), cumulative cash fans. */
export function recordStrategies(context: MonteCarloContext, tally: Tally): void {
  const { scratch, layout, strategies, horizonMonths: horizon } = context;
  const { netUsd, resaleUsd, stopSaleUsd } = scratch;
  const npv = scratch.npvUsd;
  for (let s = 0; s < strategies.length; s += 1) {
    const stream = strategies[s]!;
    const { template } = stream;
    const start = stream.plan.startMonth;
    npv[s] =
      stream.sameAs >= 0
        ? npv[stream.sameAs]!
        : miningNpvOnPath(context, template, start) +
          leaseNpvOnPath(context, template, start, stream.leaseNpvUsd);
    addDistribution(tally, layout.strategySum(s), s, npv[s]!, stream.deterministicNpvUsd);
    if (s > 0) {
      const delta = npv[s]! - npv[0]!;
      const deterministicDelta = stream.deterministicNpvUsd - strategies[0]!.deterministicNpvUsd;
      addDistribution(
        tally,
        layout.deltaSum(s - 1),
        layout.strategies + s - 1,
        delta,
        deterministicDelta,
      );
      if (delta > 0) tally.beatsMining[s - 1]! += 1;
    }
    if (stream.sameAs >= 0) continue;
    let cumulative = 0;
    const { miningShare: share, resaleWeight, cashFanFirst } = stream;
    const fixedCashUsd = leaseCashOnPath(context, stream);
    const deterministic = stream.deterministicCumulativeCashUsd;
    const fan = scratch.fanDeviation;
    const deviation = fan.values;
    const months = stream.cashFanMonths;
    for (let m = 0; m < months; m += 1) {
      cumulative += share[m]! * netUsd[m]! + resaleWeight[m]! * stopSaleUsd[m]! + fixedCashUsd[m]!;
      if (m === horizon - 1) cumulative += share[m]! * resaleUsd[m]!;
      deviation[m] = cumulative - deterministic[m]!;
    }
    recordRun(CASH_FAN_BINNING, tally.cashCounts, tally.cashExtremes, cashFanFirst, fan, months);
  }
}
