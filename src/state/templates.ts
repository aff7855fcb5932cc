import type { ReferenceAsicModel } from '../data/asic-models';
import { isRecord } from './paths';

/**
 * Replacement objects for the draft when the user switches a form (fixed ↔ index power, the kind
 * of a price case, the terminal value) or adds a row. They carry over what still applies, so a
 * switch never throws away the number the user just typed. Plain data, no finance.
 */

const numberOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

export type PricingKind = 'fixed' | 'index';

export function pricingOfKind(current: unknown, kind: PricingKind): Record<string, unknown> {
  const now = isRecord(current) ? current : {};
  const firstPrice =
    now.kind === 'index' && Array.isArray(now.priceUsdPerMwhByMonth)
      ? numberOr(now.priceUsdPerMwhByMonth[0], 45)
      : numberOr(now.priceUsdPerMwh, 45);
  return kind === 'fixed'
    ? { kind, priceUsdPerMwh: firstPrice, escalatorPctPerYear: 0 }
    : { kind, priceUsdPerMwhByMonth: [firstPrice], adderUsdPerMwh: 0 };
}

export type PriceCaseKind = 'growth' | 'yearly' | 'monthly';

export function priceCaseOfKind(current: unknown, kind: PriceCaseKind): Record<string, unknown> {
  const now = isRecord(current) ? current : {};
  const name = typeof now.name === 'string' ? now.name : 'base';
  const series = Array.isArray(now.pricesUsdByYear)
    ? now.pricesUsdByYear
    : Array.isArray(now.pricesUsdByMonth)
      ? now.pricesUsdByMonth
      : [];
  const startPriceUsd = numberOr(now.startPriceUsd, numberOr(series[0], 76_176));
  switch (kind) {
    case 'growth':
      return { name, kind, startPriceUsd, growthPctPerYear: numberOr(now.growthPctPerYear, 0) };
    case 'yearly':
      return { name, kind, pricesUsdByYear: series.length > 0 ? [...series] : [startPriceUsd] };
    case 'monthly':
      return { name, kind, pricesUsdByMonth: series.length > 0 ? [...series] : [startPriceUsd] };
  }
}

/** A new price case named "case N" that does not clash, starting at the first case's price. */
export function newPriceCase(existing: readonly unknown[]): Record<string, unknown> {
  const names = new Set(existing.map((c) => (isRecord(c) ? c.name : undefined)));
  let n = existing.length + 1;
  while (names.has(`case ${n}`)) n += 1;
  const first = existing[0];
  const startPriceUsd = isRecord(first) ? numberOr(first.startPriceUsd, 76_176) : 76_176;
  return { name: `case ${n}`, kind: 'growth', startPriceUsd, growthPctPerYear: 0 };
}

export type TerminalValueKind = 'none' | 'exit-cap' | 'renewal-dcf';

export function terminalValueOfKind(kind: TerminalValueKind): Record<string, unknown> {
  if (kind === 'renewal-dcf') return { kind, valuationLifeYears: 40 };
  return kind === 'none' ? { kind } : { kind, exitCapRatePct: 7.5 };
}

/** A row for a reference model, keeping the units and resale terms of the row it replaces. */
export function fleetModelFromReference(
  current: unknown,
  reference: ReferenceAsicModel,
): Record<string, unknown> {
  const now = isRecord(current) ? current : {};
  return {
    ...now,
    model: reference.model,
    hashrateThs: reference.hashrateThs,
    powerW: reference.powerW,
    unitPriceUsd: reference.listingPriceUsd,
  };
}

/** A new fleet row: a current air-cooled model with no units yet, so nothing moves until set. */
export function newFleetModel(reference: ReferenceAsicModel): Record<string, unknown> {
  return {
    ...fleetModelFromReference({}, reference),
    units: 0,
    resaleUsdPerTh: 0,
    resaleDeclinePctPerYear: 30,
  };
}

/** A new delivery tranche six months after the last one (the shares must then add up to 100%). */
export function newTranche(
  existing: readonly unknown[],
  constructionMonths: unknown,
): Record<string, unknown> {
  const last = existing[existing.length - 1];
  const deliveryMonth = isRecord(last)
    ? numberOr(last.deliveryMonth, 12) + 6
    : numberOr(constructionMonths, 12);
  return { deliveryMonth, itMwPct: existing.length === 0 ? 100 : 10 };
}
