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
import type { Evaluation, LineKey } from '../engine/index';
import type { PriceCase, Scenario } from '../schema/scenario';
import type { InputRow } from './inputsTable';
import { INPUTS_FIRST_ROW } from './workbookLayout';

export { INPUTS_FIRST_ROW } from './workbookLayout';

/** First data row of every monthly sheet (the ledger's too). */
export const MODEL_FIRST_ROW = 5;

/** 1 → A, 27 → AA */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

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
  'mining.overheadMultiplier': live('Overhead'),
  'mining.uptimePct': live('Uptime_pct'),
  'mining.poolFeePct': live('Pool_fee_pct'),
  'mining.nonPowerOpexUsdPerMwh': live('Opex_per_MWh'),
  'mining.nonPowerOpexUsdPerKwMonth': live('Opex_per_kW_month'),
  'mining.economicShutdown': live('Economic_shutdown'),
  'mining.resaleTracksHashprice': live('Resale_tracks_hashprice'),
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
  unitPriceUsd: notLive('for reference only: the model has no purchase of machines'),
  resaleUsdPerTh: 'resale',
  resaleDeclinePctPerYear: 'resale_decline_pct',
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

/** Writes the defined names of the Inputs rows: one per field, one per array range. */
export function nameInputs(workbook: ExcelJS.Workbook, rows: readonly InputRow[]): void {
  const ranges = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const r = INPUTS_FIRST_ROW + index;
    const liveness = livenessOf(row.path);
    if (liveness.kind === 'live' || liveness.kind === 'shape') {
      workbook.definedNames.add(`Inputs!$B$${r}`, liveness.name);
    } else if (liveness.kind === 'range') {
      const list = ranges.get(liveness.name) ?? [];
      list.push(r);
      ranges.set(liveness.name, list);
    }
  });
  for (const [name, list] of ranges) {
    workbook.definedNames.add(`Inputs!$B$${list[0]}:$B$${list[list.length - 1]}`, name);
  }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

const f = (formula: string): ExcelJS.CellFormulaValue => ({ formula, date1904: false });

function title(sheet: ExcelJS.Worksheet, text: string, note: string): void {
  sheet.getCell('A1').value = text;
  sheet.getCell('A1').font = { bold: true, size: 13 };
  sheet.getCell('A2').value = note;
  sheet.getCell('A2').font = { italic: true };
}

function headerRow(sheet: ExcelJS.Worksheet, row: number, labels: readonly string[]): void {
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
  readonly revenuePerHashprice: Group;
  readonly keptPerHashprice: Group;
  readonly energy: Group;
  readonly credit: Group;
  readonly fixedAvoidable: Group;
  readonly paidAvoidable: Group;
}

function indexRangeLength(rows: readonly InputRow[], name: string): number {
  return rows.filter((row) => {
    const liveness = livenessOf(row.path);
    return liveness.kind === 'range' && liveness.name === name;
  }).length;
}

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
    'Timeline: network, energy price and each model’s terms, month by month (no price case changes them)',
    'docs/model.md §1, §2, §4, §5. Model columns are in file order (see Derived).',
  );
  const fixedLabels = [
    'Month index m',
    'Month',
    'Days',
    'Hours',
    'Scenario year y = INT(m/12)',
    'Blocks in the month',
    'Block height at the start',
    'Halvings so far (era)',
    'Blocks before the next halving',
    'Average subsidy per block (BTC)',
    'Difficulty growth of the step into m (% per year)',
    'Difficulty',
    'Hashprice per USD of BTC price (USD/TH/day per USD)',
    'Energy price (USD/MWh)',
    'Curtailed hours',
    'Run fraction: uptime × (hours − curtailed) / hours',
    'Take-or-pay minimum energy (MWh)',
    'Fleet resale value before hashprice scaling (USD)',
  ];
  const revenue = group(fixedLabels.length + 1, models);
  const kept = group(revenue.first + models, models);
  const energy = group(kept.first + models, models);
  const credit = group(energy.first + models, models);
  const fixedAvoidable = group(credit.first + models, models);
  const paidAvoidable = group(fixedAvoidable.first + models, models);
  const perModel = (label: string) => scenario.fleet.map((m) => `${label}: ${m.model}`);
  headerRow(sheet, MODEL_FIRST_ROW - 1, [
    ...fixedLabels,
    ...perModel('Revenue per unit of hashprice (TH·day)'),
    ...perModel('The same after pool fee'),
    ...perModel('Energy if running (MWh)'),
    ...perModel('Curtailment credit if running (USD)'),
    ...perModel('Avoidable cost, take-or-pay block (USD)'),
    ...perModel('Avoidable cost, paid block (USD)'),
  ]);
  const pricing = scenario.power.pricing;
  const writer = new SharedFormulaWriter(sheet);
  evaluation.months.forEach((month, m) => {
    const r = MODEL_FIRST_ROW + m;
    const p = r - 1;
    const growth =
      overrides > 0
        ? `IF(INT((A${r}-1)/12)<${overrides},INDEX(Difficulty_growth_overrides,INT((A${r}-1)/12)+1),Difficulty_growth_pct)`
        : 'Difficulty_growth_pct';
    const energyPrice =
      pricing.kind === 'fixed'
        ? `Power_price*(1+Power_escalator_pct/100)^INT(A${r}/12)`
        : `INDEX(Power_index,MIN(A${r}+1,${indexLength}))+Power_adder`;
    const cells: ExcelJS.CellValue[] = [
      m,
      month.label,
      month.days,
      f(`C${r}*24`),
      f(`INT(A${r}/12)`),
      f(`C${r}*86400/Block_time_s`),
      f(m === 0 ? 'Start_height_used' : `G${p}+F${p}`),
      f(`INT(G${r}/210000)`),
      f(`MIN(F${r},(H${r}+1)*210000-G${r})`),
      f(
        `(I${r}*INT(5000000000/2^H${r})+(F${r}-I${r})*INT(5000000000/2^(H${r}+1)))/100000000/F${r}`,
      ),
      m === 0 ? null : f(growth),
      f(m === 0 ? 'Difficulty_0' : `L${p}*(1+K${r}/100)^(1/12)`),
      f(`86400E12*(J${r}+Fees_BTC_per_block)/(L${r}*4294967296)`),
      f(energyPrice),
      f(`MIN(D${r},Curtail_hours_per_year/365*C${r})`),
      f(`Uptime_pct/100*(D${r}-O${r})/D${r}`),
      f(`Fleet_MW*Take_or_pay_pct/100*D${r}`),
      f(`SUMPRODUCT(Fleet_TH,Fleet_resale,(1-Fleet_decline/100)^(A${r}/12))`),
    ];
    const fleetCol = (i: number) => columnLetter(FLEET_FIRST_COL + i);
    const fleetRow = (name: string) =>
      FLEET_TABLE_FIRST_ROW + FLEET_TABLE.findIndex((e) => e.name === name);
    const th = (i: number) => `Derived!$${fleetCol(i)}$${fleetRow('Fleet_TH')}`;
    const kw = (i: number) => `Derived!$${fleetCol(i)}$${fleetRow('Fleet_kW')}`;
    for (let i = 0; i < models; i += 1) cells.push(f(`C${r}*P${r}*${th(i)}`));
    for (let i = 0; i < models; i += 1)
      cells.push(f(`${revenue.letters[i]}${r}*(1-Pool_fee_pct/100)`));
    for (let i = 0; i < models; i += 1) cells.push(f(`${kw(i)}*D${r}*P${r}/1000`));
    for (let i = 0; i < models; i += 1)
      cells.push(f(`${kw(i)}/1000*Uptime_pct/100*Curtail_credit_per_MWh*O${r}`));
    for (let i = 0; i < models; i += 1)
      cells.push(f(`${energy.letters[i]}${r}*Opex_per_MWh+${kw(i)}*Demand_charge`));
    for (let i = 0; i < models; i += 1)
      cells.push(f(`${fixedAvoidable.letters[i]}${r}+${energy.letters[i]}${r}*N${r}`));
    writer.writeRow(r, cells, m >= 2);
  });
  sheet.getColumn(2).width = 9;
  return {
    days: 'C',
    hours: 'D',
    energyPrice: 'N',
    hashpricePerBtc: 'M',
    curtailedHours: 'O',
    minimumEnergy: 'Q',
    resaleBase: 'R',
    revenuePerHashprice: revenue,
    keptPerHashprice: kept,
    energy,
    credit,
    fixedAvoidable,
    paidAvoidable,
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
} as const;

function writeLeaseUnit(
  workbook: ExcelJS.Workbook,
  sheet: ExcelJS.Worksheet,
  horizon: number,
): void {
  title(
    sheet,
    'Lease unit: the lease lines of 1 MW of critical IT, month j after its delivery (USD)',
    'docs/model.md §6. Each tranche’s lines are these × its IT MW, from its delivery month.',
  );
  headerRow(sheet, MODEL_FIRST_ROW - 1, [
    'Month after delivery j',
    'Scheduled rent (1 MW, before renewal): 1000 × rate × (1 + escalator)^INT(j/12)',
    'Probability the lease is in force: renewal^INT(j / term months)',
    'Tenant survival (1 − default)^((j+1)/12)',
    'Rent due (0 in free-rent months)',
    'Prepaid rent left at the start of the month',
    'Prepaid rent credited',
    'Cash rent',
    'Expected loss share: (1 − survival) × loss given default',
    'Expected credit loss',
    'Landlord opex',
    'NOI (terminal value base)',
  ]);
  const writer = new SharedFormulaWriter(sheet);
  for (let j = 0; j < horizon; j += 1) {
    const r = MODEL_FIRST_ROW + j;
    writer.writeRow(
      r,
      [
        j,
        f(`1000*Lease_rate*(1+Lease_escalator_pct/100)^INT(A${r}/12)`),
        f(`(Renewal_pct/100)^INT(A${r}/Term_months)`),
        f(`(1-Default_pct/100)^((A${r}+1)/12)`),
        f(`IF(A${r}<Free_rent_months,0,B${r}*C${r})`),
        f(j === 0 ? 'Prepay_per_IT_MW' : `F${r - 1}-G${r - 1}`),
        f(`MIN(F${r},E${r})`),
        f(`E${r}-G${r}`),
        f(`(1-D${r})*Loss_given_default`),
        f(`-H${r}*I${r}`),
        f(`-(E${r}*Landlord_opex_pct/100+MG_cost_per_IT_MW*C${r})`),
        f(`E${r}*(1-I${r})+K${r}`),
      ],
      j >= 2,
    );
  }
  const last = MODEL_FIRST_ROW + horizon - 1;
  const name = (col: string, defined: string) =>
    workbook.definedNames.add(
      `${sheetRef('Lease unit')}$${col}$${MODEL_FIRST_ROW}:$${col}$${last}`,
      defined,
    );
  name('A', LEASE_UNIT_NAMES.j);
  name('H', LEASE_UNIT_NAMES.cashRent);
  name('J', LEASE_UNIT_NAMES.creditLoss);
  name('K', LEASE_UNIT_NAMES.landlordOpex);
  name('L', LEASE_UNIT_NAMES.noi);
  for (let c = 2; c <= 12; c += 1) sheet.getColumn(c).width = 16;
}

// ---------------------------------------------------------------------------------------------
// Mining <case>: BTC price, hashprice, the shutdown rule, the mining lines of the whole fleet
// ---------------------------------------------------------------------------------------------

/** Columns of a Mining sheet's whole-fleet lines (share 1), by ledger line. */
export const MINING_LINE_COLUMNS = {
  miningRevenueUsd: 'F',
  poolFeeUsd: 'G',
  powerUsd: 'H',
  takeOrPayUsd: 'I',
  demandChargeUsd: 'J',
  nonPowerOpexUsd: 'K',
  curtailmentIncomeUsd: 'L',
} as const satisfies Partial<Record<LineKey, string>>;
const MINING_RESALE_VALUE_COL = 'E';

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
    'docs/model.md §3, §5. The economic shutdown: each model is a take-or-pay block (energy paid anyway) and a paid block; a block runs when revenue after pool fee + curtailment credit covers its avoidable cost.',
  );
  const fixed = [
    'Month index m',
    'Month',
    'BTC price (USD)',
    'Hashprice (USD/TH/day)',
    'Fleet resale value if sold at month end (USD)',
    'Mining revenue',
    'Pool fee',
    'Power (energy used)',
    'Take-or-pay shortfall',
    'Demand charge',
    'Non-power opex',
    'Curtailment / demand-response income',
    'Energy used (MWh)',
    'Share of hashrate running',
  ];
  const earnings = group(fixed.length + 1, models);
  const freeRuns = group(earnings.first + models, models);
  const paidRuns = group(freeRuns.first + models, models);
  const freeEnergy = group(paidRuns.first + models, models);
  const freeShare = group(freeEnergy.first + models, models);
  const running = group(freeShare.first + models, models);
  const perModel = (label: string) => scenario.fleet.map((m) => `${label}: ${m.model}`);
  headerRow(sheet, MODEL_FIRST_ROW - 1, [
    ...fixed,
    ...perModel('Earnings: hashprice × revenue after pool fee + credit (USD)'),
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
    const cells: ExcelJS.CellValue[] = [
      m,
      month.label,
      f(btcPriceFormula(priceCase, caseIndex, r)),
      f(`C${r}*${T}${timeline.hashpricePerBtc}${r}`),
      f(`${T}${timeline.resaleBase}${r}*IF(Resale_tracks_hashprice,D${r}/$D$${first},1)`),
      f(`D${r}*SUMPRODUCT(${across(timeline.revenuePerHashprice, r, T)},${across(running, r)})`),
      f(`-F${r}*Pool_fee_pct/100`),
      f(`-M${r}*${T}${timeline.energyPrice}${r}`),
      f(
        `-IF(Has_take_or_pay,MAX(0,${T}${timeline.minimumEnergy}${r}-M${r}),0)*${T}${timeline.energyPrice}${r}`,
      ),
      f(`-SUMPRODUCT(Fleet_kW,${across(running, r)})*Demand_charge`),
      f(`-(M${r}*Opex_per_MWh+Fleet_kW_total*Opex_per_kW_month)`),
      f(
        `SUMPRODUCT(${across(timeline.credit, r, T)},${across(running, r)})+Capacity_payment*Fleet_MW/365*${T}${timeline.days}${r}`,
      ),
      f(`SUMPRODUCT(${across(timeline.energy, r, T)},${across(running, r)})`),
      f(`IF(SUM(Fleet_TH)>0,SUMPRODUCT(Fleet_TH,${across(running, r)})/SUM(Fleet_TH),0)`),
    ];
    for (let i = 0; i < models; i += 1)
      cells.push(f(`D${r}*${tl(timeline.keptPerHashprice, i)}+${tl(timeline.credit, i)}`));
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
    const order = (i: number) => `INDEX(Fleet_order,${i + 1})`;
    for (let i = 0; i < models; i += 1)
      cells.push(
        f(
          `MAX(0,${T}${timeline.minimumEnergy}${r}-SUMPRODUCT((Fleet_order<${order(i)})*${across(freeRuns, r)}*${across(timeline.energy, r, T)}))`,
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
    writer.writeRow(r, cells, m >= 1);
  });
  void MINING_RESALE_VALUE_COL;
  for (let c = 3; c <= fixed.length; c += 1) sheet.getColumn(c).width = 15;
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
  writeLeaseUnit(workbook, workbook.addWorksheet('Lease unit', frozen), scenario.horizonMonths);
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
  readonly hasExitCap: boolean;
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
    formula: (ctx) => `${ctx.mining}${MINING_LINE_COLUMNS.miningRevenueUsd}${ctx.row}*${ctx.share}`,
    words:
      'Hashprice × Σ over models of days × run fraction × TH/s × share running, times the mining share',
    section: '§5',
  },
  poolFeeUsd: {
    formula: (ctx) => `${ctx.mining}${MINING_LINE_COLUMNS.poolFeeUsd}${ctx.row}*${ctx.share}`,
    words: '− pool fee × mining revenue',
    section: '§5',
  },
  powerUsd: {
    formula: (ctx) => `${ctx.mining}${MINING_LINE_COLUMNS.powerUsd}${ctx.row}*${ctx.share}`,
    words: '− energy used (MWh) × energy price, times the mining share',
    section: '§4, §5',
  },
  takeOrPayUsd: {
    formula: (ctx) => `${ctx.mining}${MINING_LINE_COLUMNS.takeOrPayUsd}${ctx.row}*${ctx.share}`,
    words:
      '− (minimum energy − energy used)⁺ × energy price; the minimum scales with the mining share',
    section: '§4',
  },
  demandChargeUsd: {
    formula: (ctx) => `${ctx.mining}${MINING_LINE_COLUMNS.demandChargeUsd}${ctx.row}*${ctx.share}`,
    words: '− demand charge × running kW with overhead',
    section: '§4',
  },
  nonPowerOpexUsd: {
    formula: (ctx) => `${ctx.mining}${MINING_LINE_COLUMNS.nonPowerOpexUsd}${ctx.row}*${ctx.share}`,
    words: '− (energy used × opex per MWh + fleet kW × opex per kW-month)',
    section: '§5',
  },
  curtailmentIncomeUsd: {
    formula: (ctx) =>
      `${ctx.mining}${MINING_LINE_COLUMNS.curtailmentIncomeUsd}${ctx.row}*${ctx.share}`,
    words: 'Curtailment credit of the running fleet + capacity payment × fleet MW × days / 365',
    section: '§4',
  },
  fleetResaleUsd: {
    formula: (ctx) => {
      const value = `${ctx.mining}${MINING_RESALE_VALUE_COL}${ctx.row}`;
      const sold = `(${ctx.previousShare}-${ctx.share})*${value}`;
      return ctx.monthIndex === ctx.horizon - 1 ? `${sold}+${ctx.share}*${value}` : sold;
    },
    words:
      'Machines sold as the mining share falls: (previous share − share) × resale value; what still mines is sold in the last month',
    section: '§5, §6',
  },
  capexUsd: {
    formula: (ctx) =>
      sumOver(
        ctx.tranches,
        (t) =>
          `IF(AND(${m(ctx)}>=${t.constructionStart},${m(ctx)}<${t.constructionStart}+Construction_months),${t.itMw}*Capex_per_IT_MW_month,0)`,
      ),
    words:
      '− capex per IT MW × (1 − tenant-funded share) × tranche IT MW, spread over its construction months',
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
      if (!ctx.hasExitCap || ctx.monthIndex !== ctx.horizon - 1) return '0';
      const h = ctx.horizon;
      const noi = sumOver(
        ctx.tranches,
        (t) =>
          `IF(${h - 1}>=${t.delivery},${t.itMw}*SUMIFS(${LEASE_UNIT_NAMES.noi},${LEASE_UNIT_NAMES.j},">="&(${h - 12}-${t.delivery}),${LEASE_UNIT_NAMES.j},"<="&(${h - 1}-${t.delivery})),0)`,
      );
      return `IF(AND(Terminal_kind="exit-cap",${ctx.convertMw}>0),(${noi})/(Exit_cap_pct/100),0)`;
    },
    words:
      'In the last month: Σ NOI of the last 12 months ÷ exit cap rate (exit-cap terminal value)',
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
