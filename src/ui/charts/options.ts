import type { ChartOptions } from 'chart.js';
import type { Palette } from './theme';

/* Shared Chart.js options; types only, so this module does not pull Chart.js into the entry. */

const FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Options every chart shares: no animation (updates must land within one input event). */
export function baseOptions(palette: Palette): ChartOptions {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    normalized: true,
    color: palette.text,
    font: { family: FONT_FAMILY, size: 12 },
    interaction: { mode: 'index', intersect: false },
    plugins: {
      legend: {
        position: 'bottom',
        labels: { color: palette.text, boxWidth: 12, boxHeight: 12, padding: 10 },
      },
      tooltip: { mode: 'index', intersect: false },
    },
  };
}

/** A linear or category axis in the theme's colours, with an optional title. */
export function axis(palette: Palette, title?: string) {
  return {
    ticks: { color: palette.muted },
    grid: { color: palette.grid },
    border: { color: palette.grid },
    title: title ? { display: true, text: title, color: palette.muted } : { display: false },
  };
}
