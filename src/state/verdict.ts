import type { BreakevenResult, Evaluation, StrategyResult } from '../engine/index';
import { formatPercent, formatUsdShort } from '../ui/format';

/**
 * The one-sentence answer at the top of the page. It only selects and phrases numbers the engine
 * produced: the strategy with the highest NPV in the reference price case, its incremental NPV
 * against keeping the site mining, and the solved flat-BTC-price breakeven.
 */
export interface Verdict {
  readonly caseName: string;
  readonly best: StrategyResult;
  readonly keepMining: StrategyResult;
  /** The conversion strategy with the highest NPV (the runner-up when keep mining wins). */
  readonly bestConversion: StrategyResult;
  /** How far the best strategy is ahead of the next option it is compared with (USD, ≥ 0). */
  readonly marginUsd: number;
  /** Price cases in which the same strategy is best, out of all cases. */
  readonly casesWon: number;
  readonly caseCount: number;
  readonly breakevenBtc: BreakevenResult | null;
  readonly sentence: string;
}

/** Highest NPV; ties go to the earlier strategy in the engine's order (the simpler plan). */
export function bestByNpv(strategies: readonly StrategyResult[]): StrategyResult {
  let best = strategies[0]!;
  for (const strategy of strategies) if (strategy.npvUsd > best.npvUsd) best = strategy;
  return best;
}

export function selectVerdict(evaluation: Evaluation): Verdict {
  const reference = evaluation.cases[evaluation.referenceCaseIndex]!;
  const strategies = reference.strategies;
  const keepMining = strategies.find((s) => s.strategyId === 'keep-mining')!;
  const best = bestByNpv(strategies);
  const bestConversion = bestByNpv(strategies.filter((s) => s.strategyId !== 'keep-mining'));
  // The engine's incremental NPV is "this strategy − keep mining" for every conversion.
  const conversionEdge = bestConversion.incremental?.npvUsd ?? 0;
  const marginUsd = best === keepMining ? -conversionEdge : conversionEdge;
  const casesWon = evaluation.cases.filter(
    (c) => bestByNpv(c.strategies).strategyId === best.strategyId,
  ).length;
  const breakevenBtc = evaluation.breakevens.computed
    ? evaluation.breakevens.flatBtcPriceUsd
    : null;
  const parts = {
    caseName: reference.priceCase.name,
    best,
    keepMining,
    bestConversion,
    marginUsd,
    casesWon,
    caseCount: evaluation.cases.length,
    breakevenBtc,
  };
  return { ...parts, sentence: phraseVerdict(evaluation, parts) };
}

/** "Converting all 300 MW now (245 MW of critical IT)", "Keeping the site mining", … */
export function strategySubject(strategy: StrategyResult, evaluation: Evaluation): string {
  const siteMw = formatMw(evaluation.scenario.site.utilityMw);
  const it = `${formatMw(strategy.convertItMw)} MW of critical IT`;
  const month = evaluation.months[strategy.conversionStartMonth]?.label;
  const at = month ? ` in ${month}` : '';
  switch (strategy.strategyId) {
    case 'keep-mining':
      return 'Keeping the site mining';
    case 'convert-now':
      return `Converting all ${siteMw} MW now (${it})`;
    case 'partial':
      return `Converting ${formatMw(strategy.convertUtilityMw)} MW now (${it}) and mining the rest`;
    case 'convert-at-month':
    case 'convert-at-best-month':
      return `Mining until month ${strategy.conversionStartMonth}${at}, then converting all ${siteMw} MW`;
  }
}

/** "10%" when one rate applies to every class, else "8% (lease) / 20% (mining) / 10% (capex)". */
export function phraseDiscountRates(evaluation: Evaluation): string {
  const { mining, construction, lease } = evaluation.derived.discountRates;
  if (mining === construction && construction === lease) return formatPercent(lease);
  return `${formatPercent(lease)} (lease) / ${formatPercent(mining)} (mining) / ${formatPercent(construction)} (capex)`;
}

function phraseVerdict(evaluation: Evaluation, v: Omit<Verdict, 'sentence'>): string {
  const rates = phraseDiscountRates(evaluation);
  const inCase = `In the ${v.caseName} case, `;
  const subject = strategySubject(v.best, evaluation);
  const lead = `${subject.charAt(0).toLowerCase()}${subject.slice(1)}`;
  const margin = formatUsdShort(v.marginUsd);
  const main =
    v.best === v.keepMining
      ? `${inCase}${lead} beats the best conversion (${v.bestConversion.label.toLowerCase()}) by ${margin} NPV at ${rates}`
      : `${inCase}${lead} beats keeping it mining by ${margin} NPV at ${rates}`;
  const clause = v.breakevenBtc ? breakevenClause(v.breakevenBtc, v.best) : '';
  return `${main}${clause ? `; ${clause}` : ''}.`;
}

/** The flat-BTC breakeven compares converting now with keeping mining, so say it that way. */
function breakevenClause(result: BreakevenResult, best: StrategyResult): string {
  switch (result.kind) {
    case 'value': {
      const price = formatUsdShort(result.value);
      if (best.strategyId === 'convert-now')
        return `it stays ahead unless BTC averages above ${price}`;
      if (best.strategyId === 'keep-mining') {
        return `converting now would win only if BTC averaged below ${price}`;
      }
      return `converting all of it now beats mining unless BTC averages above ${price}`;
    }
    case 'convert-ahead-throughout':
      return `converting now beats mining at any flat BTC price up to ${formatUsdShort(result.searchedTo)}`;
    case 'mine-ahead-throughout':
      return `mining beats converting now at any flat BTC price from ${formatUsdShort(result.searchedFrom)} to ${formatUsdShort(result.searchedTo)}`;
  }
}

function formatMw(mw: number): string {
  return Number.isInteger(mw) ? mw.toLocaleString('en-US') : mw.toFixed(1);
}
