import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import { createEffect, type JSX, onCleanup, untrack } from 'solid-js';
import { afterNextPaint } from '../afterPaint';
import type { ChartProps } from './Chart';
import { FIRST_CHART_MARK } from './marks';
import { referenceLinesPlugin } from './referenceLines';

// Only what the charts use, so the rest of Chart.js is shaken out of the bundle. For the Monte
// Carlo: Filler (the fans' bands), the log scale (hashprice) and the histogram's zero line.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
  Filler,
  LogarithmicScale,
  referenceLinesPlugin,
);

let firstChartMarked = false;
/** Marks the first chart drawn, for the cold-load benchmark (the verdict renders before it). */
function markFirstChart(): void {
  if (firstChartMarked) return;
  firstChartMarked = true;
  requestAnimationFrame(() => performance.mark(FIRST_CHART_MARK));
}

/**
 * Charts waiting to be created, one per frame in page order. Creating a chart sizes its canvas
 * from the page's layout; six created in one task forced six layouts of the whole page in a row
 * (0.5 s of a 2 s cold load, docs/benchmarks.md). One per frame, each reads the layout the frame
 * has just computed, and the first chart paints while the others wait their turn.
 */
const creationQueue: (() => void)[] = [];
let creationScheduled = false;

function queueCreation(create: () => void): void {
  creationQueue.push(create);
  if (!creationScheduled) scheduleNextCreation();
}

function scheduleNextCreation(): void {
  creationScheduled = true;
  afterNextPaint(() => {
    creationQueue.shift()?.();
    if (creationQueue.length > 0) scheduleNextCreation();
    else creationScheduled = false;
  });
}

/**
 * A Chart.js canvas driven by Solid props. The chart is created once (in its turn, see
 * `queueCreation`), then updated in place: new data on every evaluation, new options only when
 * their object changes (the theme), all outside Solid's tracking so Chart.js never reads a
 * reactive proxy.
 */
export default function ChartCanvas(props: ChartProps): JSX.Element {
  let canvas: HTMLCanvasElement | undefined;
  let chart: Chart | undefined;
  let shownOptions: ChartProps['options'] | undefined;
  let disposed = false;
  // The props as last seen before the chart exists: it is created from the latest.
  let latest: Pick<ChartProps, 'type' | 'data' | 'options'> | undefined;
  createEffect(() => {
    const { type, data, options } = props;
    untrack(() => {
      if (!canvas) return;
      if (!chart) {
        const queued = latest !== undefined;
        latest = { type, data, options };
        if (queued) return;
        queueCreation(() => {
          if (disposed || !canvas || !latest) return;
          chart = new Chart(canvas, latest);
          shownOptions = latest.options;
          latest = undefined;
          markFirstChart();
        });
        return;
      }
      chart.data = data;
      if (options !== shownOptions) {
        chart.options = options;
        shownOptions = options;
      }
      // Mode "none": no transition to resolve; the chart redraws at once.
      chart.update('none');
    });
  });
  onCleanup(() => {
    disposed = true;
    chart?.destroy();
  });
  return (
    <div class="chart-box">
      <canvas ref={canvas} id={props.id} role="img" aria-label={props.label} />
    </div>
  );
}
