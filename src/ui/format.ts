import { type IrrOutcome, type Moic, NO_INVESTMENT_TEXT, type Payback } from '../engine/index';

/**
 * Display formatting only: no finance. One locale (en-US: comma thousands, dot decimals) so
 * that numbers read the same on every machine and the inputs parse what the page shows.
 * Negative numbers get a true minus sign (−), which lines up with digits in tabular figures.
 */
const LOCALE = 'en-US';
const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(LOCALE, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

const minus = (text: string) => text.replace('-', '−');

/** Grouped number, e.g. `12,345.6`. */
export function formatNumber(value: number, maxFractionDigits = 2, minFractionDigits = 0): string {
  return minus(
    numberFormat({
      maximumFractionDigits: maxFractionDigits,
      minimumFractionDigits: minFractionDigits,
    }).format(value),
  );
}

/** USD with cents or whole dollars, e.g. `$158.70`, `$1,173,981`. */
export function formatUsd(value: number, fractionDigits = 0): string {
  return minus(
    numberFormat({
      style: 'currency',
      currency: 'USD',
      maximumFractionDigits: fractionDigits,
      minimumFractionDigits: fractionDigits,
    }).format(value),
  );
}

/** Short USD for sentences and cards: `$3.59 bn`, `$175.4 M`, `$1.17 M`, `$62,434`. */
export function formatUsdShort(value: number): string {
  const size = Math.abs(value);
  if (size >= 1e9) return `${formatUsd(value / 1e9, 2)} bn`;
  if (size >= 1e6) return `${formatUsd(value / 1e6, size < 1e7 ? 2 : 1)} M`;
  return formatUsd(value, size >= 100 ? 0 : 2);
}

/** Millions with one decimal, for tables headed "$ M": `3,767.4`. */
export function formatMillions(value: number): string {
  return formatNumber(value / 1e6, 1, 1);
}

/** A fraction as a percentage: `0.215 → 21.5%`; `fixed` keeps the decimals (table columns). */
export function formatPercent(fraction: number, digits = 1, fixed = false): string {
  return `${formatNumber(fraction * 100, digits, fixed ? digits : 0)}%`;
}

/** Display of an engine result that may be absent: the text, and why when it is absent. */
export interface Shown {
  readonly text: string;
  readonly note?: string;
}

export function showIrr(irr: IrrOutcome): Shown {
  switch (irr.kind) {
    case 'rate':
      return irr.multipleRootsPossible
        ? {
            text: `${formatPercent(irr.annualRate, 1, true)}*`,
            note: 'The cash flow changes sign more than once, so other IRRs may exist; decide on NPV.',
          }
        : { text: formatPercent(irr.annualRate, 1, true) };
    case 'no-sign-change':
      return { text: 'n/a', note: 'No IRR: the cash flow never changes sign.' };
    case 'no-root':
      return { text: 'n/a', note: 'No IRR: no rate sets the NPV to zero.' };
    case 'no-investment':
      return NO_INVESTMENT_SHOWN;
  }
}

/** The strategy invests no capital, so IRR, payback and MOIC have no meaning. */
const NO_INVESTMENT_SHOWN: Shown = {
  text: NO_INVESTMENT_TEXT,
  note: 'This strategy invests no capital: there is nothing to return, so no IRR, payback or MOIC.',
};

/** Payback in years (one decimal) from the engine's months, or "never". */
export function showPayback(payback: Payback): Shown {
  switch (payback.kind) {
    case 'months':
      return { text: `${formatNumber(payback.months / 12, 1, 1)} yr` };
    case 'never':
      return { text: 'never', note: 'The cumulative cash flow ends negative over the horizon.' };
    case 'no-investment':
      return NO_INVESTMENT_SHOWN;
  }
}

export function showMoic(moic: Moic): Shown {
  switch (moic.kind) {
    case 'ratio':
      return { text: `${formatNumber(moic.value, 2, 2)}×` };
    case 'no-outflow':
      return { text: 'n/a', note: 'No month has a net outflow, so there is no invested capital.' };
    case 'no-investment':
      return NO_INVESTMENT_SHOWN;
  }
}

/** A number as typed into an input: grouped, as many decimals as it has (up to 12). */
export function formatInputNumber(value: number): string {
  return numberFormat({ maximumFractionDigits: 12, useGrouping: true }).format(value);
}

/**
 * What the user typed: a finite number (thousands separators, spaces and `_` ignored, `1e6`
 * accepted), `null` for an empty box, or the text itself when it is not a number, so the
 * validator reports it ("must be a number") instead of the app silently guessing.
 */
export function parseInputNumber(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const cleaned = trimmed.replace(/[,_\s]/g, '').replace(/^−/, '-');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return trimmed;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : trimmed;
}
