import type { ChartData, ChartOptions, TooltipItem } from 'chart.js';
import type { FanChart, StrategyDistribution } from '../../engine/montecarlo/index';
import { formatNumber, formatPercent, formatUsdShort } from '../format';
import { lineLegend, lineStyle, monthAxis } from './configs';
import { axis, baseOptions } from './options';
import { type Palette, withAlpha } from './theme';

/**
 * Chart.js data and options for the Monte Carlo section: the ΔNPV histogram with its zero line
 * and the percentile fans. Display units only (USD → $ M, USD/TH/day → $/PH/day); every figure
 * comes from the engine's result.
 */

export type DeltaHistogram = NonNullable<StrategyDistribution['versusKeepMining']>['histogram'];

/** A histogram bar: its centre and height (% of paths), and the bin's edges for the tooltip. */
export interface HistogramBar {
  readonly x: number;
  readonly y: number;
  readonly fromUsd: number;
  readonly toUsd: number;
  readonly count: number;
}

/** Bars in $ M, each as a share of all paths (the tails outside the bars included). */
export function histogramBars(histogram: DeltaHistogram, paths: number): HistogramBar[] {
  return histogram.counts.map((count, i) => {
    const fromUsd = histogram.edgesUsd[i]!;
    const toUsd = histogram.edgesUsd[i + 1]!;
    return {
      x: (fromUsd + toUsd) / 2 / 1e6,
      y: (count / paths) * 100,
      fromUsd,
      toUsd,
      count,
    };
  });
}

/** Bars where converting loses (ΔNPV < 0) in keep mining's colour, the others in the strategy's. */
export function deltaHistogramData(
  histogram: DeltaHistogram,
  paths: number,
  strategyColor: string,
  palette: Palette,
): ChartData<'bar'> {
  const bars = histogramBars(histogram, paths);
  const colors = bars.map((bar) => (bar.x < 0 ? palette.strategy['keep-mining'] : strategyColor));
  return {
    datasets: [
      {
        label: 'Share of paths',
        data: bars,
        backgroundColor: colors.map((color) => withAlpha(color, 0.75)),
        borderColor: colors,
        borderWidth: 1,
        barPercentage: 1,
        categoryPercentage: 1,
        grouped: false,
      },
    ],
    // Points on a linear x axis ({x, y} objects, which Chart.js parses), not the bar type's
    // default numbers; the extra fields ride along for the tooltip.
  } as unknown as ChartData<'bar'>;
}

/**
 * The x range ($ M): the bars, stretched to include zero when it lies within a quarter of their
 * width, so the zero line shows whenever it is near; farther away the caption says where it is.
 */
export function histogramRange(histogram: DeltaHistogram): { min: number; max: number } {
  const min = histogram.edgesUsd[0]! / 1e6;
  const max = histogram.edgesUsd[histogram.edgesUsd.length - 1]! / 1e6;
  const reach = (max - min) / 4;
  return { min: min > 0 && min <= reach ? 0 : min, max: max < 0 && -max <= reach ? 0 : max };
}

export function deltaHistogramOptions(
  palette: Palette,
  range: { min: number; max: number },
): ChartOptions<'bar'> {
  const base = baseOptions(palette) as ChartOptions<'bar'>;
  return {
    ...base,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    plugins: {
      ...base.plugins,
      legend: { display: false },
      tooltip: {
        mode: 'nearest',
        axis: 'x',
        intersect: false,
        callbacks: {
          title: (items: TooltipItem<'bar'>[]) => {
            const bar = items[0]?.raw as HistogramBar | undefined;
            return bar ? `${formatUsdShort(bar.fromUsd)} to ${formatUsdShort(bar.toUsd)}` : '';
          },
          label: (item: TooltipItem<'bar'>) => {
            const bar = item.raw as HistogramBar;
            return `${formatNumber(bar.count, 0)} paths (${formatPercent(bar.y / 100, 1)})`;
          },
        },
      },
      referenceLines: { lines: [{ value: 0, color: palette.text, label: '0' }] },
    },
    scales: {
      x: {
        ...axis(palette, 'ΔNPV vs keep mining, $ M'),
        type: 'linear',
        min: range.min,
        max: range.max,
        offset: false,
        ticks: {
          color: palette.muted,
          maxTicksLimit: 7,
          maxRotation: 0,
          // The axis ends at the bars' edges, which are not round numbers.
          callback: (value: string | number) => formatNumber(Number(value), 0),
        },
      },
      y: { ...axis(palette, '% of paths'), beginAtZero: true },
    },
  };
}

/** Band edges are drawn but kept out of the legend, which names the bands instead. */
const BAND_EDGE_LABELS = new Set(['P5', 'P25']);

/**
 * A fan: the P5–P95 and P25–P75 bands filled, the median line and the deterministic engine's
 * series dashed, each value multiplied by `scale` (e.g. 1e-6 for $ M).
 */
export function fanData(
  fan: FanChart,
  labels: readonly string[],
  color: string,
  palette: Palette,
  scale: number,
): ChartData<'line'> {
  const series = (values: readonly number[]) => values.map((v) => v * scale);
  const band = (i: number) => series(fan.bands[i]!);
  const edge = { ...lineStyle(withAlpha(color, 0.5)), borderWidth: 0.75 };
  return {
    labels: [...labels],
    datasets: [
      { label: 'P5', data: band(0), ...edge, fill: false },
      {
        label: 'P5–P95',
        data: band(4),
        ...edge,
        fill: '-1',
        backgroundColor: withAlpha(color, 0.14),
        // A filled square in the legend: a band, not a line.
        pointStyle: 'rect',
      },
      { label: 'P25', data: band(1), ...edge, fill: false },
      {
        label: 'P25–P75',
        data: band(3),
        ...edge,
        fill: '-1',
        backgroundColor: withAlpha(color, 0.3),
        pointStyle: 'rect',
      },
      {
        label: 'Median',
        data: band(2),
        ...lineStyle(color),
        borderWidth: 2,
        fill: false,
        pointStyle: 'line',
      },
      {
        label: 'Deterministic (price case)',
        data: series(fan.deterministic),
        ...lineStyle(palette.text, true),
        borderWidth: 1.25,
        fill: false,
        pointStyle: 'line',
      },
    ],
  };
}

/**
 * Log-axis ticks labelled at 1, 2 and 5 of each decade only (the axis draws a line at every
 * digit).
 */
function logTickLabel(value: number): string {
  if (!(value > 0)) return '';
  const significand = value / 10 ** Math.floor(Math.log10(value) + 1e-9);
  return [1, 2, 5].some((k) => Math.abs(significand - k) < 1e-6) ? formatNumber(value, 2) : '';
}

/**
 * Options of a fan. `logarithmic`: for hashprice, which halves at each halving and drifts down
 * with difficulty, so the later years would otherwise be flattened against zero.
 */
export function fanOptions(
  palette: Palette,
  yTitle: string,
  format: (value: number) => string,
  logarithmic = false,
): ChartOptions<'line'> {
  const base = baseOptions(palette) as ChartOptions<'line'>;
  const legend = lineLegend(palette);
  return {
    ...base,
    plugins: {
      ...base.plugins,
      legend: {
        ...legend,
        labels: {
          // Each dataset's own point style: squares for the bands, lines for the lines.
          color: legend.labels.color,
          padding: legend.labels.padding,
          usePointStyle: true,
          filter: (item) => !BAND_EDGE_LABELS.has(item.text),
        },
      },
      tooltip: {
        ...base.plugins?.tooltip,
        // Highest first, so the tooltip reads like the fan from top to bottom.
        itemSort: (a: TooltipItem<'line'>, b: TooltipItem<'line'>) =>
          (b.parsed.y ?? 0) - (a.parsed.y ?? 0),
        callbacks: {
          label: (item: TooltipItem<'line'>) =>
            `${tooltipName(item.dataset.label ?? '')}: ${format(item.parsed.y ?? 0)}`,
        },
      },
    },
    scales: {
      x: monthAxis(palette),
      y: logarithmic
        ? {
            ...axis(palette, yTitle),
            type: 'logarithmic',
            ticks: {
              color: palette.muted,
              autoSkip: false,
              callback: (value: string | number) => logTickLabel(Number(value)),
            },
          }
        : axis(palette, yTitle),
    },
  };
}

/** Band datasets are named by their range; in a tooltip each edge is its own percentile. */
function tooltipName(label: string): string {
  if (label === 'P5–P95') return 'P95';
  if (label === 'P25–P75') return 'P75';
  return label;
}
