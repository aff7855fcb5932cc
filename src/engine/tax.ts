import type { TaxSection } from '../schema/scenario';
import { lazyField, lazySource } from './lazyFields';
import { memoized } from './memoized';
import { recallByValue } from './recent';
import { zeroSeries } from './series';

/**
 * US corporate income tax of one site as a standalone taxpayer (docs/model.md §12.1). Tax years
 * are the scenario's 12-month years from the start month; each year's tax is paid in its last
 * month (the horizon's last month for a short final year). Every amount is in whole cents,
 * rounded half away from zero, so the tax statement foots exactly.
 */

/** Depreciation classes: ASICs (5-year MACRS), data-centre fit-out (15-year and 39-year). */
export const ASSET_CLASSES = ['asic-5-year', 'fit-out-15-year', 'fit-out-39-year'] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

/** An asset placed in service: its month and its depreciable basis (USD, ≥ 0). */
export interface PlacedAsset {
  readonly month: number;
  readonly basisUsd: number;
  readonly assetClass: AssetClass;
}

/**
 * The MACRS general depreciation rates, half-year convention (% of the basis in recovery years
 * 1 … n+1), by the method itself: with `B_k` the basis left at the start of year k,
 *
 *   D_1 = B_1 × f / n / 2;   D_k = max(B_k × f / n, B_k / (n − k + 1.5)) for 2 ≤ k ≤ n;   D_{n+1} = B_{n+1}
 *
 * (declining balance at factor f, switching to the straight line over the recovery years left).
 * IRS Publication 946 Table A-1 is this rounded to 0.01 (its 15-year column alternates 5.90/5.91
 * so the rounded rates sum to 100). Conformance: LibreOffice computes the same with VDB
 * (test/conformance/tax-debt-vectors.test.ts).
 *
 * @example macrsHalfYearPct(5, 2) → [20, 32, 19.2, 11.52, 11.52, 5.76]
 */
export function macrsHalfYearPct(lifeYears: number, factor: number): number[] {
  const rates: number[] = [];
  let left = 100;
  for (let k = 1; k <= lifeYears + 1; k += 1) {
    const deduction =
      k === 1
        ? (left * factor) / lifeYears / 2
        : k === lifeYears + 1
          ? left
          : Math.max((left * factor) / lifeYears, left / (lifeYears - k + 1.5));
    rates.push(deduction);
    left -= deduction;
  }
  return rates;
}

/** MACRS half-year rates (%) of the 5-year (200% DB) and 15-year (150% DB) classes. */
export const MACRS_HALF_YEAR_PCT: Readonly<
  Record<'asic-5-year' | 'fit-out-15-year', readonly number[]>
> = {
  'asic-5-year': macrsHalfYearPct(5, 2),
  'fit-out-15-year': macrsHalfYearPct(15, 1.5),
};

/** Years of straight-line recovery of nonresidential real property. */
export const REAL_PROPERTY_YEARS = 39;

/** A whole number, rounded half away from zero (the ledger's rule); never `-0`. */
export function roundHalfAway(x: number): number {
  const whole = Math.round(Math.abs(x));
  return x < 0 && whole !== 0 ? -whole : whole;
}

/** The cents of a USD amount: `round_half_away_from_zero(usd × 100)`. */
export function toCents(usd: number): number {
  return roundHalfAway(usd * 100);
}

/**
 * Share of the basis deducted in recovery year `y` (0 = the year placed in service) of a 39-year
 * asset placed in service in month `monthOfYear` (0 … 11) of its tax year: straight line with the
 * mid-month convention, `(12 − monthOfYear − 0.5) / 12 / 39` in year 0, `1/39` in years 1 … 38,
 * the rest in year 39.
 *
 * @example placed in the first month: year 0 `11.5 / 468 = 2.4573%`, year 1 `2.5641%`.
 */
export function realPropertyShare(monthOfYear: number, y: number): number {
  const first = (12 - monthOfYear - 0.5) / 12 / REAL_PROPERTY_YEARS;
  if (y === 0) return first;
  if (y < REAL_PROPERTY_YEARS) return 1 / REAL_PROPERTY_YEARS;
  if (y === REAL_PROPERTY_YEARS) return 1 - first - (REAL_PROPERTY_YEARS - 1) / REAL_PROPERTY_YEARS;
  return 0;
}

/**
 * Depreciation of one asset in each tax year (cents), `years` long. 5- and 15-year property: the
 * bonus share in the year placed in service, the rest by the half-year table; 39-year: the
 * mid-month straight line. Amounts are cumulative-rounded (each year is the rounded cumulative
 * total minus the previous one), so they sum to the basis exactly.
 *
 * @example $1,000,000 of ASICs, 40% bonus, placed in year 0: 520,000 · 192,000 · 115,200 ·
 *   69,120 · 69,120 · 34,560 (USD).
 */
export function depreciationByYearCents(
  asset: PlacedAsset,
  bonusShare: number,
  years: number,
): number[] {
  const out = new Array<number>(years).fill(0);
  const placedYear = Math.floor(asset.month / 12);
  const basisCents = toCents(asset.basisUsd);
  let cumulativeShare = 0;
  let cumulativeCents = 0;
  const rateOf = (y: number): number => {
    if (asset.assetClass === 'fit-out-39-year') return realPropertyShare(asset.month % 12, y);
    const table = MACRS_HALF_YEAR_PCT[asset.assetClass];
    const tableShare = y < table.length ? table[y]! / 100 : 0;
    return (y === 0 ? bonusShare : 0) + (1 - bonusShare) * tableShare;
  };
  for (let y = placedYear; y < years; y += 1) {
    cumulativeShare += rateOf(y - placedYear);
    const target = Math.min(basisCents, Math.round(basisCents * Math.min(1, cumulativeShare)));
    out[y] = target - cumulativeCents;
    cumulativeCents = target;
  }
  return out;
}

/** One tax year of the statement (USD, to the cent). */
export interface TaxYear {
  readonly year: number;
  /** Month the tax is paid in (the year's last month within the horizon). */
  readonly paymentMonth: number;
  /** Taxable income before interest, depreciation and losses: operating flows and proceeds. */
  readonly ebitdaUsd: number;
  readonly depreciationUsd: number;
  /** Undepreciated basis deducted in the final year (everything is sold or valued at the horizon). */
  readonly basisWrittenOffUsd: number;
  /** Interest expense of the year (interest accrued and not capitalised, fees amortised). */
  readonly interestUsd: number;
  /** Interest deducted: all of it, or with the §163(j) option at most 30% of EBITDA. */
  readonly interestDeductedUsd: number;
  /** Disallowed interest carried to later years (end of year). */
  readonly interestCarriedForwardUsd: number;
  readonly taxableIncomeBeforeLossesUsd: number;
  readonly lossUsedUsd: number;
  /** Losses carried to later years (end of year). */
  readonly lossCarriedForwardUsd: number;
  readonly taxableIncomeUsd: number;
  /** Tax paid (USD, ≥ 0). */
  readonly taxUsd: number;
}

export interface TaxSchedule {
  /** Combined rate `federal + state × (1 − federal)` (state tax is deductible federally). */
  readonly rate: number;
  /** Share of a year's taxable income that losses may offset (fraction). */
  readonly lossUseShare: number;
  readonly openingLossCarryforwardUsd: number;
  readonly years: readonly TaxYear[];
  /** Tax cash flow by month (USD, ≤ 0): each year's tax in its payment month. */
  readonly taxUsd: readonly number[];
}

/** The combined corporate rate: state tax is deductible federally. @example 21% + 5% → 24.95% */
export function combinedTaxRate(tax: TaxSection): number {
  const federal = tax.federalRatePct / 100;
  return federal + (tax.stateRatePct / 100) * (1 - federal);
}

/** Share of EBITDA up to which interest is deductible under the §163(j) option. */
export const INTEREST_CAP_SHARE_OF_EBITDA = 0.3;

interface DepreciationSchedule {
  /** Depreciation of every asset by tax year (cents). */
  readonly depreciationCents: readonly number[];
  /** The whole basis (cents): what is left of it at the horizon is written off. */
  readonly basisCents: number;
}

/**
 * Depreciation of a strategy's assets by tax year (cents). Assets of one class placed in the
 * same month are one vintage: depreciated (and rounded) once.
 */
function depreciationSchedule(
  tax: TaxSection,
  horizonMonths: number,
  assets: readonly PlacedAsset[],
): DepreciationSchedule {
  const years = Math.ceil(horizonMonths / 12);
  const bonusShare = tax.bonusDepreciationPct / 100;
  const depreciationCents = zeroSeries(years);
  // Keyed by month and class as one number (a string key per asset was a tenth of the time).
  const vintages = new Map<number, { month: number; cents: number; assetClass: AssetClass }>();
  for (const asset of assets) {
    if (asset.basisUsd <= 0 || asset.month >= horizonMonths) continue;
    const key = asset.month * ASSET_CLASSES.length + ASSET_CLASSES.indexOf(asset.assetClass);
    const vintage = vintages.get(key) ?? {
      month: asset.month,
      cents: 0,
      assetClass: asset.assetClass,
    };
    vintage.cents += toCents(asset.basisUsd);
    vintages.set(key, vintage);
  }
  let basisCents = 0;
  for (const vintage of vintages.values()) {
    basisCents += vintage.cents;
    const byYear = depreciationByYearCents(
      { month: vintage.month, basisUsd: vintage.cents / 100, assetClass: vintage.assetClass },
      vintage.assetClass === 'fit-out-39-year' ? 0 : bonusShare,
      years,
    );
    for (let y = 0; y < years; y += 1) depreciationCents[y] = depreciationCents[y]! + byYear[y]!;
  }
  return { depreciationCents, basisCents };
}

/**
 * The depreciation of the same assets found again (every price case of a plan, the BTC-price and
 * power breakevens: the capex does not change).
 */
const recallDepreciation = recallByValue<
  TaxSection,
  { readonly horizonMonths: number; readonly assets: readonly PlacedAsset[] },
  DepreciationSchedule
>(8, (a, b) => a.horizonMonths === b.horizonMonths && sameAssets(a.assets, b.assets));

function sameAssets(a: readonly PlacedAsset[], b: readonly PlacedAsset[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.month !== y.month ||
      x.assetClass !== y.assetClass ||
      !Object.is(x.basisUsd, y.basisUsd)
    ) {
      return false;
    }
  }
  return true;
}

/**
 * The tax statement of one strategy. For tax year y:
 *
 *   TI_y      = EBITDA_y − Dep_y − WO_y − IntDed_y
 *   IntDed_y  = Int_y + C_{y−1}, or min(Int_y + C_{y−1}, 30% × max(0, EBITDA_y)) with the cap;
 *               C_y = Int_y + C_{y−1} − IntDed_y
 *   L_y       = L_{y−1} − TI_y when TI_y < 0 (loss carried forward), else L_{y−1} − Use_y
 *   Use_y     = min(L_{y−1}, lossUse% × TI_y) when TI_y > 0
 *   Tax_y     = rate × (TI_y − Use_y) when TI_y > 0, else 0 (no refunds)
 *
 * `ebitdaUsd` and `interestUsd` are monthly (interest positive); WO is the undepreciated basis
 * deducted in the final year.
 *
 * @example rate 21%, one year of EBITDA $1,000,000, $1,000,000 of ASICs with 40% bonus: Dep
 *   $520,000, TI $480,000, tax $100,800 paid in month 11.
 */
export function buildTaxSchedule(
  tax: TaxSection,
  horizonMonths: number,
  ebitdaUsd: ArrayLike<number>,
  interestUsd: ArrayLike<number> | null,
  assets: readonly PlacedAsset[],
): TaxSchedule {
  const rate = combinedTaxRate(tax);
  const years = Math.ceil(horizonMonths / 12);
  const { depreciationCents, basisCents } = recallDepreciation(tax, { horizonMonths, assets }, () =>
    depreciationSchedule(tax, horizonMonths, assets),
  );
  const ebitdaCents = zeroSeries(years);
  const interestCents = zeroSeries(years);
  for (let m = 0; m < horizonMonths; m += 1) {
    const y = Math.floor(m / 12);
    ebitdaCents[y] = ebitdaCents[y]! + toCents(ebitdaUsd[m]!);
    if (interestUsd) interestCents[y] = interestCents[y]! + toCents(interestUsd[m]!);
  }
  // The statement's years are objects only when read (the ledgers, the workbook, the page): a
  // view's breakeven reads the tax cash alone, some forty statements an evaluation.
  const run = (year?: (taxYear: TaxYear) => void): number[] => {
    const taxUsd = zeroSeries(horizonMonths);
    let depreciatedCents = 0;
    let interestCarried = 0;
    let loss = toCents(tax.openingLossCarryforwardUsd);
    for (let y = 0; y < years; y += 1) {
      const ebitda = ebitdaCents[y]!;
      const depreciation = depreciationCents[y]!;
      depreciatedCents += depreciation;
      const writtenOff = y === years - 1 ? basisCents - depreciatedCents : 0;
      const available = interestCents[y]! + interestCarried;
      const deducted = tax.interestLimitation
        ? Math.min(available, Math.floor(INTEREST_CAP_SHARE_OF_EBITDA * Math.max(0, ebitda)))
        : available;
      interestCarried = available - deducted;
      const beforeLosses = ebitda - depreciation - writtenOff - deducted;
      let used = 0;
      if (beforeLosses < 0) {
        loss -= beforeLosses;
      } else {
        used = Math.min(loss, Math.floor((tax.lossUsePctOfTaxableIncome / 100) * beforeLosses));
        loss -= used;
      }
      const taxable = Math.max(0, beforeLosses - used);
      const taxCents = toCents(rate * (taxable / 100));
      const paymentMonth = Math.min(12 * y + 11, horizonMonths - 1);
      taxUsd[paymentMonth] = taxCents === 0 ? 0 : -taxCents / 100;
      year?.({
        year: y,
        paymentMonth,
        ebitdaUsd: ebitda / 100,
        depreciationUsd: depreciation / 100,
        basisWrittenOffUsd: writtenOff / 100,
        interestUsd: interestCents[y]! / 100,
        interestDeductedUsd: deducted / 100,
        interestCarriedForwardUsd: interestCarried / 100,
        taxableIncomeBeforeLossesUsd: beforeLosses / 100,
        lossUsedUsd: used / 100,
        lossCarriedForwardUsd: loss / 100,
        taxableIncomeUsd: taxable / 100,
        taxUsd: taxCents / 100,
      });
    }
    return taxUsd;
  };
  const taxUsd = run();
  const statementYears = memoized(() => {
    const out: TaxYear[] = [];
    run((taxYear) => out.push(taxYear));
    return out;
  });
  const schedule: Record<string, unknown> = {
    rate,
    lossUseShare: tax.lossUsePctOfTaxableIncome / 100,
    openingLossCarryforwardUsd: toCents(tax.openingLossCarryforwardUsd) / 100,
  };
  // A shared getter (`lazyFields`), not a literal's: some forty statements an evaluation.
  lazySource(schedule, { years: statementYears });
  lazyField(schedule, 'years');
  schedule.taxUsd = taxUsd;
  return schedule as unknown as TaxSchedule;
}
