/**
 * Row and column layout shared by the workbook writer and the files that link into it (no exceljs
 * here): each sheet's columns are one map, from which its header row and every reference derive.
 */

/** 1 → A, 27 → AA */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/**
 * A sheet's named columns: each key's 1-based column and letter, in the order of `headers` (an
 * ordered record key → header text) from `firstColumn` on. The header row and every formula
 * reference read the same map, so a column added or moved is one edit.
 *
 * @example columnMap({ month: 'Month', price: 'Price' }, 3).letter.price === 'D'
 */
export interface ColumnMap<K extends string> {
  readonly keys: readonly K[];
  /** The header texts, in column order. */
  readonly headers: readonly string[];
  readonly index: Readonly<Record<K, number>>;
  readonly letter: Readonly<Record<K, string>>;
  /** The first column after the map's. */
  readonly next: number;
}

export function columnMap<K extends string>(
  headers: Readonly<Record<K, string>>,
  firstColumn = 1,
): ColumnMap<K> {
  const keys = Object.keys(headers) as K[];
  const index = {} as Record<K, number>;
  const letter = {} as Record<K, string>;
  keys.forEach((key, k) => {
    index[key] = firstColumn + k;
    letter[key] = columnLetter(firstColumn + k);
  });
  return {
    keys,
    headers: keys.map((key) => headers[key]),
    index,
    letter,
    next: firstColumn + keys.length,
  };
}

/** First row of the Inputs sheet's fields. */
export const INPUTS_FIRST_ROW = 4;
/** First row of the Summary sheet's strategy × price case rows. */
export const SUMMARY_FIRST_ROW = 5;

/** The columns of the Inputs sheet: one row per field of the scenario file. */
export const INPUTS_COLUMNS = columnMap({
  path: 'Field (path)',
  value: 'Value',
  unit: 'Unit',
  meaning: 'Meaning',
  name: 'Name in formulas',
  live: 'In formulas',
});

/** `$B$7`: the value cell of the Inputs row at `index` (0 = the first field). */
export function inputValueAddress(index: number): string {
  return `$${INPUTS_COLUMNS.letter.value}$${INPUTS_FIRST_ROW + index}`;
}

/** `Inputs!$B$7`: the same, from another sheet. */
export function inputValueCell(index: number): string {
  return `Inputs!${inputValueAddress(index)}`;
}

/** The columns of the Rates sheet: one named rate (or date) per row. */
export const RATES_COLUMNS = columnMap({
  label: 'Rate',
  value: 'Value',
  name: 'Name',
  reads: 'Formula reads',
});

/** The columns of the Summary sheet: one row per strategy × price case. */
export const SUMMARY_COLUMNS = columnMap({
  priceCase: 'Price case',
  strategy: 'Strategy',
  ledgerSheet: 'Ledger sheet',
  npvMining: 'NPV, mining flows (USD)',
  npvConstruction: 'NPV, construction flows (USD)',
  npvLease: 'NPV, lease flows (USD)',
  npv: 'NPV (USD)',
  excelNpv: 'NPV by Excel NPV() (USD; one rate only)',
  xnpv: 'XNPV, actual/365 days (USD; one rate only)',
  irr: "IRR (per year; guess: the app's monthly IRR)",
  incrementalNpv: 'Incremental NPV vs keep mining (USD)',
  incrementalIrr: 'Incremental IRR vs keep mining (per year)',
  appNpv: 'NPV in the app (USD, value)',
  appIrr: 'IRR in the app (per year, value)',
  npvCheck: 'Check: NPV − NPV in the app at export (USD)',
  payback: 'Payback (months)',
  discountedPayback: 'Discounted payback (months)',
});
