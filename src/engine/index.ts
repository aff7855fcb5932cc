/**
 * The engine's public API: pure TypeScript, no DOM, no Solid; the page, a Web Worker and the
 * Node command line all call these. Money in USD, rates as fractions unless a name says Pct.
 */
export type { EvaluationAnalysis } from './analysis';
export { evaluateAnalysis } from './analysis';
export type { CalendarMonth } from './calendar';
export { buildCalendar, daysInMonth, isLeapYear } from './calendar';
export type { DebtSchedule, ProjectDebtResult, ProjectDebtSizing } from './debt';
export type {
  BreakevenInput,
  BreakevenSide,
  Decision,
  DecisionBreakeven,
  DecisionRow,
  DecisionStatement,
  StatementId,
  StrategyRef,
} from './decision';
export {
  bestByNpv,
  decide,
  decisionRows,
  decisionText,
  phraseDiscountRates,
  strategySubject,
} from './decision';
export type { CaseResult, EvaluateOptions, Evaluation, StrategyResult } from './evaluate';
export { analyseEvaluation, evaluate, evaluateScenario, referenceCaseIndexOf } from './evaluate';
export type { IrrResult } from './finance';
export { annualToMonthlyRate, irr, mirr, npv, pmt, xirr, xnpv } from './finance';
export type { FinancingColumn, FinancingLedgerPart } from './financingLedger';
export { FINANCING_COLUMN_LABELS, FINANCING_COLUMNS } from './financingLedger';
export type { Ledger, LedgerColumn, LedgerRow } from './ledger';
export { buildLedgers, centsText, LEDGER_COLUMNS, textOfCents } from './ledger';
export type {
  LeveredAfterTax,
  StrategyFinancing,
  UnleveredAfterTax,
  ViewFigures,
} from './levered';
export { viewFigures } from './levered';
export type { IrrOutcome, Moic, NoInvestment, Payback } from './metrics';
export { NO_INVESTMENT_TEXT } from './metrics';
export type {
  DistributionSummary,
  FanChart,
  MonteCarloChunk,
  MonteCarloOptions,
  MonteCarloProgress,
  MonteCarloResult,
  MonteCarloSettings,
  PolicyResult,
  PolicyRule,
  StrategyDistribution,
} from './montecarlo/index';
export {
  FAN_PERCENTILES,
  formatMonteCarloSummary,
  MonteCarloCancelledError,
  mergeChunks,
  runChunk,
  runMonteCarlo,
} from './montecarlo/index';
export {
  blockSubsidyBtc,
  estimateStartBlockHeight,
  HALVING_INTERVAL_BLOCKS,
  hashpriceUsdPerThDay,
  networkHashrateHs,
  subsidyOverBlocksBtc,
} from './network';
export type { SensitivityInput, SensitivityRow } from './sensitivity';
export type { BreakevenResult, Breakevens } from './solve';
export type { CashFlowClass, LineItem, LineKey, StrategyId } from './strategies';
export {
  INVESTMENT_LINE_KEYS,
  LINE_ITEMS,
  lineItemHeader,
  STRATEGY_NAMES,
  strategyLabel,
} from './strategies';
export type { StressResult, StressStrategyNpv, StressTable } from './stress';
export { describeStressTest } from './stress';
export type { TaxSchedule, TaxYear } from './tax';
export type { ModelUnitEconomics, NoValue } from './unitEconomics';
export { decideOnBoardView, evaluationOnView, VIEW_LABELS, viewAvailable } from './views';
