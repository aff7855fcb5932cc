import { buildCalendar } from '../../engine/index';
import type { UncertaintyRun } from '../../state/uncertainty';
import { formatUsd, formatUsdShort } from '../format';

/** Two-sided 95% normal quantile, as the engine's intervals use. */
export const Z_95 = 1.959963984540054;

/**
 * A short USD figure with its ± error, the error in the figure's unit where it shows there
 * (`$429.1 M ± $1.00 M`, not `± $995,578`), else in its own (`$3.58 bn ± $1.03 M`).
 */
export function formatUsdWithError(valueUsd: number, errorUsd: number): string {
  const size = Math.abs(valueUsd);
  const [unit, name] = size >= 1e9 ? [1e9, 'bn'] : size >= 1e6 ? [1e6, 'M'] : [1, ''];
  const inUnit = errorUsd / unit;
  const error =
    unit > 1 && inUnit >= 0.01 ? `${formatUsd(inUnit, 2)} ${name}` : formatUsdShort(errorUsd);
  return `${formatUsdShort(valueUsd)} ± ${error}`;
}

/** The calendar labels (YYYY-MM) of a run's months, from the scenario it ran on. */
export function runMonthLabels(run: UncertaintyRun): string[] {
  const horizon = run.result.fanCharts.hashpriceUsdPerThDay.deterministic.length;
  return buildCalendar(run.scenario.startMonth, horizon).map((month) => month.label);
}
