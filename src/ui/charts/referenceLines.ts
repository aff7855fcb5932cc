import type { Chart, ChartType, Plugin } from 'chart.js';

/**
 * Vertical reference lines at data values (the zero line of the ΔNPV histogram), drawn over the
 * datasets. A chart opts in with `options.plugins.referenceLines`; every other chart is untouched.
 * Types only from Chart.js here; ChartCanvas registers the plugin.
 */
export interface ReferenceLine {
  /** Position on the x axis, in the axis's units. */
  readonly value: number;
  readonly color: string;
  readonly label?: string;
}

export interface ReferenceLinesOptions {
  readonly lines: readonly ReferenceLine[];
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    referenceLines?: ReferenceLinesOptions;
  }
}

export const referenceLinesPlugin: Plugin = {
  id: 'referenceLines',
  afterDatasetsDraw(chart: Chart, _args, options: Partial<ReferenceLinesOptions>) {
    const x = chart.scales.x;
    if (!x || !options.lines) return;
    const { ctx, chartArea } = chart;
    for (const line of options.lines) {
      const px = x.getPixelForValue(line.value);
      // A line outside the plotted range is left out; the caption says where it would be.
      if (!Number.isFinite(px) || px < chartArea.left || px > chartArea.right) continue;
      ctx.save();
      ctx.strokeStyle = line.color;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(px, chartArea.top);
      ctx.lineTo(px, chartArea.bottom);
      ctx.stroke();
      if (line.label) {
        ctx.setLineDash([]);
        ctx.fillStyle = line.color;
        ctx.font = '11px system-ui, sans-serif';
        ctx.textBaseline = 'top';
        const width = ctx.measureText(line.label).width;
        // Label to the right of the line unless that would leave the plot.
        const left = px + 4 + width > chartArea.right ? px - 4 - width : px + 4;
        ctx.fillText(line.label, left, chartArea.top + 2);
      }
      ctx.restore();
    }
  },
};
