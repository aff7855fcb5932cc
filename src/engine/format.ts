/**
 * Number wording shared by the engine's sentences (the decision) and every view: one locale
 * (en-US: comma thousands, dot decimals) so numbers read the same on every machine, and a true
 * minus sign (−), which lines up with digits in tabular figures. No finance here.
 */
const LOCALE = 'en-US';
const formatters = new Map<string, Intl.NumberFormat>();

/** A cached `Intl.NumberFormat` of the one locale. */
export function numberFormat(
  options: Intl.NumberFormatOptions,
  key = JSON.stringify(options),
): Intl.NumberFormat {
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
    // A short key: the page formats thousands of figures on a render.
    numberFormat(
      { maximumFractionDigits: maxFractionDigits, minimumFractionDigits: minFractionDigits },
      `n${maxFractionDigits},${minFractionDigits}`,
    ).format(value),
  );
}

/** USD with cents or whole dollars, e.g. `$158.70`, `$1,173,981`. */
export function formatUsd(value: number, fractionDigits = 0): string {
  return minus(
    numberFormat(
      {
        style: 'currency',
        currency: 'USD',
        maximumFractionDigits: fractionDigits,
        minimumFractionDigits: fractionDigits,
      },
      `usd${fractionDigits}`,
    ).format(value),
  );
}

/** Short USD for sentences and cards: `$3.59 bn`, `$175.4 M`, `$1.17 M`, `$62,434`. */
export function formatUsdShort(value: number): string {
  const size = Math.abs(value);
  if (size >= 1e9) return `${formatUsd(value / 1e9, 2)} bn`;
  if (size >= 1e6) return `${formatUsd(value / 1e6, size < 1e7 ? 2 : 1)} M`;
  return formatUsd(value, size >= 100 ? 0 : 2);
}

/** A fraction as a percentage: `0.215 → 21.5%`; `fixed` keeps the decimals (table columns). */
export function formatPercent(fraction: number, digits = 1, fixed = false): string {
  return `${formatNumber(fraction * 100, digits, fixed ? digits : 0)}%`;
}
