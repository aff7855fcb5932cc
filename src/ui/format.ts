/**
 * Display formatting only: no finance. The number wording is the engine's (src/engine/format.ts),
 * so a figure in a sentence the engine writes and the same figure on a card read alike.
 */
import {
  formatNumber,
  formatPercent,
  formatUsd,
  formatUsdShort,
  numberFormat,
} from '../engine/format';
import { type IrrOutcome, type Moic, NO_INVESTMENT_TEXT, type Payback } from '../engine/index';

export { formatNumber, formatPercent, formatUsd, formatUsdShort };

/** Millions with one decimal, for tables headed "$ M": `3,767.4`. */
export function formatMillions(value: number): string {
  return formatNumber(value / 1e6, 1, 1);
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
