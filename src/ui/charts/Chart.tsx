import type { ChartData, ChartOptions, ChartType } from 'chart.js';
import { type JSX, lazy, Suspense } from 'solid-js';
import { SaveChartButton } from '../files/SaveChartButton';

// Chart.js is the largest dependency: it loads in its own chunk right after the first render,
// so the verdict, tables and inputs do not wait for it.
const ChartCanvas = lazy(() => import('./ChartCanvas'));

export interface ChartProps<T extends ChartType = ChartType> {
  readonly type: T;
  /** Follows every evaluation. */
  readonly data: ChartData<T>;
  /** Follows the theme only: keep it memoised so data updates do not re-resolve options. */
  readonly options: ChartOptions<T>;
  /** What the chart shows, for screen readers (the numbers are also in the tables). */
  readonly label: string;
  readonly id: string;
  /** Names the saved PNG; by default the heading of the chart's figure or section. */
  readonly title?: string;
  /** What it shows, for the saved PNG's title block ("base case"); default: the case shown. */
  readonly subject?: string;
}

/**
 * A chart, with a placeholder of the same size while Chart.js loads, and a "Save PNG" button
 * (placed in the figure's caption row by CSS).
 */
export function Chart<T extends ChartType>(props: ChartProps<T>): JSX.Element {
  return (
    <>
      <div class="chart-tools">
        <SaveChartButton canvasId={props.id} title={props.title} subject={props.subject} />
      </div>
      <Suspense fallback={<div class="chart-box chart-loading" aria-hidden="true" />}>
        <ChartCanvas {...(props as unknown as ChartProps)} />
      </Suspense>
    </>
  );
}
