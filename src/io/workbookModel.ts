/**
 * The workbook's formula layer (docs/files.md, "The workbook is the model"): every input a
 * finance team would flex is a named cell on the Inputs sheet, and the model sheets rebuild the
 * engine's equations (docs/model.md) from them as spreadsheet formulas:
 *
 * - `Derived`: scalars and the fleet table (one column per ASIC model);
 * - `Timeline`: the month-by-month terms no price case changes (network, energy price, each
 *   model's revenue per unit of hashprice, energy and avoidable cost);
 * - `Lease unit`: the lease lines of 1 MW of critical IT, month `j` after delivery;
 * - `Mining <case>`: BTC price, hashprice, the economic shutdown per model and month, and the
 *   mining lines of the whole fleet;
 * - each ledger sheet's line items: {@link LINE_FORMULAS}, one entry per ledger line, the single
 *   place where a new model line gets its formula and its documentation.
 *
 * Monthly sheets share the ledger's row layout: month `m` is on row `MODEL_FIRST_ROW + m`, so a
 * formula reads the same row of another sheet. Model sheets carry formulas only (no cached
 * results): spreadsheet programs compute them on load; the ledger and the Summary carry the
 * engine's values as cached results.
 */
import type * as ExcelJS from 'exceljs';
import { type Evaluation, LINE_ITEMS, type LineKey } from '../engine/index';
import type { PriceCase, Scenario } from '../schema/scenario';
import type { InputRow } from './inputsTable';
import {
  columnLetter,
  columnMap,
  INPUTS_COLUMNS,
  INPUTS_FIRST_ROW,
  inputValueCell,
  RATES_COLUMNS,
} from './workbookLayout';

export { columnLetter, columnMap, INPUTS_FIRST_ROW } from './workbookLayout';

/** "Never" as a month: later than any horizon (a refresh that does not happen, an endless life). */
const NEVER_MONTH = 1e9;

/** First data row of every monthly sheet (the ledger's too). */
export const MODEL_FIRST_ROW = 5;

/** `'Mining base'!` — sheet names are always quoted, inner quotes doubled. */
export function sheetRef(name: string): string {
  return `'${name.replaceAll("'", "''")}'!`;
}

// ---------------------------------------------------------------------------------------------
// Shared formulas: a column's formula written once, the rows below it as its shifted copies
// ---------------------------------------------------------------------------------------------

/** Quoted text (skipped), or an A1 reference with a relative row (group 4: the row). */
const REFERENCE =
  /'(?:[^']|'')*'|"(?:[^"]|"")*"|(?<![A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(!])/g;

/** The formula with each relative row written as its offset from `row`: equal keys, one shape. */
export function formulaShape(formula: string, row: number): string {
  return formula.replace(REFERENCE, (match, colAbs, col, rowAbs, rowText) => {
    if (col === undefined || rowAbs === '$') return match;
    return `${colAbs}${col}R[${Number(rowText) - row}]`;
  });
}

/**
 * Writes a row's values, turning each formula that is its column's formula above shifted down
 * into a shared-formula copy (`<f t="shared" si=…/>`): the file states each column's formula once,
 * which keeps a 240-month workbook small and fast to write. Spreadsheets read it as the full
 * formula of that row.
 */
export class SharedFormulaWriter {
  private readonly masters = new Map<number, { readonly row: number; readonly shape: string }>();

  constructor(private readonly sheet: ExcelJS.Worksheet) {}

  /**
   * `sameShape`: the caller knows every formula of this row is the row above's shifted (the
   * regular months); otherwise each formula's shape is compared with its column's master.
   */
  writeRow(row: number, values: readonly ExcelJS.CellValue[], sameShape = false): void {
    const target = this.sheet.getRow(row);
    values.forEach((value, index) => {
      if (value === null || value === undefined) return;
      const column = index + 1;
      if (typeof value === 'object' && 'formula' in value && typeof value.formula === 'string') {
        const master = this.masters.get(column);
        const shape = sameShape && master ? master.shape : formulaShape(value.formula, row);
        if (master && master.shape === shape && master.row < row) {
          target.getCell(column).value = {
            sharedFormula: `${columnLetter(column)}${master.row}`,
            result: value.result,
          } as ExcelJS.CellSharedFormulaValue;
          return;
        }
        this.masters.set(column, { row, shape });
      } else {
        this.masters.delete(column);
      }
      target.getCell(column).value = value;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs: which field is live, under which name
// ---------------------------------------------------------------------------------------------

/** How an input takes part in the workbook's formulas. */
export type Liveness =
  | { readonly kind: 'live'; readonly name: string }
  /** Part of a named range (an array of values): live, the range's length fixed at export. */
  | { readonly kind: 'range'; readonly name: string }
  /** Changes the workbook's shape (rows, sheets, which inputs exist): flagged on Checks. */
  | { readonly kind: 'shape'; readonly name: string; readonly why: string }
  /** `uncovered`: a model input the formulas do not read (yet): a change is flagged on Checks. */
  | { readonly kind: 'not-live'; readonly why: string; readonly uncovered?: boolean };

const live = (name: string): Liveness => ({ kind: 'live', name });
const shape = (name: string, why: string): Liveness => ({ kind: 'shape', name, why });
const notLive = (why: string): Liveness => ({ kind: 'not-live', why });

/** Names of single fields (paths without an index). */
const FIELD_NAMES: Readonly<Record<string, Liveness>> = {
  schema: notLive('file type marker'),
  version: notLive('file format version'),
  name: notLive('a label'),
  notes: notLive('a label'),
  startMonth: shape(
    'Start_month',
    'sets the calendar (days in each month, dates): re-export from the app',
  ),
  horizonMonths: shape('Horizon', 'sets the number of ledger rows: re-export from the app'),
  'site.utilityMw': live('Site_MW'),
  'site.residualUsdPerMw': live('Site_residual_per_MW'),
  referenceCase: notLive(
    'names the case the Decision sheet speaks for; the decision is the app’s statement at export',
  ),
  'mining.overheadMultiplier': live('Overhead'),
  'mining.uptimePct': live('Uptime_pct'),
  'mining.poolFeePct': live('Pool_fee_pct'),
  'mining.nonPowerOpexUsdPerMwh': live('Opex_per_MWh'),
  'mining.nonPowerOpexUsdPerKwMonth': live('Opex_per_kW_month'),
  'mining.economicShutdown': live('Economic_shutdown'),
  'mining.resaleTracksHashprice': live('Resale_tracks_hashprice'),
  'mining.refresh.enabled': live('Refresh_on'),
  'mining.refresh.lifeYears': live('Refresh_life_years'),
  'mining.refresh.frontierUsdPerTh': live('Refresh_price_per_TH'),
  'mining.refresh.resaleDeclinePctPerYear': live('Refresh_resale_decline_pct'),
  // The payback trigger makes the replacement months depend on each case's prices month by month
  // (a path-dependent schedule); the Timeline's vintages are end-of-life formulas.
  'mining.refresh.trigger': {
    kind: 'not-live',
    why: 'the Timeline replaces machines at end of life only; the payback trigger’s early replacements depend on each case’s prices month by month and are not formulas; with "payback" Checks flags the mining lines from the start, and a change is flagged — re-evaluate in the app',
    uncovered: true,
  },
  'mining.refresh.paybackMonths': {
    kind: 'not-live',
    why: 'the payback trigger’s N: read by the app only (see mining.refresh.trigger); a change is flagged on Checks',
    uncovered: true,
  },
  'power.pricing.kind': shape(
    'Power_pricing_kind',
    'fixed and index pricing have different inputs: re-export from the app',
  ),
  'power.pricing.priceUsdPerMwh': live('Power_price'),
  'power.pricing.escalatorPctPerYear': live('Power_escalator_pct'),
  'power.pricing.adderUsdPerMwh': live('Power_adder'),
  'power.takeOrPayMinimumPct': live('Take_or_pay_pct'),
  'power.demandChargeUsdPerKwMonth': live('Demand_charge'),
  'power.curtailment.hoursPerYear': live('Curtail_hours_per_year'),
  'power.curtailment.creditUsdPerMwh': live('Curtail_credit_per_MWh'),
  'power.curtailment.capacityPaymentUsdPerMwYear': live('Capacity_payment'),
  'network.difficulty': live('Difficulty_0'),
  'network.difficultyGrowthPctPerYear': live('Difficulty_growth_pct'),
  'network.startBlockHeight': live('Start_block_height'),
  'network.blockTimeSeconds': live('Block_time_s'),
  'network.feesBtcPerBlock': live('Fees_BTC_per_block'),
  'network.frontierJPerTh': live('Frontier_J_per_TH'),
  'network.frontierEfficiencyGainPctPerYear': live('Frontier_gain_pct'),
  'network.marginalCostFloor': live('Floor_on'),
  'network.networkPowerPriceUsdPerMwh': live('Network_power_price'),
  'conversion.itMw': live('Conv_IT_MW'),
  'conversion.grossToItRatio': live('Gross_to_IT'),
  'conversion.capexUsdPerItMw': live('Capex_per_IT_MW'),
  'conversion.tenantFundedPct': live('Tenant_funded_pct'),
  'conversion.constructionMonths': live('Construction_months'),
  'lease.rateUsdPerKwMonth': live('Lease_rate'),
  'lease.escalatorPctPerYear': live('Lease_escalator_pct'),
  'lease.termYears': live('Lease_term_years'),
  'lease.leaseType': live('Lease_type'),
  'lease.landlordOpexPctOfRent': live('Landlord_opex_pct'),
  'lease.modifiedGrossCostUsdPerKwMonth': live('MG_cost_per_kW_month'),
  'lease.freeRentMonths': live('Free_rent_months'),
  'lease.prepaymentMonthsOfRent': live('Prepay_months'),
  'lease.tenantDefaultPctPerYear': live('Default_pct'),
  'lease.recoveryPct': live('Recovery_pct'),
  'lease.backstopPct': live('Backstop_pct'),
  'lease.renewalProbabilityPct': live('Renewal_pct'),
  'lease.terminalValue.kind': live('Terminal_kind'),
  'lease.terminalValue.exitCapRatePct': live('Exit_cap_pct'),
  'lease.terminalValue.valuationLifeYears': live('Lease_life_years'),
  'strategies.partialConvertUtilityMw': live('Partial_MW'),
  'strategies.convertAtMonth': live('Convert_month'),
  'finance.discountRatePctPerYear': live('WACC_pct'),
  'finance.miningDiscountRatePctPerYear': live('Mining_rate_pct'),
  'finance.constructionDiscountRatePctPerYear': live('Construction_rate_pct'),
  'finance.leaseDiscountRatePctPerYear': live('Lease_rate_pct'),
};

const FLEET_FIELDS: Readonly<Record<string, Liveness | string>> = {
  model: notLive('a label'),
  units: 'units',
  hashrateThs: 'TH',
  powerW: 'W',
  unitPriceUsd: notLive('for reference only: a fleet refresh buys at the frontier $/TH'),
  resaleUsdPerTh: 'resale',
  resaleDeclinePctPerYear: 'resale_decline_pct',
  ageYears: 'age',
};

const CASE_FIELDS: Readonly<Record<string, Liveness | string>> = {
  startPriceUsd: 'start_price',
  growthPctPerYear: 'growth_pct',
};

/** The liveness of one Inputs row, by its path (e.g. `fleet[1].powerW` → `Fleet_2_W`). */
export function livenessOf(path: string): Liveness {
  const direct = FIELD_NAMES[path];
  if (direct) return direct;
  let match = /^fleet\[(\d+)\]\.(\w+)$/.exec(path);
  if (match) {
    const field = FLEET_FIELDS[match[2]!];
    if (typeof field === 'string') return live(`Fleet_${Number(match[1]) + 1}_${field}`);
    if (field) return field;
  }
  match = /^priceCases\[(\d+)\]\.(\w+)(\[\d+\])?$/.exec(path);
  if (match) {
    const c = Number(match[1]) + 1;
    const key = match[2]!;
    if (key === 'name') return notLive('names the case and its sheets');
    if (key === 'kind') {
      return shape(
        `Case_${c}_kind`,
        'growth, yearly and monthly cases have different inputs: re-export from the app',
      );
    }
    if (match[3]) return { kind: 'range', name: `Case_${c}_prices` };
    const field = CASE_FIELDS[key];
    if (typeof field === 'string') return live(`Case_${c}_${field}`);
  }
  match = /^conversion\.tranches\[(\d+)\]\.(\w+)$/.exec(path);
  if (match) {
    const t = Number(match[1]) + 1;
    return live(`Tranche_${t}_${match[2] === 'deliveryMonth' ? 'delivery' : 'pct'}`);
  }
  if (/^power\.pricing\.priceUsdPerMwhByMonth\[\d+\]$/.test(path)) {
    return { kind: 'range', name: 'Power_index' };
  }
  if (/^network\.difficultyGrowthOverridesPctByYear\[\d+\]$/.test(path)) {
    return { kind: 'range', name: 'Difficulty_growth_overrides' };
  }
  if (path.startsWith('monteCarlo.')) {
    return notLive('the Monte Carlo runs in the app; its sheet is the record of one run');
  }
  if (path.startsWith('stressTests[')) {
    return {
      kind: 'not-live',
      why: 'the stress tests are run by the app on shocked copies of the model; the Stress tests sheet is the record of that run (values); a change is flagged on Checks — re-evaluate in the app',
      uncovered: true,
    };
  }
  if (path.startsWith('financing.') || path.startsWith('tax.')) {
    return {
      kind: 'not-live',
      why: 'the debt schedule and the tax by year are the app’s run (values; their sums and the equity flows are formulas); a change is flagged on Checks — re-evaluate in the app',
      uncovered: true,
    };
  }
  return {
    kind: 'not-live',
    why: 'a model input the workbook formulas do not cover yet (the app uses it); a change is flagged on Checks',
    uncovered: true,
  };
}

/** Text of the Inputs sheet's "In formulas" column. */
export function livenessText(liveness: Liveness): string {
  switch (liveness.kind) {
    case 'live':
      return 'live';
    case 'range':
      return 'live (one value of the range; its length is fixed at export)';
    case 'shape':
      return `shape: ${liveness.why}; a change is flagged on Checks`;
    case 'not-live':
      return `not live: ${liveness.why}`;
  }
}

/** One row of the Rates sheet: what it is, its value or formula, its defined name, what it reads. */
export interface RateRow {
  readonly label: string;
  readonly value: ExcelJS.CellValue;
  readonly name: string;
  readonly reads: string;
  readonly numFmt: string;
}

/** Writes rate rows from `firstRow` on, each value cell formatted and named. */
export function writeRateRows(
  workbook: ExcelJS.Workbook,
  sheet: ExcelJS.Worksheet,
  firstRow: number,
  rows: readonly RateRow[],
): void {
  const c = RATES_COLUMNS.letter;
  rows.forEach((rate, index) => {
    const r = firstRow + index;
    sheet.getRow(r).values = RATES_COLUMNS.keys.map((key) =>
      key === 'value' ? rate.value : rate[key],
    );
    sheet.getCell(`${c.value}${r}`).numFmt = rate.numFmt;
    workbook.definedNames.add(`Rates!$${c.value}$${r}`, rate.name);
  });
}

/** Writes the defined names of the Inputs rows: one per field, one per array range. */
export function nameInputs(workbook: ExcelJS.Workbook, rows: readonly InputRow[]): void {
  const ranges = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const r = INPUTS_FIRST_ROW + index;
    const liveness = livenessOf(row.path);
    if (liveness.kind === 'live' || liveness.kind === 'shape') {
      workbook.definedNames.add(inputValueCell(index), liveness.name);
    } else if (liveness.kind === 'range') {
      const list = ranges.get(liveness.name) ?? [];
      list.push(r);
      ranges.set(liveness.name, list);
    }
  });
  for (const [name, list] of ranges) {
    const column = INPUTS_COLUMNS.letter.value;
    workbook.definedNames.add(
      `Inputs!$${column}$${list[0]}:$${column}$${list[list.length - 1]}`,
      name,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

const f = (formula: string): ExcelJS.CellFormulaValue => ({ formula, date1904: false });

export function title(sheet: ExcelJS.Worksheet, text: string, note: string): void {
  sheet.getCell('A1').value = text;
  sheet.getCell('A1').font = { bold: true, size: 13 };
  sheet.getCell('A2').value = note;
  sheet.getCell('A2').font = { italic: true };
}

export function headerRow(sheet: ExcelJS.Worksheet, row: number, labels: readonly string[]): void {
  const header = sheet.getRow(row);
  header.values = [...labels];
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
}

/** A column group of one quantity per ASIC model: first column, and the letters of each. */
interface Group {
  readonly first: number;
  readonly letters: readonly string[];
}

function group(first: number, models: number): Group {
  return {
    first,
    letters: Array.from({ length: models }, (_, i) => columnLetter(first + i)),
  };
}

/** `$X5:$Z5`: the group's cells on one row (a horizontal range over the models). */
function across(g: Group, row: number, sheet = ''): string {
  return `${sheet}$${g.letters[0]}${row}:$${g.letters[g.letters.length - 1]}${row}`;
}

// ---------------------------------------------------------------------------------------------
// Derived: scalars and the fleet table
// ---------------------------------------------------------------------------------------------

/** Rows of the Derived sheet's fleet table (one column per model from column C). */
const FLEET_TABLE = [
  { name: 'Fleet_units', label: 'Machines', input: 'units' },
  { name: 'Fleet_TH_each', label: 'TH/s of one machine', input: 'TH' },
  { name: 'Fleet_W_each', label: 'W of one machine', input: 'W' },
  { name: 'Fleet_TH', label: 'TH/s of the model at the site' },
  { name: 'Fleet_kW', label: 'kW with facility overhead' },
  { name: 'Fleet_J_per_TH', label: 'Efficiency (J/TH = W per TH/s)' },
  { name: 'Fleet_index', label: 'Position in the file' },
  { name: 'Fleet_order', label: 'Shutdown order (1 = most efficient, runs first)' },
  { name: 'Fleet_resale', label: 'Resale today (USD per TH/s)', input: 'resale' },
  { name: 'Fleet_decline', label: 'Resale decline (% per year)', input: 'resale_decline_pct' },
  { name: 'Fleet_age', label: 'Age at the start (years)', input: 'age' },
  { name: 'Fleet_wall_W', label: 'W at the wall of the slot (units × W): what a refresh replaces' },
  {
    name: 'Fleet_first_refresh',
    label:
      'First refresh (month): life − age, at least 0; never (10⁹) with refresh off or no power',
  },
] as const;

const FLEET_FIRST_COL = 3;
const FLEET_TABLE_FIRST_ROW = 5;

/** Scalar rows of the Derived sheet, after the fleet table. */
interface ScalarRow {
  readonly name: string;
  readonly label: string;
  readonly formula: string;
  readonly section: string;
}

function scalarRows(scenario: Scenario, models: number): ScalarRow[] {
  const lastFleet = columnLetter(FLEET_FIRST_COL + models - 1);
  void lastFleet;
  const [year, month] = scenario.startMonth.split('-').map(Number) as [number, number];
  // Seconds from the public height checkpoint (935,424 on 2026-02-07) to the first month's start.
  const secondsFromCheckpoint = (Date.UTC(year, month - 1, 1) - Date.UTC(2026, 1, 7)) / 1000;
  return [
    {
      name: 'Fleet_kW_total',
      label: 'Fleet kW with overhead',
      formula: 'SUM(Fleet_kW)',
      section: '§5',
    },
    {
      name: 'Fleet_MW',
      label: 'Fleet MW with overhead (what a converted MW displaces)',
      formula: 'Fleet_kW_total/1000',
      section: '§6',
    },
    {
      name: 'Has_take_or_pay',
      label: 'Take-or-pay applies',
      formula: 'Take_or_pay_pct>0',
      section: '§4',
    },
    {
      name: 'Start_height_used',
      label: 'Block height at the start (given, or estimated from the checkpoint)',
      formula: `IF(Start_block_height="",MAX(0,ROUND(935424+${secondsFromCheckpoint}/Block_time_s,0)),Start_block_height)`,
      section: '§2',
    },
    {
      name: 'Term_months',
      label: 'Lease term (months)',
      formula: 'MAX(1,ROUND(Lease_term_years*12,0))',
      section: '§6',
    },
    {
      name: 'Loss_given_default',
      label: 'Share of rent lost on a default: (1 − recovery) × (1 − backstop)',
      formula: '(1-Recovery_pct/100)*(1-Backstop_pct/100)',
      section: '§6',
    },
    {
      name: 'Prepay_per_IT_MW',
      label: 'Prepayment per IT MW (USD): 1000 kW × rate × months',
      formula: '1000*Lease_rate*Prepay_months',
      section: '§6',
    },
    {
      name: 'Capex_per_IT_MW_month',
      label: 'Landlord capex per IT MW per construction month (USD, negative)',
      formula: '-(Capex_per_IT_MW*(1-Tenant_funded_pct/100))/Construction_months',
      section: '§6',
    },
    {
      name: 'MG_cost_per_IT_MW',
      label: 'Modified-gross operating cost per IT MW-month (USD; 0 for NNN)',
      formula: 'IF(Lease_type="modified-gross",1000*MG_cost_per_kW_month,0)',
      section: '§6',
    },
    {
      name: 'Refresh_life_months',
      label: 'Life of a machine under fleet refresh (months)',
      formula: 'ROUND(Refresh_life_years*12,0)',
      section: '§5',
    },
    {
      name: 'Lease_life_months',
      label:
        'Life of the data hall from delivery (months; renewal DCF only, else never): no income after it',
      formula:
        scenario.lease.terminalValue.kind === 'renewal-dcf'
          ? `IF(Terminal_kind="renewal-dcf",ROUND(Lease_life_years*12,0),${NEVER_MONTH})`
          : String(NEVER_MONTH),
      section: '§6',
    },
    {
      name: 'Lease_monthly_factor',
      label: 'Lease class monthly discount factor v = (1 + lease rate)^(−1/12)',
      formula: '(1+rate_lease)^(-1/12)',
      section: '§6',
    },
    {
      name: 'Construction_monthly_factor',
      label: 'Construction class monthly discount factor w = (1 + construction rate)^(−1/12)',
      formula: '(1+rate_construction)^(-1/12)',
      section: '§6',
    },
    {
      name: 'Site_residual',
      label: 'Site residual at the horizon (USD): site MW × $/MW, every strategy',
      formula: 'Site_MW*Site_residual_per_MW',
      section: '§6',
    },
    {
      name: 'Initial_mining_share',
      label: 'Share of the fleet mining before any conversion',
      formula: 'IF(Fleet_MW<=0,0,MAX(0,MIN(1,Site_MW/Fleet_MW)))',
      section: '§6',
    },
  ];
}

function writeDerived(
  workbook: ExcelJS.Workbook,
  sheet: ExcelJS.Worksheet,
  scenario: Scenario,
): void {
  const models = scenario.fleet.length;
  title(
    sheet,
    'Derived: the fleet table and the scalars the monthly sheets read',
    'Every cell is a formula over the named Inputs. Columns C… of the fleet table are the ASIC models in file order.',
  );
  headerRow(sheet, FLEET_TABLE_FIRST_ROW - 1, [
    'Name',
    'Quantity',
    ...scenario.fleet.map((m) => m.model),
  ]);
  FLEET_TABLE.forEach((entry, k) => {
    const r = FLEET_TABLE_FIRST_ROW + k;
    const row = sheet.getRow(r);
    row.getCell(1).value = entry.name;
    row.getCell(2).value = entry.label;
    for (let i = 0; i < models; i += 1) {
      const col = columnLetter(FLEET_FIRST_COL + i);
      const at = (name: string) =>
        `${col}${FLEET_TABLE_FIRST_ROW + FLEET_TABLE.findIndex((e) => e.name === name)}`;
      let formula: string;
      if ('input' in entry) formula = `Fleet_${i + 1}_${entry.input}`;
      else if (entry.name === 'Fleet_TH') formula = `${at('Fleet_units')}*${at('Fleet_TH_each')}`;
      else if (entry.name === 'Fleet_kW')
        formula = `${at('Fleet_units')}*${at('Fleet_W_each')}/1000*Overhead`;
      else if (entry.name === 'Fleet_J_per_TH')
        formula = `${at('Fleet_W_each')}/${at('Fleet_TH_each')}`;
      else if (entry.name === 'Fleet_index') formula = String(i + 1);
      else if (entry.name === 'Fleet_wall_W')
        formula = `${at('Fleet_units')}*${at('Fleet_W_each')}`;
      else if (entry.name === 'Fleet_first_refresh')
        formula = `IF(AND(Refresh_on,${at('Fleet_wall_W')}>0),MAX(0,Refresh_life_months-ROUND(${at('Fleet_age')}*12,0)),${NEVER_MONTH})`;
      else {
        // Models sorted by J/TH, ties in file order (a stable sort, as the engine's).
        const j = at('Fleet_J_per_TH');
        const idx = at('Fleet_index');
        formula = `1+SUMPRODUCT((Fleet_J_per_TH<${j})*1)+SUMPRODUCT((Fleet_J_per_TH=${j})*(Fleet_index<${idx}))`;
      }
      row.getCell(FLEET_FIRST_COL + i).value = entry.name === 'Fleet_index' ? i + 1 : f(formula);
    }
    workbook.definedNames.add(
      `Derived!$${columnLetter(FLEET_FIRST_COL)}$${r}:$${columnLetter(FLEET_FIRST_COL + models - 1)}$${r}`,
      entry.name,
    );
  });
  const scalarsFirst = FLEET_TABLE_FIRST_ROW + FLEET_TABLE.length + 2;
  headerRow(sheet, scalarsFirst - 1, ['Name', 'Quantity', 'Value', 'docs/model.md']);
  scalarRows(scenario, models).forEach((scalar, k) => {
    const r = scalarsFirst + k;
    sheet.getRow(r).values = [scalar.name, scalar.label, f(scalar.formula), scalar.section];
    workbook.definedNames.add(`Derived!$C$${r}`, scalar.name);
  });
  sheet.getColumn(1).width = 22;
  sheet.getColumn(2).width = 52;
  for (let i = 0; i < Math.max(models, 2); i += 1) sheet.getColumn(FLEET_FIRST_COL + i).width = 16;
}

// ---------------------------------------------------------------------------------------------
// Timeline: the case-independent monthly terms
// ---------------------------------------------------------------------------------------------

export interface TimelineLayout {
  readonly days: string;
  readonly hours: string;
  readonly energyPrice: string;
  readonly hashpricePerBtc: string;
  readonly curtailedHours: string;
  readonly minimumEnergy: string;
  readonly resaleBase: string;
  readonly networkK: string;
  readonly growthFactor: string;
  readonly fixedDifficulty: string;
  readonly floor: string;
  readonly stopSaleBase: string;
  readonly retiredBase: string;
  readonly purchaseBase: string;
  readonly revenuePerHashprice: Group;
  readonly keptPerHashprice: Group;
  readonly energy: Group;
  readonly runningIncome: Group;
  readonly fixedAvoidable: Group;
  readonly paidAvoidable: Group;
  readonly vintageTh: Group;
  readonly rank: Group;
}

function indexRangeLength(rows: readonly InputRow[], name: string): number {
  return rows.filter((row) => {
    const liveness = livenessOf(row.path);
    return liveness.kind === 'range' && liveness.name === name;
  }).length;
}

/** The columns of the Timeline sheet before the per-model groups. */
export const TIMELINE_COLUMNS = columnMap({
  monthIndex: 'Month index m',
  month: 'Month',
  days: 'Days',
  hours: 'Hours',
  year: 'Scenario year y = INT(m/12)',
  blocks: 'Blocks in the month',
  startHeight: 'Block height at the start',
  era: 'Halvings so far (era)',
  blocksBeforeHalving: 'Blocks before the next halving',
  subsidy: 'Average subsidy per block (BTC)',
  growthPct: 'Difficulty growth of the step into m (% per year)',
  fixedDifficulty: 'Difficulty by the growth rule alone',
  hashpricePerBtc: 'Hashprice per USD of BTC price at that difficulty (USD/TH/day per USD)',
  energyPrice: 'Energy price (USD/MWh)',
  curtailedHours: 'Curtailed hours',
  runFraction: 'Run fraction: uptime × (hours − curtailed) / hours',
  minimumEnergy: 'Take-or-pay minimum energy (MWh)',
  resaleBase: 'Fleet resale value before hashprice scaling (USD): the vintages mining in m',
  networkK: 'K(m) = 86,400 × 10¹² × (subsidy + fees) / 2³²',
  growthFactor: 'Growth factor of the step into m: (1 + growth)^(1/12)',
  floor: 'Hashprice floor: frontier J/TH × (1 − gain)^(m/12) × 24 / 10⁶ × network power price',
  stopSaleBase:
    'Stop-sale value before scaling (USD): the vintages that mined in m − 1, at the end of m',
  retiredBase: 'Retired by a refresh in m, before scaling (USD)',
  purchaseBase: 'Refresh purchases before scaling (USD): − new TH/s × frontier $/TH',
});
type TimelineColumn = (typeof TIMELINE_COLUMNS.keys)[number];

function writeTimeline(
  sheet: ExcelJS.Worksheet,
  evaluation: Evaluation,
  rows: readonly InputRow[],
): TimelineLayout {
  const { scenario } = evaluation;
  const models = scenario.fleet.length;
  const overrides = indexRangeLength(rows, 'Difficulty_growth_overrides');
  const indexLength = indexRangeLength(rows, 'Power_index');
  title(
    sheet,
    'Timeline: network, energy price, fleet vintages and each model’s terms, month by month (no price case changes them)',
    'docs/model.md §1, §2, §4, §5. Model columns are fleet slots in file order (see Derived); with fleet refresh a slot’s machines are replaced at end of life by the frontier machine drawing the same power.',
  );
  const t = TIMELINE_COLUMNS.letter;
  const revenue = group(TIMELINE_COLUMNS.next, models);
  const kept = group(revenue.first + models, models);
  const energy = group(kept.first + models, models);
  const income = group(energy.first + models, models);
  const fixedAvoidable = group(income.first + models, models);
  const paidAvoidable = group(fixedAvoidable.first + models, models);
  const vintage = group(paidAvoidable.first + models, models);
  const vintageTh = group(vintage.first + models, models);
  const vintageJ = group(vintageTh.first + models, models);
  const rank = group(vintageJ.first + models, models);
  const valueNow = group(rank.first + models, models);
  const valueRetired = group(valueNow.first + models, models);
  const perModel = (label: string) => scenario.fleet.map((m) => `${label}: ${m.model}`);
  headerRow(sheet, MODEL_FIRST_ROW - 1, [
    ...TIMELINE_COLUMNS.headers,
    ...perModel('Revenue per unit of hashprice (TH·day)'),
    ...perModel('The same after pool fee'),
    ...perModel('Energy if running (MWh)'),
    ...perModel(
      'Income if running besides revenue: curtailment credit + capacity payment on its MW (USD)',
    ),
    ...perModel('Avoidable cost, take-or-pay block (USD)'),
    ...perModel('Avoidable cost, paid block (USD)'),
    ...perModel('Vintage mining (0 = installed, k = k-th refresh)'),
    ...perModel('TH/s of the vintage mining'),
    ...perModel('J/TH of the vintage mining'),
    ...perModel('Shutdown order this month (1 = most efficient, runs first)'),
    ...perModel('Value of the vintage mining, end of m (USD, before scaling)'),
    ...perModel('Value of the vintage it replaces in m (USD, before scaling; 0 without refresh)'),
  ]);
  const pricing = scenario.power.pricing;
  const writer = new SharedFormulaWriter(sheet);
  const fleetCol = (i: number) => columnLetter(FLEET_FIRST_COL + i);
  const fleetRow = (name: string) =>
    FLEET_TABLE_FIRST_ROW + FLEET_TABLE.findIndex((e) => e.name === name);
  const fleet = (name: string, i: number) => `Derived!$${fleetCol(i)}$${fleetRow(name)}`;
  evaluation.months.forEach((month, m) => {
    const r = MODEL_FIRST_ROW + m;
    const p = r - 1;
    const growth =
      overrides > 0
        ? `IF(INT((${t.monthIndex}${r}-1)/12)<${overrides},INDEX(Difficulty_growth_overrides,INT((${t.monthIndex}${r}-1)/12)+1),Difficulty_growth_pct)`
        : 'Difficulty_growth_pct';
    const energyPrice =
      pricing.kind === 'fixed'
        ? `Power_price*(1+Power_escalator_pct/100)^INT(${t.monthIndex}${r}/12)`
        : `INDEX(Power_index,MIN(${t.monthIndex}${r}+1,${indexLength}))+Power_adder`;
    const sum = (g: Group) => `SUM(${across(g, r)})`;
    // Slots whose vintage changed in m (a refresh); every slot starts on vintage 0.
    const changed = `${across(vintage, r)}<>${m === 0 ? '0' : across(vintage, p)}`;
    const byColumn: Record<TimelineColumn, ExcelJS.CellValue> = {
      monthIndex: m,
      month: month.label,
      days: month.days,
      hours: f(`${t.days}${r}*24`),
      year: f(`INT(${t.monthIndex}${r}/12)`),
      blocks: f(`${t.days}${r}*86400/Block_time_s`),
      startHeight: f(m === 0 ? 'Start_height_used' : `${t.startHeight}${p}+${t.blocks}${p}`),
      era: f(`INT(${t.startHeight}${r}/210000)`),
      blocksBeforeHalving: f(`MIN(${t.blocks}${r},(${t.era}${r}+1)*210000-${t.startHeight}${r})`),
      subsidy: f(
        `(${t.blocksBeforeHalving}${r}*INT(5000000000/2^${t.era}${r})+(${t.blocks}${r}-${t.blocksBeforeHalving}${r})*INT(5000000000/2^(${t.era}${r}+1)))/100000000/${t.blocks}${r}`,
      ),
      growthPct: m === 0 ? null : f(growth),
      fixedDifficulty: f(
        m === 0 ? 'Difficulty_0' : `${t.fixedDifficulty}${p}*${t.growthFactor}${r}`,
      ),
      hashpricePerBtc: f(`${t.networkK}${r}/${t.fixedDifficulty}${r}`),
      energyPrice: f(energyPrice),
      curtailedHours: f(`MIN(${t.hours}${r},Curtail_hours_per_year/365*${t.days}${r})`),
      runFraction: f(`Uptime_pct/100*(${t.hours}${r}-${t.curtailedHours}${r})/${t.hours}${r}`),
      minimumEnergy: f(`Fleet_MW*Take_or_pay_pct/100*${t.hours}${r}`),
      resaleBase: f(sum(valueNow)),
      networkK: f(`86400E12*(${t.subsidy}${r}+Fees_BTC_per_block)/4294967296`),
      growthFactor: f(m === 0 ? '1' : `(1+${t.growthPct}${r}/100)^(1/12)`),
      floor: f(
        `Frontier_J_per_TH*(1-Frontier_gain_pct/100)^(${t.monthIndex}${r}/12)*24/1000000*Network_power_price`,
      ),
      stopSaleBase: f(`SUMPRODUCT(1-(${changed}),${across(valueNow, r)})+${sum(valueRetired)}`),
      retiredBase: f(sum(valueRetired)),
      purchaseBase: f(`-SUMPRODUCT((${changed})*${across(vintageTh, r)})*Refresh_price_per_TH`),
    };
    const cells: ExcelJS.CellValue[] = TIMELINE_COLUMNS.keys.map((key) => byColumn[key]);
    const kw = (i: number) => fleet('Fleet_kW', i);
    for (let i = 0; i < models; i += 1)
      cells.push(f(`${t.days}${r}*${t.runFraction}${r}*${vintageTh.letters[i]}${r}`));
    for (let i = 0; i < models; i += 1)
      cells.push(f(`${revenue.letters[i]}${r}*(1-Pool_fee_pct/100)`));
    for (let i = 0; i < models; i += 1)
      cells.push(f(`${kw(i)}*${t.hours}${r}*${t.runFraction}${r}/1000`));
    for (let i = 0; i < models; i += 1)
      cells.push(
        f(
          `${kw(i)}/1000*Uptime_pct/100*Curtail_credit_per_MWh*${t.curtailedHours}${r}+Capacity_payment/1000/365*${kw(i)}*${t.days}${r}`,
        ),
      );
    for (let i = 0; i < models; i += 1)
      cells.push(f(`${energy.letters[i]}${r}*Opex_per_MWh+${kw(i)}*Demand_charge`));
    for (let i = 0; i < models; i += 1)
      cells.push(
        f(`${fixedAvoidable.letters[i]}${r}+${energy.letters[i]}${r}*${t.energyPrice}${r}`),
      );
    // Fleet refresh (§5): the vintage of each slot, its TH/s, J/TH, order and value.
    const first = (i: number) => fleet('Fleet_first_refresh', i);
    const from = (i: number, row: number) =>
      `(${first(i)}+(${vintage.letters[i]}${row}-1)*Refresh_life_months)`;
    const frontierJ = (i: number, row: number) =>
      `Frontier_J_per_TH*(1-Frontier_gain_pct/100)^(${from(i, row)}/12)`;
    const installedValue = (i: number) =>
      `${fleet('Fleet_TH', i)}*${fleet('Fleet_resale', i)}*(1-${fleet('Fleet_decline', i)}/100)^(${t.monthIndex}${r}/12)`;
    const refreshedValue = (i: number, row: number) =>
      `${vintageTh.letters[i]}${row}*Refresh_price_per_TH*(1-Refresh_resale_decline_pct/100)^((${t.monthIndex}${r}-${from(i, row)})/12)`;
    for (let i = 0; i < models; i += 1)
      cells.push(
        f(
          `IF(${t.monthIndex}${r}<${first(i)},0,1+INT((${t.monthIndex}${r}-${first(i)})/Refresh_life_months))`,
        ),
      );
    for (let i = 0; i < models; i += 1)
      cells.push(
        f(
          `IF(${vintage.letters[i]}${r}=0,${fleet('Fleet_TH', i)},${fleet('Fleet_wall_W', i)}/${vintageJ.letters[i]}${r})`,
        ),
      );
    for (let i = 0; i < models; i += 1)
      cells.push(
        f(`IF(${vintage.letters[i]}${r}=0,${fleet('Fleet_J_per_TH', i)},${frontierJ(i, r)})`),
      );
    for (let i = 0; i < models; i += 1) {
      const j = `${vintageJ.letters[i]}${r}`;
      // Ties (two slots refreshed in the same month) keep the installed order, as the engine.
      cells.push(
        f(
          `1+SUMPRODUCT((${across(vintageJ, r)}<${j})*1)+SUMPRODUCT((${across(vintageJ, r)}=${j})*(Fleet_order<${fleet('Fleet_order', i)}))`,
        ),
      );
    }
    for (let i = 0; i < models; i += 1)
      cells.push(f(`IF(${vintage.letters[i]}${r}=0,${installedValue(i)},${refreshedValue(i, r)})`));
    for (let i = 0; i < models; i += 1) {
      // A refresh in m retires the vintage that mined in m − 1, valued at the end of m.
      const before = m === 0 ? '0' : `${vintage.letters[i]}${p}`;
      const beforeValue =
        m === 0
          ? installedValue(i)
          : `IF(${before}=0,${installedValue(i)},${refreshedValue(i, p)})`;
      cells.push(f(`IF(${vintage.letters[i]}${r}<>${before},${beforeValue},0)`));
    }
    writer.writeRow(r, cells, m >= 2);
  });
  sheet.getColumn(2).width = 9;
  return {
    days: t.days,
    hours: t.hours,
    energyPrice: t.energyPrice,
    hashpricePerBtc: t.hashpricePerBtc,
    curtailedHours: t.curtailedHours,
    minimumEnergy: t.minimumEnergy,
    resaleBase: t.resaleBase,
    networkK: t.networkK,
    growthFactor: t.growthFactor,
    fixedDifficulty: t.fixedDifficulty,
    floor: t.floor,
    stopSaleBase: t.stopSaleBase,
    retiredBase: t.retiredBase,
    purchaseBase: t.purchaseBase,
    revenuePerHashprice: revenue,
    keptPerHashprice: kept,
    energy,
    runningIncome: income,
    fixedAvoidable,
    paidAvoidable,
    vintageTh,
    rank,
  };
}

// ---------------------------------------------------------------------------------------------
// Lease unit: 1 MW of critical IT, month j after delivery
// ---------------------------------------------------------------------------------------------

/** Named columns of the Lease unit sheet (ranges over j = 0 … H−1). */
export const LEASE_UNIT_NAMES = {
  j: 'Lease_j',
  cashRent: 'Lease_cash_rent',
  creditLoss: 'Lease_credit_loss',
  landlordOpex: 'Lease_landlord_opex',
  noi: 'Lease_NOI',
  tail: 'Lease_tail',
} as const;

/**
 * Months of lease lines the workbook writes (docs/model.md §6): the horizon, and beyond it the 12
 * months of forward NOI (exit cap) or the data hall's life (renewal DCF) — `leaseLineMonths`.
 */
export function leaseUnitMonths(scenario: Scenario): number {
  const terminal = scenario.lease.terminalValue;
  const horizon = scenario.horizonMonths;
  if (terminal.kind === 'exit-cap') return horizon + 12;
  if (terminal.kind === 'renewal-dcf') {
    return Math.max(horizon, Math.round(terminal.valuationLifeYears * 12));
  }
  return horizon;
}

/** The columns of the Lease unit sheet; the named ranges ({@link LEASE_UNIT_NAMES}) share their keys. */
export const LEASE_UNIT_COLUMNS = columnMap({
  j: 'Month after delivery j',
  scheduledRent: 'Scheduled rent (1 MW, before renewal): 1000 × rate × (1 + escalator)^INT(j/12)',
  inForce: 'Probability the lease is in force: renewal^INT(j / term months)',
  survival: 'Tenant survival (1 − default)^((j+1)/12)',
  rentDue: 'Rent due (0 in free-rent months)',
  prepaidLeft: 'Prepaid rent left at the start of the month',
  prepaidCredited: 'Prepaid rent credited',
  cashRent: 'Cash rent',
  lossShare: 'Expected loss share: (1 − survival) × loss given default',
  creditLoss: 'Expected credit loss',
  landlordOpex: 'Landlord opex',
  noi: 'NOI (exit-cap base)',
  tail: 'Value at the end of month j − 1 of the cash from j on, at the lease rate: v × (cash rent + credit loss + opex + next)',
});
type LeaseUnitColumn = (typeof LEASE_UNIT_COLUMNS.keys)[number];

function writeLeaseUnit(
  workbook: ExcelJS.Workbook,
  sheet: ExcelJS.Worksheet,
  horizon: number,
): void {
  title(
    sheet,
    'Lease unit: the lease lines of 1 MW of critical IT, month j after its delivery (USD)',
    'docs/model.md §6. Each tranche’s lines are these × its IT MW, from its delivery month; the rows go past the horizon as far as the value after it needs (12 months for exit cap, the hall’s life for the renewal DCF). No income after the hall’s life.',
  );
  const c = LEASE_UNIT_COLUMNS.letter;
  headerRow(sheet, MODEL_FIRST_ROW - 1, LEASE_UNIT_COLUMNS.headers);
  const writer = new SharedFormulaWriter(sheet);
  for (let j = 0; j < horizon; j += 1) {
    const r = MODEL_FIRST_ROW + j;
    const byColumn: Record<LeaseUnitColumn, ExcelJS.CellValue> = {
      j: j,
      scheduledRent: f(`1000*Lease_rate*(1+Lease_escalator_pct/100)^INT(${c.j}${r}/12)`),
      inForce: f(`(Renewal_pct/100)^INT(${c.j}${r}/Term_months)`),
      survival: f(`(1-Default_pct/100)^((${c.j}${r}+1)/12)`),
      rentDue: f(
        `IF(OR(${c.j}${r}<Free_rent_months,${c.j}${r}>=Lease_life_months),0,${c.scheduledRent}${r}*${c.inForce}${r})`,
      ),
      prepaidLeft: f(
        j === 0 ? 'Prepay_per_IT_MW' : `${c.prepaidLeft}${r - 1}-${c.prepaidCredited}${r - 1}`,
      ),
      prepaidCredited: f(`MIN(${c.prepaidLeft}${r},${c.rentDue}${r})`),
      cashRent: f(`${c.rentDue}${r}-${c.prepaidCredited}${r}`),
      lossShare: f(`(1-${c.survival}${r})*Loss_given_default`),
      creditLoss: f(`-${c.cashRent}${r}*${c.lossShare}${r}`),
      landlordOpex: f(
        `IF(${c.j}${r}>=Lease_life_months,0,-(${c.rentDue}${r}*Landlord_opex_pct/100+MG_cost_per_IT_MW*${c.inForce}${r}))`,
      ),
      noi: f(`${c.rentDue}${r}*(1-${c.lossShare}${r})+${c.landlordOpex}${r}`),
      tail: f(
        j === horizon - 1
          ? `Lease_monthly_factor*(${c.cashRent}${r}+${c.creditLoss}${r}+${c.landlordOpex}${r})`
          : `Lease_monthly_factor*(${c.cashRent}${r}+${c.creditLoss}${r}+${c.landlordOpex}${r}+${c.tail}${r + 1})`,
      ),
    };
    writer.writeRow(
      r,
      LEASE_UNIT_COLUMNS.keys.map((key) => byColumn[key]),
      j >= 2 && j < horizon - 1,
    );
  }
  const last = MODEL_FIRST_ROW + horizon - 1;
  const name = (col: string, defined: string) =>
    workbook.definedNames.add(
      `${sheetRef('Lease unit')}$${col}$${MODEL_FIRST_ROW}:$${col}$${last}`,
      defined,
    );
  for (const key of Object.keys(LEASE_UNIT_NAMES) as (keyof typeof LEASE_UNIT_NAMES)[]) {
    name(c[key], LEASE_UNIT_NAMES[key]);
  }
  for (let col = LEASE_UNIT_COLUMNS.index.scheduledRent; col < LEASE_UNIT_COLUMNS.next; col += 1) {
    sheet.getColumn(col).width = 16;
  }
}

// ---------------------------------------------------------------------------------------------
// Mining <case>: BTC price, hashprice, the shutdown rule, the mining lines of the whole fleet
// ---------------------------------------------------------------------------------------------

/** The ledger lines of the month's mining net (the table's `netTerm` lines), in statement order. */
type MiningNetItem = Extract<(typeof LINE_ITEMS)[number], { readonly netTerm: object }>;
type MiningNetKey = MiningNetItem['key'];
const MINING_NET_ITEMS = LINE_ITEMS.filter((item): item is MiningNetItem => item.netTerm !== null);

/**
 * The columns of a Mining sheet before the per-model groups: the whole-fleet mining lines (share
 * 1) under their ledger keys, then the fleet's values and refresh flows (whole fleet, scaled).
 */
export const MINING_COLUMNS = columnMap({
  monthIndex: 'Month index m',
  month: 'Month',
  btcPrice: 'BTC price (USD)',
  hashprice: 'Hashprice (USD/TH/day)',
  resaleValue: 'Fleet resale value if sold at month end (USD)',
  ...(Object.fromEntries(MINING_NET_ITEMS.map((item) => [item.key, item.label])) as Record<
    MiningNetKey,
    string
  >),
  energyUsed: 'Energy used (MWh)',
  runningShare: 'Share of hashrate running',
  difficulty:
    'Difficulty: min(previous × growth factor, K × BTC price / floor) with the floor on, else the growth rule',
  stopSaleValue: 'Stop-sale value: what mined in m − 1, sold at the end of m (USD)',
  refreshPurchases: 'Fleet refresh purchases (USD): before scaling × hashprice / first hashprice',
  retiredResale: 'Retired machines sold by a refresh (USD)',
});
type MiningColumn = (typeof MINING_COLUMNS.keys)[number];

/** Mining sheet name of a price case (unique, ≤ 31 characters). */
export function miningSheetName(caseIndex: number, priceCase: PriceCase): string {
  const clean = priceCase.name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+/, '');
  // No cell-reference look-alike ("M1") in the name: some readers shift those in shared formulas.
  return `Mining ${caseIndex + 1} ${clean}`.slice(0, 31).trim();
}

function btcPriceFormula(priceCase: PriceCase, c: number, r: number): string {
  const name = `Case_${c + 1}`;
  switch (priceCase.kind) {
    case 'growth':
      return `${name}_start_price*(1+${name}_growth_pct/100)^(A${r}/12)`;
    case 'yearly': {
      const n = priceCase.pricesUsdByYear.length;
      const from = `INDEX(${name}_prices,MIN(INT(A${r}/12)+1,${n}))`;
      const to = `INDEX(${name}_prices,MIN(INT(A${r}/12)+2,${n}))`;
      return `${from}+(${to}-${from})*(A${r}-12*INT(A${r}/12))/12`;
    }
    case 'monthly':
      return `INDEX(${name}_prices,MIN(A${r}+1,${priceCase.pricesUsdByMonth.length}))`;
  }
}

function writeMiningCase(
  sheet: ExcelJS.Worksheet,
  evaluation: Evaluation,
  caseIndex: number,
  timeline: TimelineLayout,
): void {
  const { scenario } = evaluation;
  const priceCase = scenario.priceCases[caseIndex]!;
  const models = scenario.fleet.length;
  title(
    sheet,
    `Mining, price case "${priceCase.name}": the whole fleet on the whole site (USD; strategies scale it by their mining share)`,
    'docs/model.md §2, §3, §5. Difficulty follows the growth rule but never pushes hashprice below the marginal-cost floor (when on). The economic shutdown: each model is a take-or-pay block (energy paid anyway) and a paid block; a block runs when revenue after pool fee + curtailment credit + capacity payment covers its avoidable cost.',
  );
  const c = MINING_COLUMNS.letter;
  const earnings = group(MINING_COLUMNS.next, models);
  const freeRuns = group(earnings.first + models, models);
  const paidRuns = group(freeRuns.first + models, models);
  const freeEnergy = group(paidRuns.first + models, models);
  const freeShare = group(freeEnergy.first + models, models);
  const running = group(freeShare.first + models, models);
  const perModel = (label: string) => scenario.fleet.map((m) => `${label}: ${m.model}`);
  headerRow(sheet, MODEL_FIRST_ROW - 1, [
    ...MINING_COLUMNS.headers,
    ...perModel(
      'Earnings: hashprice × revenue after pool fee + curtailment credit + capacity payment (USD)',
    ),
    ...perModel('Take-or-pay block runs (1/0)'),
    ...perModel('Paid block runs (1/0)'),
    ...perModel('Take-or-pay energy left for it (MWh)'),
    ...perModel('Share covered by take-or-pay energy'),
    ...perModel('Share running'),
  ]);
  const T = sheetRef('Timeline');
  const first = MODEL_FIRST_ROW;
  const writer = new SharedFormulaWriter(sheet);
  evaluation.months.forEach((month, m) => {
    const r = MODEL_FIRST_ROW + m;
    const at = (g: Group, i: number) => `${g.letters[i]}${r}`;
    const tl = (g: Group, i: number) => `${T}${g.letters[i]}${r}`;
    const tl1 = (column: string) => `${T}${column}${r}`;
    // Used machines and the frontier machine's $/TH follow hashprice (when it is not 0 at m = 0).
    const hashprice = `${c.hashprice}${r}`;
    const firstHashprice = `$${c.hashprice}$${first}`;
    const energyUsed = `${c.energyUsed}${r}`;
    const tracks = `IF(AND(Resale_tracks_hashprice,${firstHashprice}>0),${hashprice}/${firstHashprice},1)`;
    const priceIndex = `IF(${firstHashprice}>0,${hashprice}/${firstHashprice},1)`;
    const grown =
      m === 0 ? 'Difficulty_0' : `${c.difficulty}${r - 1}*${tl1(timeline.growthFactor)}`;
    // One formula per mining-net line of the table: a new line is a compile error until it has one.
    const netLines: Readonly<Record<MiningNetKey, string>> = {
      miningRevenueUsd: `${hashprice}*SUMPRODUCT(${across(timeline.revenuePerHashprice, r, T)},${across(running, r)})`,
      poolFeeUsd: `-${c.miningRevenueUsd}${r}*Pool_fee_pct/100`,
      powerUsd: `-${energyUsed}*${T}${timeline.energyPrice}${r}`,
      takeOrPayUsd: `-IF(Has_take_or_pay,MAX(0,${T}${timeline.minimumEnergy}${r}-${energyUsed}),0)*${T}${timeline.energyPrice}${r}`,
      demandChargeUsd: `-SUMPRODUCT(Fleet_kW,${across(running, r)})*Demand_charge`,
      nonPowerOpexUsd: `-(${energyUsed}*Opex_per_MWh+Fleet_kW_total*Opex_per_kW_month)`,
      curtailmentIncomeUsd: `SUMPRODUCT(${across(timeline.runningIncome, r, T)},${across(running, r)})`,
    };
    const byColumn: Record<MiningColumn, ExcelJS.CellValue> = {
      monthIndex: m,
      month: month.label,
      btcPrice: f(btcPriceFormula(priceCase, caseIndex, r)),
      hashprice: f(`${c.btcPrice}${r}*${tl1(timeline.networkK)}/${c.difficulty}${r}`),
      resaleValue: f(`${tl1(timeline.resaleBase)}*${tracks}`),
      ...(Object.fromEntries(
        MINING_NET_ITEMS.map((item) => [item.key, f(netLines[item.key])]),
      ) as Record<MiningNetKey, ExcelJS.CellValue>),
      energyUsed: f(`SUMPRODUCT(${across(timeline.energy, r, T)},${across(running, r)})`),
      runningShare: f(
        `IF(SUM(${across(timeline.vintageTh, r, T)})>0,SUMPRODUCT(${across(timeline.vintageTh, r, T)},${across(running, r)})/SUM(${across(timeline.vintageTh, r, T)}),0)`,
      ),
      difficulty: f(
        `IF(Floor_on,IF(${tl1(timeline.floor)}>0,MIN(${grown},${tl1(timeline.networkK)}*${c.btcPrice}${r}/${tl1(timeline.floor)}),${grown}),${tl1(timeline.fixedDifficulty)})`,
      ),
      stopSaleValue: f(`${tl1(timeline.stopSaleBase)}*${tracks}`),
      refreshPurchases: f(`${tl1(timeline.purchaseBase)}*${priceIndex}`),
      retiredResale: f(`${tl1(timeline.retiredBase)}*${tracks}`),
    };
    const cells: ExcelJS.CellValue[] = MINING_COLUMNS.keys.map((key) => byColumn[key]);
    for (let i = 0; i < models; i += 1)
      cells.push(
        f(`${hashprice}*${tl(timeline.keptPerHashprice, i)}+${tl(timeline.runningIncome, i)}`),
      );
    for (let i = 0; i < models; i += 1)
      cells.push(
        f(
          `IF(OR(NOT(Economic_shutdown),${at(earnings, i)}>=${tl(timeline.fixedAvoidable, i)}),1,0)`,
        ),
      );
    for (let i = 0; i < models; i += 1)
      cells.push(
        f(
          `IF(OR(NOT(Economic_shutdown),${at(earnings, i)}>=${tl(timeline.paidAvoidable, i)}),1,0)`,
        ),
      );
    // Take-or-pay energy goes to the most efficient vintages first (this month's order).
    for (let i = 0; i < models; i += 1)
      cells.push(
        f(
          `MAX(0,${T}${timeline.minimumEnergy}${r}-SUMPRODUCT((${across(timeline.rank, r, T)}<${tl(timeline.rank, i)})*${across(freeRuns, r)}*${across(timeline.energy, r, T)}))`,
        ),
      );
    for (let i = 0; i < models; i += 1)
      cells.push(
        f(
          `IF(AND(Has_take_or_pay,${tl(timeline.energy, i)}>0),MIN(1,${at(freeEnergy, i)}/${tl(timeline.energy, i)}),0)`,
        ),
      );
    for (let i = 0; i < models; i += 1)
      cells.push(
        f(
          `IF(AND(${at(freeRuns, i)}=1,Has_take_or_pay),${at(freeShare, i)},0)+IF(${at(paidRuns, i)}=1,1-${at(freeShare, i)},0)`,
        ),
      );
    writer.writeRow(r, cells, m >= 2);
  });
  for (let col = MINING_COLUMNS.index.btcPrice; col < MINING_COLUMNS.next; col += 1) {
    sheet.getColumn(col).width = 15;
  }
}

/** Writes Derived, Timeline, Lease unit and one Mining sheet per price case. */
export function writeModelSheets(
  workbook: ExcelJS.Workbook,
  evaluation: Evaluation,
  rows: readonly InputRow[],
): void {
  const { scenario } = evaluation;
  writeDerived(workbook, workbook.addWorksheet('Derived'), scenario);
  const frozen = { views: [{ state: 'frozen' as const, xSplit: 2, ySplit: MODEL_FIRST_ROW - 1 }] };
  const timeline = writeTimeline(workbook.addWorksheet('Timeline', frozen), evaluation, rows);
  writeLeaseUnit(workbook, workbook.addWorksheet('Lease unit', frozen), leaseUnitMonths(scenario));
  scenario.priceCases.forEach((priceCase, c) => {
    writeMiningCase(
      workbook.addWorksheet(miningSheetName(c, priceCase), frozen),
      evaluation,
      c,
      timeline,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Ledger: the plan block and the line-item formula table
// ---------------------------------------------------------------------------------------------

/** What a ledger line's formula may refer to, for one row of one ledger sheet. */
export interface LedgerRowContext {
  readonly row: number;
  readonly monthIndex: number;
  readonly horizon: number;
  /** `'Mining 1 base'!` */
  readonly mining: string;
  /** `$AC5`: this row's mining share; `$AC4` the previous row's (or the initial share). */
  readonly share: string;
  readonly previousShare: string;
  readonly tranches: readonly TrancheCells[];
  /** The plan's converted utility MW (absolute address). */
  readonly convertMw: string;
  /** The horizon-value rule of the exported file (its kind decides which formula is written). */
  readonly terminalKind: 'exit-cap' | 'renewal-dcf' | 'none';
  /** Rows of the Lease unit sheet (months j = 0 … leaseRows − 1). */
  readonly leaseRows: number;
}

/** Absolute addresses of one tranche's cells in the plan block. */
export interface TrancheCells {
  readonly utilityMw: string;
  readonly itMw: string;
  readonly constructionStart: string;
  readonly delivery: string;
}

const sumOver = (tranches: readonly TrancheCells[], term: (t: TrancheCells) => string): string =>
  tranches.map(term).join('+');

const m = (ctx: LedgerRowContext) => `$A${ctx.row}`;

const leaseLine =
  (range: string) =>
  (ctx: LedgerRowContext): string =>
    sumOver(
      ctx.tranches,
      (t) => `IF(${m(ctx)}>=${t.delivery},${t.itMw}*INDEX(${range},${m(ctx)}-${t.delivery}+1),0)`,
    );

/** A whole-fleet line of the Mining sheet × this row's mining share. */
const scaledMiningLine =
  (key: MiningNetKey) =>
  (ctx: LedgerRowContext): string =>
    `${ctx.mining}${MINING_COLUMNS.letter[key]}${ctx.row}*${ctx.share}`;

/**
 * Every ledger line: its formula (before rounding to the cent), what it says in words and the
 * docs/model.md section. The one table to extend when the model gains a line.
 */
export const LINE_FORMULAS: Readonly<
  Record<
    LineKey,
    {
      readonly formula: (ctx: LedgerRowContext) => string;
      readonly words: string;
      readonly section: string;
    }
  >
> = {
  miningRevenueUsd: {
    formula: scaledMiningLine('miningRevenueUsd'),
    words:
      'Hashprice × Σ over models of days × run fraction × TH/s × share running, times the mining share',
    section: '§5',
  },
  poolFeeUsd: {
    formula: scaledMiningLine('poolFeeUsd'),
    words: '− pool fee × mining revenue',
    section: '§5',
  },
  powerUsd: {
    formula: scaledMiningLine('powerUsd'),
    words: '− energy used (MWh) × energy price, times the mining share',
    section: '§4, §5',
  },
  takeOrPayUsd: {
    formula: scaledMiningLine('takeOrPayUsd'),
    words:
      '− (minimum energy − energy used)⁺ × energy price; the minimum scales with the mining share',
    section: '§4',
  },
  demandChargeUsd: {
    formula: scaledMiningLine('demandChargeUsd'),
    words: '− demand charge × running kW with overhead',
    section: '§4',
  },
  nonPowerOpexUsd: {
    formula: scaledMiningLine('nonPowerOpexUsd'),
    words: '− (energy used × opex per MWh + fleet kW × opex per kW-month)',
    section: '§5',
  },
  curtailmentIncomeUsd: {
    formula: scaledMiningLine('curtailmentIncomeUsd'),
    words:
      'Curtailment credit of the running fleet + capacity payment × running MW × days / 365 (a machine switched off earns none)',
    section: '§4',
  },
  fleetResaleUsd: {
    formula: (ctx) => {
      const at = (column: string) => `${ctx.mining}${column}${ctx.row}`;
      const retired = `${ctx.share}*${at(MINING_COLUMNS.letter.retiredResale)}`;
      const sold = `(${ctx.previousShare}-${ctx.share})*${at(MINING_COLUMNS.letter.stopSaleValue)}`;
      const left = `${ctx.share}*${at(MINING_COLUMNS.letter.resaleValue)}`;
      return ctx.monthIndex === ctx.horizon - 1
        ? `${retired}+${sold}+${left}`
        : `${retired}+${sold}`;
    },
    words:
      'Machines retired by a refresh × mining share + machines taken out of mining: (previous share − share) × stop-sale value; what still mines is sold in the last month at its resale value',
    section: '§5, §6',
  },
  fleetRefreshUsd: {
    formula: (ctx) =>
      `${ctx.mining}${MINING_COLUMNS.letter.refreshPurchases}${ctx.row}*${ctx.share}`,
    words:
      '− new TH/s × frontier $/TH × hashprice / first hashprice at each end-of-life refresh, times the mining share',
    section: '§5',
  },
  capexUsd: {
    formula: (ctx) => {
      const inMonth = sumOver(
        ctx.tranches,
        (t) =>
          `IF(AND(${m(ctx)}>=${t.constructionStart},${m(ctx)}<${t.constructionStart}+Construction_months),${t.itMw}*Capex_per_IT_MW_month,0)`,
      );
      if (ctx.terminalKind !== 'renewal-dcf' || ctx.monthIndex !== ctx.horizon - 1) return inMonth;
      // Renewal DCF: construction months after the horizon, each at w^(month − last month).
      const last = ctx.horizon - 1;
      const after = sumOver(ctx.tranches, (t) => {
        const a = `MAX(${t.constructionStart},${ctx.horizon})`;
        const n = `(${t.constructionStart}+Construction_months-${a})`;
        return `IF(${n}>0,${t.itMw}*Capex_per_IT_MW_month*IF(Construction_monthly_factor=1,${n},Construction_monthly_factor^(${a}-${last})*(1-Construction_monthly_factor^${n})/(1-Construction_monthly_factor)),0)`;
      });
      return `${inMonth}+${after}`;
    },
    words:
      '− capex per IT MW × (1 − tenant-funded share) × tranche IT MW, spread over its construction months; with the renewal DCF, months after the horizon are valued in the last month at the construction rate',
    section: '§6',
  },
  prepaymentUsd: {
    formula: (ctx) =>
      sumOver(
        ctx.tranches,
        (t) => `IF(${m(ctx)}=${t.constructionStart},${t.itMw}*Prepay_per_IT_MW,0)`,
      ),
    words: 'Prepaid months × year-1 monthly rent × tranche IT MW, when its construction starts',
    section: '§6',
  },
  rentUsd: {
    formula: leaseLine(LEASE_UNIT_NAMES.cashRent),
    words:
      'Σ tranches: IT MW × cash rent of month j = m − delivery on Lease unit (rent × (1 + escalator)^INT(j/12) × renewal^INT(j/term), after free rent and the prepayment credit)',
    section: '§6',
  },
  creditLossUsd: {
    formula: leaseLine(LEASE_UNIT_NAMES.creditLoss),
    words: '− cash rent × (1 − survival) × (1 − recovery) × (1 − backstop)',
    section: '§6',
  },
  landlordOpexUsd: {
    formula: leaseLine(LEASE_UNIT_NAMES.landlordOpex),
    words: '− landlord opex % × rent due − modified-gross cost × IT kW × renewal weight',
    section: '§6',
  },
  terminalValueUsd: {
    formula: (ctx) => {
      if (ctx.terminalKind === 'none' || ctx.monthIndex !== ctx.horizon - 1) return '0';
      const h = ctx.horizon;
      if (ctx.terminalKind === 'exit-cap') {
        // Forward NOI: the 12 months after the horizon, of tranches whose construction started.
        const noi = sumOver(
          ctx.tranches,
          (t) =>
            `IF(${t.constructionStart}<${h},${t.itMw}*SUMIFS(${LEASE_UNIT_NAMES.noi},${LEASE_UNIT_NAMES.j},">="&MAX(0,${h}-${t.delivery}),${LEASE_UNIT_NAMES.j},"<="&(${h + 11}-${t.delivery})),0)`,
        );
        return `IF(AND(Terminal_kind="exit-cap",${ctx.convertMw}>0),(${noi})/(Exit_cap_pct/100),0)`;
      }
      // Renewal DCF: the lease's cash after the horizon at the lease rate (Lease unit, last
      // column), and a prepayment that falls after the horizon.
      const rows = ctx.leaseRows;
      const value = sumOver(
        ctx.tranches,
        (t) =>
          `IF(${t.delivery}<${h},IF(${h}-${t.delivery}<${rows},${t.itMw}*INDEX(${LEASE_UNIT_NAMES.tail},${h}-${t.delivery}+1),0),${t.itMw}*Lease_monthly_factor^(${t.delivery}-${h})*INDEX(${LEASE_UNIT_NAMES.tail},1))+IF(${t.constructionStart}>=${h},${t.itMw}*Prepay_per_IT_MW*Lease_monthly_factor^(${t.constructionStart}-${h - 1}),0)`,
      );
      return `IF(Terminal_kind="renewal-dcf",${value},0)`;
    },
    words:
      'In the last month. Renewal DCF: Σ tranches IT MW × the value at the horizon of the lease’s cash after it (Lease unit, discounted at the lease rate up to the hall’s life), plus a prepayment falling after the horizon. Exit cap: NOI of the 12 months after the horizon ÷ exit cap rate',
    section: '§6',
  },
  siteResidualUsd: {
    formula: (ctx) => (ctx.monthIndex === ctx.horizon - 1 ? 'Site_residual' : '0'),
    words: 'In the last month, every strategy: site MW × site residual $/MW',
    section: '§6',
  },
};

/** The plan block written on each ledger sheet: labels and formulas, by row. */
export interface PlanBlock {
  readonly rows: readonly { readonly label: string; readonly value: ExcelJS.CellValue }[];
  readonly convertMw: string;
  readonly tranches: readonly TrancheCells[];
  /** The searched best month's cell, for the convert-at-best-month ledger. */
  readonly bestMonthCell: string | null;
}

/**
 * The plan of a ledger as formulas: utility MW converted, the month the conversion starts, the
 * IT MW, and each tranche's MW, construction start and delivery month (docs/model.md §6, §7).
 * `valueCol` is the block's value column letter; rows start at {@link MODEL_FIRST_ROW}.
 */
export function planBlock(
  scenario: Scenario,
  strategyId: string,
  conversionStartMonth: number,
  valueCol: string,
): PlanBlock {
  const cell = (k: number) => `$${valueCol}$${MODEL_FIRST_ROW + k}`;
  const convertMw = {
    'keep-mining': '0',
    'convert-now': 'Site_MW',
    partial: 'IF(Partial_MW="",Site_MW/2,Partial_MW)',
    'convert-at-month': 'Site_MW',
    'convert-at-best-month': 'Site_MW',
  }[strategyId]!;
  const bestMonth = strategyId === 'convert-at-best-month';
  const start = {
    'keep-mining': f('0'),
    'convert-now': f('0'),
    partial: f('0'),
    'convert-at-month': f('Convert_month'),
    'convert-at-best-month': conversionStartMonth,
  }[strategyId]!;
  const rows: { label: string; value: ExcelJS.CellValue }[] = [
    { label: 'Utility MW converted', value: f(convertMw) },
    {
      label: bestMonth
        ? 'Conversion starts (month): searched by the app at export, not searched again here — see Checks'
        : 'Conversion starts (month)',
      value: start,
    },
    {
      label: 'Critical IT MW converted',
      value: f(
        `IF(${cell(0)}<=0,0,IF(Conv_IT_MW="",${cell(0)}/Gross_to_IT,Conv_IT_MW*${cell(0)}/Site_MW))`,
      ),
    },
  ];
  const trancheCount = Math.max(1, scenario.conversion.tranches.length);
  const tranches: TrancheCells[] = [];
  for (let t = 0; t < trancheCount; t += 1) {
    const hasTranches = scenario.conversion.tranches.length > 0;
    const share = hasTranches ? `Tranche_${t + 1}_pct/100` : '1';
    const offset = hasTranches ? `Tranche_${t + 1}_delivery` : 'Construction_months';
    const base = rows.length;
    rows.push(
      { label: `Tranche ${t + 1}: utility MW`, value: f(`${cell(0)}*${share}`) },
      { label: `Tranche ${t + 1}: IT MW`, value: f(`${cell(2)}*${share}`) },
      {
        label: `Tranche ${t + 1}: construction starts (month)`,
        value: f(`${cell(1)}+${offset}-Construction_months`),
      },
      { label: `Tranche ${t + 1}: delivered (month)`, value: f(`${cell(1)}+${offset}`) },
    );
    tranches.push({
      utilityMw: cell(base),
      itMw: cell(base + 1),
      constructionStart: cell(base + 2),
      delivery: cell(base + 3),
    });
  }
  return { rows, convertMw: cell(0), tranches, bestMonthCell: bestMonth ? cell(1) : null };
}

/** Converted utility MW in a month: Σ tranches whose construction has started. */
export function convertedMwFormula(row: number, tranches: readonly TrancheCells[]): string {
  return sumOver(tranches, (t) => `IF($A${row}>=${t.constructionStart},${t.utilityMw},0)`);
}

/** The mining share from the converted MW in `convertedCell`. */
export function miningShareFormula(convertedCell: string): string {
  return `IF(Fleet_MW<=0,0,MAX(0,MIN(1,(Site_MW-${convertedCell})/Fleet_MW)))`;
}
