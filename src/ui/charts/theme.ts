import type { StrategyId } from '../../engine/index';

/** Chart colours, read from the CSS custom properties of the current theme. */
export interface Palette {
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly strategy: Readonly<Record<StrategyId, string>>;
  readonly mining: string;
  readonly lease: string;
  readonly hashprice: string;
  readonly low: string;
  readonly high: string;
  readonly offer: string;
  readonly deal: string;
}

const STRATEGY_VARS: Readonly<Record<StrategyId, string>> = {
  'keep-mining': '--c-keep-mining',
  'convert-now': '--c-convert-now',
  partial: '--c-partial',
  'convert-at-month': '--c-convert-at-month',
  'convert-at-best-month': '--c-convert-at-best-month',
};

/**
 * Resolves each colour through a probe element: the variables use light-dark(), which
 * getPropertyValue returns unresolved, while a computed `color` is a plain rgb() Chart.js reads.
 */
export function readPalette(root: HTMLElement = document.documentElement): Palette {
  const probe = document.createElement('span');
  probe.hidden = true;
  root.appendChild(probe);
  const read = (name: string) => {
    probe.style.color = `var(${name})`;
    return getComputedStyle(probe).color;
  };
  const strategy = Object.fromEntries(
    Object.entries(STRATEGY_VARS).map(([id, name]) => [id, read(name)]),
  ) as Record<StrategyId, string>;
  const palette: Palette = {
    text: read('--text'),
    muted: read('--text-muted'),
    grid: read('--grid'),
    strategy,
    mining: read('--c-keep-mining'),
    lease: read('--c-convert-now'),
    hashprice: read('--c-hashprice'),
    low: read('--c-low'),
    high: read('--c-high'),
    offer: read('--c-offer'),
    deal: read('--c-deal'),
  };
  probe.remove();
  return palette;
}

/** The CSS class that paints a strategy's swatch in cards and tables. */
export function strategyClass(id: StrategyId): string {
  return `strategy-${id}`;
}

/** A colour with transparency, for fills: `rgb(1, 2, 3)` → `rgba(1, 2, 3, 0.3)`. */
export function withAlpha(color: string, alpha: number): string {
  const match = color.match(/^rgba?\(([^)]+)\)$/);
  if (!match) return color;
  const [r, g, b] = match[1]!.split(',').map((part) => part.trim());
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
