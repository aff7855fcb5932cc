/**
 * Chart pictures: a chart canvas as a PNG on an opaque background (Save PNG), and a chart
 * drawn off screen at print resolution (the board pack). Chart.js is imported on use; it is
 * already loaded whenever a chart is on the page.
 */
import type { ChartConfiguration, ChartType } from 'chart.js';

/** Device pixels per CSS pixel of a saved PNG: sharp on slides and high-density screens. */
export const SAVE_SCALE = 2;
/** Device pixels per CSS pixel of a board-pack chart: about 290 dpi on paper (96 CSS px/in). */
export const PRINT_SCALE = 3;

const TRANSPARENT = /^(transparent|rgba\(\s*0,\s*0,\s*0,\s*0\s*\))$/;

/**
 * The colour the user sees behind an element: the first opaque background up the tree (the
 * panel's surface), white at the top. A transparent PNG dropped on white paper or a dark slide
 * shows its text and grid in the wrong contrast, so the saved image carries this background.
 */
export function backgroundBehind(element: Element): string {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const color = getComputedStyle(node).backgroundColor;
    if (color && !TRANSPARENT.test(color)) return color;
  }
  return '#ffffff';
}

function pngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode a PNG'))),
      'image/png',
    ),
  );
}

/**
 * What a pasted chart must say about itself: which chart, of which scenario, in which price
 * case, on which day. Drawn into the image above the chart, so it survives a copy into a deck.
 */
export interface ChartTitleBlock {
  readonly title: string;
  /** e.g. "Texas 300 MW · base case · 2026-12-04". */
  readonly detail: string;
}

/** "Texas 300 MW · base case · 2026-12-04": the parts that are known, in that order. */
export function titleBlockDetail(parts: {
  scenario: string;
  subject: string;
  isoDate: string;
}): string {
  return [parts.scenario, parts.subject, parts.isoDate].filter((part) => part !== '').join(' · ');
}

/** CSS pixels of the title block: a bold title line and a detail line, with margins. */
const TITLE_BLOCK_CSS_PX = {
  height: 52,
  title: 16,
  detail: 12.5,
  left: 12,
  titleY: 22,
  detailY: 42,
};

/**
 * `canvas` on an opaque `background` as a PNG, below a title block drawn at `scale` device
 * pixels per CSS pixel in the page's own font and text colours.
 */
export function titledPng(
  canvas: HTMLCanvasElement,
  background: string,
  block: ChartTitleBlock,
  scale: number,
): Promise<Blob> {
  const out = document.createElement('canvas');
  const blockHeight = Math.round(TITLE_BLOCK_CSS_PX.height * scale);
  out.width = canvas.width;
  out.height = canvas.height + blockHeight;
  const context = out.getContext('2d');
  if (!context) return Promise.reject(new Error('no 2D canvas in this browser'));
  const style = getComputedStyle(canvas);
  const font = style.fontFamily || 'sans-serif';
  context.fillStyle = background;
  context.fillRect(0, 0, out.width, out.height);
  context.textBaseline = 'alphabetic';
  context.fillStyle = style.color || '#111111';
  context.font = `600 ${TITLE_BLOCK_CSS_PX.title * scale}px ${font}`;
  const left = TITLE_BLOCK_CSS_PX.left * scale;
  const maxWidth = out.width - 2 * left;
  context.fillText(block.title, left, TITLE_BLOCK_CSS_PX.titleY * scale, maxWidth);
  context.globalAlpha = 0.75;
  context.font = `${TITLE_BLOCK_CSS_PX.detail * scale}px ${font}`;
  context.fillText(block.detail, left, TITLE_BLOCK_CSS_PX.detailY * scale, maxWidth);
  context.globalAlpha = 1;
  context.drawImage(canvas, 0, blockHeight);
  return pngBlob(out);
}

/**
 * A chart on the page as a PNG at {@link SAVE_SCALE}, under its title block: the chart is
 * redrawn at that pixel ratio for the copy and back at once, inside one task, so the screen
 * never shows the change.
 */
export async function chartPng(canvas: HTMLCanvasElement, block: ChartTitleBlock): Promise<Blob> {
  const background = backgroundBehind(canvas);
  const { Chart } = await import('chart.js');
  const chart = Chart.getChart(canvas);
  if (!chart || window.devicePixelRatio >= SAVE_SCALE) {
    return titledPng(canvas, background, block, canvas.width / canvas.clientWidth || 1);
  }
  const previous = chart.options.devicePixelRatio;
  chart.options.devicePixelRatio = SAVE_SCALE;
  chart.resize();
  try {
    // titledPng copies the pixels before it returns; only the encoding is asynchronous.
    return titledPng(canvas, background, block, SAVE_SCALE);
  } finally {
    chart.options.devicePixelRatio = previous;
    chart.resize();
  }
}

/**
 * A chart drawn off screen at a fixed CSS size and {@link PRINT_SCALE}, as a PNG data URL for
 * an `<img>`: images print at their full resolution and never resize with the print layout,
 * unlike a live canvas.
 */
export async function chartImageUrl<T extends ChartType>(
  config: ChartConfiguration<T>,
  widthPx: number,
  heightPx: number,
  scale = PRINT_SCALE,
): Promise<string> {
  // The app's chart module registers the controllers, elements and scales the charts use.
  await import('../charts/ChartCanvas');
  const { Chart } = await import('chart.js');
  const host = document.createElement('div');
  host.className = 'offscreen-chart';
  const canvas = document.createElement('canvas');
  canvas.width = widthPx;
  canvas.height = heightPx;
  host.append(canvas);
  document.body.append(host);
  const chart = new Chart(canvas, {
    ...config,
    options: {
      ...config.options,
      responsive: false,
      maintainAspectRatio: false,
      animation: false,
      devicePixelRatio: scale,
    },
  } as ChartConfiguration<T>);
  try {
    return canvas.toDataURL('image/png');
  } finally {
    chart.destroy();
    host.remove();
  }
}
