/**
 * Monte Carlo over BTC price and difficulty (docs/monte-carlo.md): pure TypeScript, float64, no
 * DOM, so the page, a Web Worker and Node run the same code.
 */
export type {
  DistributionSummary,
  FanChart,
  MonteCarloResult,
  PolicyResult,
  PolicyRule,
  StrategyDistribution,
} from './results';
export { FAN_PERCENTILES } from './results';
export type {
  MonteCarloChunk,
  MonteCarloOptions,
  MonteCarloProgress,
  MonteCarloSettings,
  PreparedMonteCarlo,
} from './run';
export {
  DEFAULT_CHUNK_SIZE,
  MAX_PATHS,
  MonteCarloCancelledError,
  mergeChunks,
  prepareMonteCarlo,
  runChunk,
  runMonteCarlo,
} from './run';
export { formatMonteCarloSummary } from './summary';
