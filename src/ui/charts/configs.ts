import type { ChartData, ChartOptions, TooltipItem } from 'chart.js';
import type { LeaseDeal } from '../../data/lease-deals';
import type {
  CaseResult,
  Evaluation,
  ModelUnitEconomics,
  SensitivityRow,
} from '../../engine/index';
import { formatNumber, formatUsdShort } from '../format';
import { axis, baseOptions } from './options';
import { type Palette, withAlpha } from './theme';

/**
 * Chart.js data and options built from engine output. Only unit changes (USD → USD millions)
 * and running totals for display happen here; every figure comes from the evaluation.
 * Data and options are separate: data follows every evaluation, options only the theme, so an
 * input change never makes Chart.js re-resolve its options. Data builders return fresh plain
 * arrays, which Chart.js may annotate without touching engine results.
 */

const millions = (values: readonly number[]) => values.map((v) => v / 1e6);

/** Running total of a monthly series, for the cumulative chart. */
export function runningTotal(values: readonly number[]): number[] {
  let total = 0;
  return values.map((value) => {
    total += value;
    return total;
  });
}

/** A month axis: few, unrotated labels. */
export const monthAxis = (palette: Palette) => ({
  ...axis(palette),
  ticks: {
    color: palette.muted,
    maxTicksLimit: 8,
    maxRotation: 0,
    autoSkipPadding: 12,
    // Month labels all have one width: measuring a sample, not all 240, on every update.
    sampleSize: 8,
  },
});

/** Legend swatches drawn as short lines, so a dashed series shows its dash. */
export const lineLegend = (palette: Palette) => ({
  position: 'bottom' as const,
  labels: { color: palette.text, usePointStyle: true, pointStyle: 'line' as const, padding: 10 },
});

/** A thin line without points, optionally dashed. */
export const lineStyle = (color: string, dashed = false) => ({
  borderColor: color,
  backgroundColor: color,
  borderWidth: 1.75,
  borderDash: dashed ? [5, 4] : [],
  pointRadius: 0,
  pointHoverRadius: 3,
});

/** One line per strategy over the months, from a per-strategy monthly series. */
function strategyLinesData(
  caseResult: CaseResult,
  months: Evaluation['months'],
  palette: Palette,
  series: (strategy: CaseResult['strategies'][number]) => number[],
): ChartData<'line'> {
  return {
    labels: months.map((m) => m.label),
    datasets: caseResult.strategies.map((strategy) => ({
      label: strategy.label,
      data: series(strategy),
      // The searched month often equals another plan: dash it so both stay visible.
      ...lineStyle(
        palette.strategy[strategy.strategyId],
        strategy.strategyId === 'convert-at-best-month',
      ),
    })),
  };
}

/** Options of the two per-strategy line charts, in USD millions. */
export function strategyLinesOptions(palette: Palette, yTitle: string): ChartOptions<'line'> {
  return lineChartOptions(palette, (y) => formatUsdShort(y * 1e6), {
    x: monthAxis(palette),
    y: axis(palette, yTitle),
  });
}

/** A line chart over months: the base options, the line legend, a tooltip `label: value`. */
function lineChartOptions(
  palette: Palette,
  formatValue: (y: number) => string,
  scales: ChartOptions<'line'>['scales'],
): ChartOptions<'line'> {
  const base = baseOptions(palette) as ChartOptions<'line'>;
  return {
    ...base,
    plugins: {
      ...base.plugins,
      legend: lineLegend(palette),
      tooltip: {
        ...base.plugins?.tooltip,
        callbacks: {
          label: (item: TooltipItem<'line'>) =>
            `${item.dataset.label}: ${formatValue(item.parsed.y ?? 0)}`,
        },
      },
    },
    scales,
  };
}

/**
 * Monthly net cash flow without the terminal value: that one horizon-end amount is often
 * twenty times a month's flow and would flatten every other month (the caption states it).
 */
export function cashFlowData(
  caseResult: CaseResult,
  months: Evaluation['months'],
  palette: Palette,
): ChartData<'line'> {
  return strategyLinesData(caseResult, months, palette, (s) =>
    s.netCashFlowUsd.map((net, m) => (net - s.lines.terminalValueUsd[m]!) / 1e6),
  );
}

/** The largest terminal value among the strategies (USD), for the cash-flow chart's caption. */
export function largestTerminalValueUsd(caseResult: CaseResult): number {
  return Math.max(0, ...caseResult.strategies.flatMap((s) => s.lines.terminalValueUsd));
}

export function cumulativeDiscountedData(
  caseResult: CaseResult,
  months: Evaluation['months'],
  palette: Palette,
): ChartData<'line'> {
  return strategyLinesData(caseResult, months, palette, (s) =>
    millions(runningTotal(s.discountedCashFlowUsd)),
  );
}

/** Mining net and lease rent per utility MW-month, with hashprice on its own axis. */
export function hashpriceVsLeaseData(
  caseResult: CaseResult,
  months: Evaluation['months'],
  palette: Palette,
): ChartData<'line'> {
  const thousands = (values: readonly number[]) => values.map((v) => v / 1e3);
  return {
    labels: months.map((m) => m.label),
    datasets: [
      {
        label: 'Mining net, $k per utility MW-month',
        data: thousands(caseResult.series.miningNetUsdPerUtilityMwMonth),
        yAxisID: 'y',
        ...lineStyle(palette.mining),
      },
      {
        label: 'Lease rent, $k per utility MW-month (from delivery)',
        data: thousands(caseResult.series.leaseRentUsdPerUtilityMwMonth),
        yAxisID: 'y',
        ...lineStyle(palette.lease),
      },
      {
        label: 'Hashprice, $/PH/day (right axis)',
        // USD per TH/s per day × 1000 = USD per PH/s per day, the unit the market quotes.
        data: caseResult.series.hashpriceUsdPerThDay.map((v) => v * 1000),
        yAxisID: 'y1',
        ...lineStyle(palette.hashprice, true),
      },
    ],
  };
}

export function hashpriceVsLeaseOptions(palette: Palette): ChartOptions<'line'> {
  return lineChartOptions(palette, (y) => formatNumber(y, 1), {
    x: monthAxis(palette),
    y: { ...axis(palette, '$k per MW-month'), position: 'left' },
    y1: {
      ...axis(palette, '$/PH/day'),
      position: 'right',
      grid: { drawOnChartArea: false, color: palette.grid },
    },
  });
}

/** The tornado: each input's low and high bar, floating from the base advantage. */
export function tornadoData(rows: readonly SensitivityRow[], palette: Palette): ChartData<'bar'> {
  const bar = (label: string, color: string, end: (row: SensitivityRow) => number) => ({
    label,
    data: rows.map((row) => [row.baseAdvantageUsd / 1e6, end(row) / 1e6] as [number, number]),
    backgroundColor: withAlpha(color, 0.85),
    borderColor: color,
    borderWidth: 1,
    grouped: false,
    barPercentage: 0.7,
  });
  return {
    labels: rows.map((row) => [row.label, `${row.lowLabel} / ${row.highLabel}`]),
    datasets: [
      bar('Input moved down', palette.low, (row) => row.lowAdvantageUsd),
      bar('Input moved up', palette.high, (row) => row.highAdvantageUsd),
    ],
  };
}

export function tornadoOptions(palette: Palette): ChartOptions<'bar'> {
  const base = baseOptions(palette) as ChartOptions<'bar'>;
  return {
    ...base,
    indexAxis: 'y',
    interaction: { mode: 'nearest', intersect: true },
    plugins: {
      ...base.plugins,
      tooltip: {
        mode: 'nearest',
        intersect: true,
        callbacks: {
          label: (item: TooltipItem<'bar'>) => {
            const [, end] = item.raw as [number, number];
            return `${item.dataset.label}: ${formatUsdShort(end * 1e6)}`;
          },
        },
      },
    },
    scales: {
      // Zoom on the bars: the base advantage is usually far from zero.
      x: {
        ...axis(palette, 'Convert now minus keep mining, $ M NPV'),
        beginAtZero: false,
        grace: '5%',
      },
      y: { ...axis(palette), ticks: { color: palette.text, autoSkip: false } },
    },
  };
}

/** Power cost share (left axis) and shutdown BTC price (right axis) for each ASIC model. */
export function unitEconomicsData(
  models: readonly ModelUnitEconomics[],
  palette: Palette,
): ChartData<'bar'> {
  const bars = (color: string) => ({
    backgroundColor: withAlpha(color, 0.85),
    borderColor: color,
    borderWidth: 1,
  });
  return {
    labels: models.map((m) => m.model),
    datasets: [
      {
        label: 'Power cost, % of revenue',
        // A figure with no value (no revenue) is left out of the chart rather than drawn as ∞.
        data: models.map((m) =>
          typeof m.powerCostShareOfRevenue === 'number' ? m.powerCostShareOfRevenue * 100 : null,
        ),
        yAxisID: 'y',
        ...bars(palette.mining),
      },
      {
        label: 'Shutdown BTC price, $ thousand (right axis)',
        data: models.map((m) =>
          typeof m.shutdownBtcPriceUsd === 'number' ? m.shutdownBtcPriceUsd / 1e3 : null,
        ),
        yAxisID: 'y1',
        ...bars(palette.hashprice),
      },
    ],
  };
}

export function unitEconomicsOptions(palette: Palette): ChartOptions<'bar'> {
  const base = baseOptions(palette) as ChartOptions<'bar'>;
  return {
    ...base,
    plugins: {
      ...base.plugins,
      tooltip: {
        ...base.plugins?.tooltip,
        callbacks: {
          label: (item: TooltipItem<'bar'>) =>
            item.datasetIndex === 0
              ? `${item.dataset.label}: ${formatNumber(item.parsed.y ?? 0, 1)}%`
              : `Shutdown BTC price: ${formatUsdShort((item.parsed.y ?? 0) * 1e3)}`,
        },
      },
    },
    scales: {
      x: axis(palette),
      y: { ...axis(palette, '% of revenue'), position: 'left', beginAtZero: true },
      y1: {
        ...axis(palette, '$k per BTC'),
        position: 'right',
        beginAtZero: true,
        grid: { drawOnChartArea: false, color: palette.grid },
      },
    },
  };
}

/** The offer's year-1 rent among the public deals' average rents, highest first. */
export function comparablesData(
  offerUsdPerKwMonth: number,
  deals: readonly LeaseDeal[],
  palette: Palette,
): ChartData<'bar'> {
  const bars = [
    ...deals.flatMap((deal) =>
      deal.avgUsdPerItKwMonth === null
        ? []
        : [
            {
              label: `${deal.company} · ${deal.site.replace(/\s*\(.*\)$/, '')}`,
              value: deal.avgUsdPerItKwMonth,
              offer: false,
            },
          ],
    ),
    { label: 'This offer (year 1)', value: offerUsdPerKwMonth, offer: true },
  ].sort((a, b) => b.value - a.value);
  return {
    labels: bars.map((b) => b.label),
    datasets: [
      {
        label: 'USD per kW of IT per month',
        data: bars.map((b) => b.value),
        backgroundColor: bars.map((b) => (b.offer ? palette.offer : withAlpha(palette.deal, 0.75))),
        borderColor: bars.map((b) => (b.offer ? palette.offer : palette.deal)),
        borderWidth: 1,
        barPercentage: 0.75,
      },
    ],
  };
}

export function comparablesOptions(palette: Palette): ChartOptions<'bar'> {
  const base = baseOptions(palette) as ChartOptions<'bar'>;
  return {
    ...base,
    indexAxis: 'y',
    plugins: {
      ...base.plugins,
      legend: { display: false },
      tooltip: {
        callbacks: {
          label: (item: TooltipItem<'bar'>) =>
            `$${formatNumber(item.parsed.x ?? 0, 1)} per kW-month`,
        },
      },
    },
    scales: {
      x: { ...axis(palette, '$ per kW of critical IT per month'), beginAtZero: true },
      y: { ...axis(palette), ticks: { color: palette.text, autoSkip: false } },
    },
  };
}
