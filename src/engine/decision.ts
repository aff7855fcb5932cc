/**
 * The decision a board hears, as an engine output (docs/model.md §8, "The decision"): the best
 * strategy in the reference case, its margin, the price cases it wins, each breakeven with the
 * side that wins above it, and the drivers and warnings behind the answer — each with its
 * wording, written here once. The app, the board pack, the files and the command line all state
 * the decision from this object; none of them re-derives or re-phrases it.
 */
import type { Scenario } from '../schema/scenario';
import { classDiscountRates, monthEndDiscountFactors } from './discount';
import type { CaseResult, StrategyResult } from './evaluate';
import { formatNumber, formatPercent, formatUsd, formatUsdShort } from './format';
import type { BreakevenResult, Breakevens } from './solve';
import {
  type CashFlowClass,
  LINE_ITEMS,
  type LineKey,
  placeTranches,
  type StrategyId,
} from './strategies';

/** A strategy as the decision names it: enough to find it in the evaluation. */
export interface StrategyRef {
  readonly strategyId: StrategyId;
  readonly label: string;
  readonly npvUsd: number;
}

/** The two sides every breakeven compares. */
export type BreakevenSide = 'convert-now' | 'keep-mining';

export type BreakevenInput = 'btcPrice' | 'leaseRate' | 'powerPrice' | 'capex';

export interface DecisionBreakeven {
  readonly input: BreakevenInput;
  readonly label: string;
  readonly result: BreakevenResult;
  /** The scenario's value of the input today, in the breakeven's unit. */
  readonly currentValue: number;
  /** Which side has the higher NPV above the breakeven; null when one side leads throughout. */
  readonly aboveWins: BreakevenSide | null;
  /** The breakeven itself: "$52,431", or "No breakeven in range". */
  readonly valueText: string;
  /** "Now $76,176 (breakeven −31% away); keep mining wins above it." */
  readonly noteText: string;
}

export type StatementId =
  | 'horizon-value-share'
  | 'discount-rate-gap'
  | 'dark-fleet'
  | 'best-month-at-lease-end';

/** One thing a board should hear: a driver of the answer, or a warning about it. */
export interface DecisionStatement {
  readonly id: StatementId;
  readonly kind: 'driver' | 'warning';
  /** The sentence, as every output prints it. */
  readonly text: string;
  /** The figures the sentence states, by name (USD, fractions, months). */
  readonly figures: Readonly<Record<string, number>>;
}

export interface Decision {
  readonly caseName: string;
  readonly referenceCaseIndex: number;
  readonly best: StrategyRef;
  readonly keepMining: StrategyRef;
  /** The conversion strategy with the highest NPV (the runner-up when keep mining wins). */
  readonly bestConversion: StrategyRef;
  /** What the best strategy is measured against: keep mining, or the best conversion. */
  readonly marginOver: StrategyRef;
  /** How far the best strategy is ahead of {@link marginOver} (USD, ≥ 0). */
  readonly marginUsd: number;
  /** Names of the price cases in which the same strategy is best. */
  readonly casesWon: readonly string[];
  readonly caseCount: number;
  readonly discountRatesText: string;
  /** The one-sentence answer. */
  readonly sentence: string;
  /** Empty when the breakevens were not solved. */
  readonly breakevens: readonly DecisionBreakeven[];
  readonly drivers: readonly DecisionStatement[];
  readonly warnings: readonly DecisionStatement[];
}

/** A horizon-value share of NPV at or above this is a warning (the answer rests on it). */
export const HORIZON_SHARE_WARNING = 0.5;
/** A fleet dark for at least this share of the horizon is a warning. */
export const DARK_SHARE_WARNING = 0.25;
/** A lease term ending this close to the horizon (months) puts the best month in doubt. */
export const LEASE_END_TOLERANCE_MONTHS = 1;

/** Highest NPV; ties go to the earlier strategy in the engine's order (the simpler plan). */
export function bestByNpv<T extends { readonly npvUsd: number }>(strategies: readonly T[]): T {
  let best = strategies[0]!;
  for (const strategy of strategies) if (strategy.npvUsd > best.npvUsd) best = strategy;
  return best;
}

const refOf = (s: StrategyResult): StrategyRef => ({
  strategyId: s.strategyId,
  label: s.label,
  npvUsd: s.npvUsd,
});

export interface DecisionInput {
  readonly scenario: Scenario;
  readonly months: readonly { readonly label: string }[];
  readonly cases: readonly CaseResult[];
  readonly referenceCaseIndex: number;
  readonly breakevens: Breakevens;
}

/** The decision of an evaluation (see the module comment). Pure; well under a millisecond. */
export function decide(evaluation: DecisionInput): Decision {
  const reference = evaluation.cases[evaluation.referenceCaseIndex]!;
  const strategies = reference.strategies;
  const keepMining = strategies.find((s) => s.strategyId === 'keep-mining')!;
  const best = bestByNpv(strategies);
  const bestConversion = bestByNpv(strategies.filter((s) => s.strategyId !== 'keep-mining'));
  const marginOver = best === keepMining ? bestConversion : keepMining;
  const casesWon = evaluation.cases
    .filter((c) => bestByNpv(c.strategies).strategyId === best.strategyId)
    .map((c) => c.priceCase.name);
  const breakevens = decisionBreakevens(evaluation);
  const statements = [
    horizonValueStatement(evaluation, best === keepMining ? bestConversion : best),
    rateGapStatement(evaluation, keepMining, bestConversion),
    darkFleetStatement(evaluation, reference, keepMining),
    leaseEndStatement(evaluation, reference),
  ].filter((s): s is DecisionStatement => s !== null);
  const parts = {
    caseName: reference.priceCase.name,
    referenceCaseIndex: evaluation.referenceCaseIndex,
    best: refOf(best),
    keepMining: refOf(keepMining),
    bestConversion: refOf(bestConversion),
    marginOver: refOf(marginOver),
    marginUsd: best.npvUsd - marginOver.npvUsd,
    casesWon,
    caseCount: evaluation.cases.length,
    discountRatesText: phraseDiscountRates(evaluation.scenario),
    breakevens,
    drivers: statements.filter((s) => s.kind === 'driver'),
    warnings: statements.filter((s) => s.kind === 'warning'),
  };
  return { ...parts, sentence: phraseSentence(evaluation, parts, best) };
}

function formatMw(mw: number): string {
  return Number.isInteger(mw) ? mw.toLocaleString('en-US') : mw.toFixed(1);
}

/** "Converting all 300 MW now (245 MW of critical IT)", "Keeping the site mining", … */
export function strategySubject(strategy: StrategyResult, evaluation: DecisionInput): string {
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
export function phraseDiscountRates(scenario: Scenario): string {
  const { mining, construction, lease } = classDiscountRates(scenario);
  if (mining === construction && construction === lease) return formatPercent(lease);
  return `${formatPercent(lease)} (lease) / ${formatPercent(mining)} (mining) / ${formatPercent(construction)} (capex)`;
}

function phraseSentence(
  evaluation: DecisionInput,
  d: Omit<Decision, 'sentence'>,
  best: StrategyResult,
): string {
  const inCase = `In the ${d.caseName} case, `;
  const subject = strategySubject(best, evaluation);
  const lead = `${subject.charAt(0).toLowerCase()}${subject.slice(1)}`;
  const margin = formatUsdShort(d.marginUsd);
  const main =
    best.strategyId === 'keep-mining'
      ? `${inCase}${lead} beats the best conversion (${d.bestConversion.label.toLowerCase()}) by ${margin} NPV at ${d.discountRatesText}`
      : `${inCase}${lead} beats keeping it mining by ${margin} NPV at ${d.discountRatesText}`;
  const btc = d.breakevens.find((b) => b.input === 'btcPrice');
  const clause = btc ? breakevenClause(btc.result, best.strategyId) : '';
  return `${main}${clause ? `; ${clause}` : ''}.`;
}

/** The flat-BTC breakeven compares converting now with keeping mining, so say it that way. */
function breakevenClause(result: BreakevenResult, best: StrategyId): string {
  switch (result.kind) {
    case 'value': {
      const price = formatUsdShort(result.value);
      if (best === 'convert-now') return `it stays ahead unless BTC averages above ${price}`;
      if (best === 'keep-mining') {
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

const SIDE_TEXT: Readonly<Record<BreakevenSide, string>> = {
  'convert-now': 'converting now',
  'keep-mining': 'keep mining',
};

/** The four solved breakevens with today's value, the side above, and their wording. */
function decisionBreakevens(evaluation: DecisionInput): DecisionBreakeven[] {
  const { breakevens, scenario, cases, referenceCaseIndex } = evaluation;
  if (!breakevens.computed) return [];
  const pricing = scenario.power.pricing;
  const perMwh = (v: number) => `${formatUsd(v, 2)}/MWh`;
  const rows: {
    input: BreakevenInput;
    label: string;
    /** The input in a sentence: "at every {noun} from … to …". */
    noun: string;
    result: BreakevenResult;
    current: number;
    format: (value: number) => string;
  }[] = [
    {
      input: 'btcPrice',
      label: 'BTC price, flat every month',
      noun: 'BTC price',
      result: breakevens.flatBtcPriceUsd,
      current: cases[referenceCaseIndex]!.series.btcPriceUsd[0]!,
      format: (v) => formatUsd(v),
    },
    {
      input: 'leaseRate',
      label: 'Lease rate, year 1',
      noun: 'lease rate',
      result: breakevens.leaseRateUsdPerKwMonth,
      current: scenario.lease.rateUsdPerKwMonth,
      format: (v) => `${formatUsd(v, 2)}/kW-mo`,
    },
    {
      input: 'powerPrice',
      label:
        breakevens.powerPriceMeaning === 'index-adder'
          ? 'Power price adder over the index'
          : 'Power price, year 1',
      noun: 'power price',
      result: breakevens.powerPriceUsdPerMwh,
      current: pricing.kind === 'fixed' ? pricing.priceUsdPerMwh : pricing.adderUsdPerMwh,
      format: perMwh,
    },
    {
      input: 'capex',
      label: 'Conversion capex',
      noun: 'capex',
      result: breakevens.capexUsdPerItMw,
      current: scenario.conversion.capexUsdPerItMw,
      format: (v) => `${formatUsdShort(v)} per IT MW`,
    },
  ];
  return rows.map((row) => {
    const { result } = row;
    const aboveWins = result.kind === 'value' ? result.aboveWins : null;
    const now = `Now ${row.format(row.current)}`;
    let valueText: string;
    let noteText: string;
    switch (result.kind) {
      case 'value':
        valueText = row.format(result.value);
        noteText = `${now} (${headroom(row.current, result.value)}); ${SIDE_TEXT[result.aboveWins]} wins above it.`;
        break;
      // The search range is not a finding: say there is none, and put the range in the note.
      case 'convert-ahead-throughout':
      case 'mine-ahead-throughout': {
        const leader = result.kind === 'convert-ahead-throughout' ? 'Converting' : 'Mining';
        valueText = 'No breakeven in range';
        noteText = `${leader} leads at every ${row.noun} from ${row.format(result.searchedFrom)} to ${row.format(result.searchedTo)}. ${now}.`;
        break;
      }
    }
    return {
      input: row.input,
      label: row.label,
      result,
      currentValue: row.current,
      aboveWins,
      valueText,
      noteText,
    };
  });
}

/** How far the breakeven sits from today's value, as a percentage of today's value. */
function headroom(current: number, breakeven: number): string {
  if (current === 0) return 'breakeven differs from zero';
  const pct = ((breakeven - current) / Math.abs(current)) * 100;
  return `breakeven ${pct >= 0 ? '+' : '−'}${formatNumber(Math.abs(pct), 0)}% away`;
}

/**
 * The lines that are value at the horizon rather than cash earned within it: the lease's value
 * after the horizon, the site's residual value, and the fleet sold at the horizon (the last
 * month's resale).
 */
const HORIZON_VALUE_LINES: readonly { key: LineKey; lastMonthOnly: boolean }[] = [
  { key: 'terminalValueUsd', lastMonthOnly: false },
  { key: 'siteResidualUsd', lastMonthOnly: false },
  { key: 'fleetResaleUsd', lastMonthOnly: true },
];

const HORIZON_VALUE_TEXT = 'the lease after the horizon, the site residual and the fleet resale';

const CLASS_OF = new Map<LineKey, CashFlowClass>(LINE_ITEMS.map((item) => [item.key, item.class]));

/** Present value of a strategy's horizon value at its class rates (USD). */
export function horizonValuePvUsd(strategy: StrategyResult, scenario: Scenario): number {
  const rates = classDiscountRates(scenario);
  const horizon = scenario.horizonMonths;
  let pv = 0;
  for (const { key, lastMonthOnly } of HORIZON_VALUE_LINES) {
    const line = strategy.lines[key];
    const rate = rates[CLASS_OF.get(key)!];
    for (let m = lastMonthOnly ? horizon - 1 : 0; m < horizon; m += 1) {
      const flow = line[m]!;
      if (flow !== 0) pv += flow * (1 + rate) ** (-(m + 1) / 12);
    }
  }
  return pv;
}

function horizonValueStatement(
  evaluation: DecisionInput,
  strategy: StrategyResult,
): DecisionStatement {
  const { scenario } = evaluation;
  const pv = horizonValuePvUsd(strategy, scenario);
  const npv = strategy.npvUsd;
  const years = formatNumber(scenario.horizonMonths / 12, 1);
  if (npv <= 0) {
    return {
      id: 'horizon-value-share',
      kind: 'driver',
      text: `${strategy.label}: ${formatUsdShort(pv)} of its NPV (${formatUsdShort(npv)}) is value at the horizon (${HORIZON_VALUE_TEXT} after ${years} years).`,
      figures: { horizonValuePvUsd: pv, npvUsd: npv },
    };
  }
  const share = pv / npv;
  const warn = share >= HORIZON_SHARE_WARNING;
  return {
    id: 'horizon-value-share',
    kind: warn ? 'warning' : 'driver',
    text: `${formatPercent(share, 0)} of the NPV of “${strategy.label}” (${formatUsdShort(pv)} of ${formatUsdShort(npv)}) is value at the horizon (${HORIZON_VALUE_TEXT} after ${years} years), not cash earned before it${warn ? ': the answer rests on the horizon-value assumptions' : ''}.`,
    figures: { share, horizonValuePvUsd: pv, npvUsd: npv },
  };
}

/** NPV of a strategy's net flows with every class discounted by the same `factors`. */
function npvAtOneRate(strategy: StrategyResult, factors: Float64Array, horizon: number): number {
  let npv = 0;
  for (let m = 0; m < horizon; m += 1) npv += strategy.netCashFlowUsd[m]! * factors[m]!;
  return npv;
}

/**
 * The effect of discounting the lease at a different rate from mining: the conversion's lead
 * over keep mining as evaluated, against the same lead with every flow at the mining rate.
 */
function rateGapStatement(
  evaluation: DecisionInput,
  keepMining: StrategyResult,
  conversion: StrategyResult,
): DecisionStatement {
  const { scenario } = evaluation;
  const rates = classDiscountRates(scenario);
  const leadUsd = conversion.npvUsd - keepMining.npvUsd;
  if (rates.lease === rates.mining && rates.construction === rates.mining) {
    return {
      id: 'discount-rate-gap',
      kind: 'driver',
      text: `Every cash flow is discounted at ${formatPercent(rates.mining)}: no gap between the mining and lease rates favours either side.`,
      figures: { miningRate: rates.mining, leaseRate: rates.lease, effectUsd: 0 },
    };
  }
  const horizon = scenario.horizonMonths;
  const factors = monthEndDiscountFactors(rates.mining, horizon);
  const leadAtMiningRateUsd =
    npvAtOneRate(conversion, factors, horizon) - npvAtOneRate(keepMining, factors, horizon);
  const effectUsd = leadUsd - leadAtMiningRateUsd;
  const flips = Math.sign(leadUsd) !== Math.sign(leadAtMiningRateUsd);
  const name = `“${conversion.label}”`;
  const atOneRate =
    leadAtMiningRateUsd >= 0
      ? `${name} would lead keep mining by ${formatUsdShort(leadAtMiningRateUsd)}`
      : `keep mining would lead ${name} by ${formatUsdShort(-leadAtMiningRateUsd)}`;
  const warn = flips || Math.abs(effectUsd) >= Math.abs(leadUsd) / 2;
  return {
    id: 'discount-rate-gap',
    kind: warn ? 'warning' : 'driver',
    text: `The lease is discounted at ${formatPercent(rates.lease)} and mining at ${formatPercent(rates.mining)}: the difference ${effectUsd >= 0 ? 'adds' : 'takes'} ${formatUsdShort(Math.abs(effectUsd))} ${effectUsd >= 0 ? 'to' : 'from'} the NPV lead of ${name} over keep mining; with every flow at ${formatPercent(rates.mining)}, ${atOneRate}${flips ? ' — the rate gap decides the answer' : ''}.`,
    figures: {
      miningRate: rates.mining,
      leaseRate: rates.lease,
      leadUsd,
      leadAtMiningRateUsd,
      effectUsd,
    },
  };
}

/** Months in which keep mining's whole fleet is switched off, in the reference case. */
function darkFleetStatement(
  evaluation: DecisionInput,
  reference: CaseResult,
  keepMining: StrategyResult,
): DecisionStatement {
  const running = reference.series.runningHashrateShare;
  const horizon = evaluation.scenario.horizonMonths;
  let darkMonths = 0;
  let partlyDarkMonths = 0;
  let firstDark = -1;
  for (let m = 0; m < horizon; m += 1) {
    const share = running[m]! * (keepMining.miningShare[m] ?? 1);
    if (share <= 1e-12) {
      darkMonths += 1;
      if (firstDark < 0) firstDark = m;
    } else if (share < 1 - 1e-12) partlyDarkMonths += 1;
  }
  const caseName = reference.priceCase.name;
  if (darkMonths === 0) {
    return {
      id: 'dark-fleet',
      kind: 'driver',
      text: `Keep mining: the fleet mines in every month of the ${caseName} case${partlyDarkMonths > 0 ? ` (part of it is switched off in ${partlyDarkMonths} months)` : ''}.`,
      figures: { darkMonths, partlyDarkMonths, horizonMonths: horizon },
    };
  }
  const warn = darkMonths >= horizon * DARK_SHARE_WARNING;
  const from = evaluation.months[firstDark]?.label ?? `month ${firstDark}`;
  return {
    id: 'dark-fleet',
    kind: warn ? 'warning' : 'driver',
    text: `Keep mining: the whole fleet is switched off in ${darkMonths} of ${horizon} months of the ${caseName} case (first in ${from}); a dark month earns nothing${warn ? ', so keep mining is valued close to a floor' : ''}.`,
    figures: { darkMonths, partlyDarkMonths, horizonMonths: horizon, firstDarkMonth: firstDark },
  };
}

/**
 * A best conversion month that puts the end of a lease term at the horizon: the horizon-value
 * rule, not the economics, may have chosen it.
 */
function leaseEndStatement(
  evaluation: DecisionInput,
  reference: CaseResult,
): DecisionStatement | null {
  const { scenario } = evaluation;
  const bestMonth = reference.bestConversionMonth;
  const termMonths = Math.max(1, Math.round(scenario.lease.termYears * 12));
  const horizon = scenario.horizonMonths;
  const tranches = placeTranches(scenario, {
    id: 'convert-at-best-month',
    label: '',
    convertUtilityMw: scenario.site.utilityMw,
    startMonth: bestMonth,
  });
  const leaseEnd = tranches
    .map((t) => t.deliveryMonth + termMonths)
    .find((end) => Math.abs(end - horizon) <= LEASE_END_TOLERANCE_MONTHS);
  if (leaseEnd === undefined || bestMonth === 0) return null;
  const at = evaluation.months[bestMonth]?.label;
  return {
    id: 'best-month-at-lease-end',
    kind: 'warning',
    text: `The best conversion month (month ${bestMonth}${at ? `, ${at}` : ''}) makes the lease term end at month ${leaseEnd}, at the ${horizon}-month horizon: the horizon-value rule may be choosing the month; check it with a longer or shorter horizon.`,
    figures: { bestConversionMonth: bestMonth, leaseEndMonth: leaseEnd, horizonMonths: horizon },
  };
}

/** One row of the decision summary in the files: section, item, figure and wording. */
export type DecisionRow = readonly [
  section: 'recommendation' | 'breakeven' | 'driver' | 'warning',
  item: string,
  value: number | string | null,
  text: string,
];

/**
 * The decision as rows, the same in the CSV summary, the workbook's Decision sheet and the
 * command line's text output.
 */
export function decisionRows(decision: Decision): DecisionRow[] {
  const wonText = `${decision.casesWon.length} of ${decision.caseCount} price cases${
    decision.casesWon.length > 0 ? ` (${decision.casesWon.join(', ')})` : ''
  }`;
  return [
    ['recommendation', 'sentence', null, decision.sentence],
    ['recommendation', 'reference_case', decision.caseName, `${decision.caseName} case`],
    ['recommendation', 'best_strategy', decision.best.strategyId, decision.best.label],
    ['recommendation', 'best_npv_usd', decision.best.npvUsd, formatUsdShort(decision.best.npvUsd)],
    [
      'recommendation',
      'keep_mining_npv_usd',
      decision.keepMining.npvUsd,
      formatUsdShort(decision.keepMining.npvUsd),
    ],
    [
      'recommendation',
      'margin_usd',
      decision.marginUsd,
      `${formatUsdShort(decision.marginUsd)} over “${decision.marginOver.label}”`,
    ],
    ['recommendation', 'cases_won', decision.casesWon.length, wonText],
    ['recommendation', 'discount_rates', null, decision.discountRatesText],
    ...decision.breakevens.map(
      (b): DecisionRow => [
        'breakeven',
        b.input,
        b.result.kind === 'value' ? b.result.value : null,
        `${b.label}: ${b.valueText}. ${b.noteText}`,
      ],
    ),
    ...decision.drivers.map((s): DecisionRow => ['driver', s.id, mainFigure(s), s.text]),
    ...decision.warnings.map((s): DecisionRow => ['warning', s.id, mainFigure(s), s.text]),
  ];
}

/** The figure a statement is about, for the value column of the files. */
function mainFigure(statement: DecisionStatement): number | null {
  const f = statement.figures;
  switch (statement.id) {
    case 'horizon-value-share':
      return f.share ?? f.horizonValuePvUsd ?? null;
    case 'discount-rate-gap':
      return f.effectUsd ?? null;
    case 'dark-fleet':
      return f.darkMonths ?? null;
    case 'best-month-at-lease-end':
      return f.bestConversionMonth ?? null;
  }
}

/** The decision as plain text (the command line's `--format text`): one block per section. */
export function decisionText(decision: Decision, scenarioName: string): string {
  const rows = decisionRows(decision);
  const text = (section: DecisionRow[0]) => rows.filter((r) => r[0] === section);
  const lines = [
    `Mine or Lease — ${scenarioName}`,
    '',
    'Recommendation',
    `  ${decision.sentence}`,
    '',
    ...text('recommendation')
      .filter((r) => r[1] !== 'sentence')
      .map((r) => `  ${RECOMMENDATION_LABELS[r[1]] ?? r[1]}: ${r[3]}`),
  ];
  if (decision.breakevens.length > 0) {
    lines.push('', `Breakevens (converting now against keep mining, ${decision.caseName} case)`);
    for (const b of decision.breakevens) lines.push(`  ${b.label}: ${b.valueText}. ${b.noteText}`);
  }
  lines.push('', 'Drivers');
  for (const s of decision.drivers) lines.push(`  - ${s.text}`);
  lines.push('', 'Warnings');
  if (decision.warnings.length === 0) lines.push('  (none)');
  for (const s of decision.warnings) lines.push(`  - ${s.text}`);
  return `${lines.join('\n')}\n`;
}

const RECOMMENDATION_LABELS: Readonly<Record<string, string>> = {
  reference_case: 'Reference case',
  best_strategy: 'Highest NPV',
  best_npv_usd: 'Its NPV',
  keep_mining_npv_usd: 'Keep mining NPV',
  margin_usd: 'Margin',
  cases_won: 'Best in',
  discount_rates: 'Discount rates',
};
