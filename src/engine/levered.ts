import type { FinancialView, ProjectDebtTerms, Scenario } from '../schema/scenario';
import { floatArith } from './arith';
import {
  addDebtFlowToEquity,
  buildFleetDebt,
  buildProjectDebt,
  type DebtSchedule,
  type ProjectDebtInputs,
  type ProjectDebtResult,
} from './debt';
import { type ClassDiscountFactors, monthEndDiscountFactors } from './discount';
import { incrementalFigures, lazyField, lazySource } from './lazyFields';
import { buildLeaseUnitLines, type LeaseUnitLines } from './lease';
import { memoized } from './memoized';
import {
  type IrrOutcome,
  type Moic,
  moic,
  monthlyIrr,
  type Payback,
  payback,
  peakFunding,
} from './metrics';
import { recallByValue, sameSeries, seriesFingerprint } from './recent';
import { seriesOf, zeroedSeries, zeroSeries } from './series';
import {
  type CashFlowClass,
  isZeroLine,
  LINE_ITEMS,
  type LineKey,
  placeTranches,
  type StrategyLines,
  type StrategyPlan,
} from './strategies';
import { buildTaxSchedule, type PlacedAsset, type TaxSchedule } from './tax';

/**
 * The after-tax and levered views of one strategy (docs/model.md §12): the same monthly project
 * flows as the pre-tax view, plus the tax class (unlevered: no interest deducted) or the debt
 * flows and the tax the levered structure pays. Fair to both sides: every strategy is taxed by the
 * same rules, and any mining-class capex is financeable like the conversion's.
 */

/** The figures of one view, as the pre-tax view reports them. */
export interface ViewFigures {
  /** Monthly flows of the view: project after tax, or equity after tax and debt. */
  readonly netCashFlowUsd: number[];
  readonly npvUsd: number;
  readonly irr: IrrOutcome;
  readonly payback: Payback;
  readonly discountedPayback: Payback;
  readonly peakFundingUsd: number;
  readonly moic: Moic;
  /** This strategy minus keep mining, on the same view; null for keep mining itself. */
  readonly incremental: { readonly npvUsd: number; readonly irr: IrrOutcome } | null;
}

export interface UnleveredAfterTax extends ViewFigures {
  readonly tax: TaxSchedule | null;
}

export interface LeveredAfterTax extends ViewFigures {
  readonly costOfEquity: number;
  readonly tax: TaxSchedule | null;
  readonly projectDebt: ProjectDebtResult | null;
  /** Null without `fleetDebt` terms or without mining capex to finance. */
  readonly fleetDebt: DebtSchedule | null;
  /** Cash from (+) or to (−) all lenders by month. */
  readonly debtFlowUsd: readonly number[];
  /** Outstanding debt at each month end (both loans). */
  readonly debtBalanceUsd: readonly number[];
  readonly minDscr: number | null;
  readonly averageDscr: number | null;
}

export interface StrategyFinancing {
  readonly unleveredAfterTax: UnleveredAfterTax;
  /** Null when the scenario has no `financing` section. */
  readonly leveredAfterTax: LeveredAfterTax | null;
}

/** Line items that are capital spending (depreciated, financeable): `depreciable` in the table. */
export const CAPEX_ITEMS: readonly (typeof LINE_ITEMS)[number][] = LINE_ITEMS.filter(
  (item) => item.depreciable,
);

const LEASE_OPERATING_KEYS: readonly LineKey[] = ['rentUsd', 'creditLossUsd', 'landlordOpexUsd'];

/** What the views need of a scenario, built once per evaluation. */
export interface FinancingContext {
  readonly scenario: Scenario;
  /** Pre-tax class discount factors (the unlevered views). */
  readonly factors: ClassDiscountFactors;
  readonly taxFactors: Float64Array;
  readonly equityFactors: Float64Array | null;
  /** The lease unit lines long enough for the whole lease term and loan tenor. */
  readonly longLeaseUnit: LeaseUnitLines<number>;
  /**
   * {@link contractedCfads} kept by tranches and tenor (read, never written): every price case,
   * and every BTC-price and power probe of a view's breakeven, asks again for the same.
   */
  readonly contractedCfadsKept: Map<string, readonly number[]>;
}

export function hasFinancingOrTax(scenario: Scenario): boolean {
  return scenario.financing !== undefined || scenario.tax !== undefined;
}

export function financingContext(
  scenario: Scenario,
  factors: ClassDiscountFactors,
  /**
   * The scenario's lease unit lines when the caller has them: used as they are when long enough
   * (a longer build has the same months: each month follows from the one before).
   */
  leaseUnit?: LeaseUnitLines<number>,
): FinancingContext {
  const H = scenario.horizonMonths;
  const taxRate =
    (scenario.tax?.discountRatePctPerYear ?? scenario.finance.discountRatePctPerYear) / 100;
  const financing = scenario.financing;
  const tenorMonths = (financing?.projectDebt?.tenorYears ?? 0) * 12;
  const termMonths = Math.round(scenario.lease.termYears * 12);
  return {
    scenario,
    factors,
    taxFactors: monthEndDiscountFactors(taxRate, H),
    equityFactors: financing
      ? monthEndDiscountFactors(financing.costOfEquityPctPerYear / 100, H)
      : null,
    longLeaseUnit: longEnough(leaseUnit, Math.max(H, termMonths, tenorMonths) + 1, scenario),
    contractedCfadsKept: new Map(),
  };
}

function longEnough(
  leaseUnit: LeaseUnitLines<number> | undefined,
  months: number,
  scenario: Scenario,
): LeaseUnitLines<number> {
  return leaseUnit !== undefined && leaseUnit.rentUsd.length >= months
    ? leaseUnit
    : buildLeaseUnitLines(floatArith, scenario, months);
}

/** Σ items Σ months flow × DF of the item's class, summed class by class as `evaluate` does. */
function projectPresentValue(
  lines: StrategyLines<number>,
  factorsOf: (c: CashFlowClass) => ArrayLike<number>,
  horizon: number,
): number {
  const byClass: Record<CashFlowClass, number> = { mining: 0, construction: 0, lease: 0 };
  for (const item of LINE_ITEMS) {
    const series = lines[item.key];
    if (isZeroLine(series)) continue;
    const df = factorsOf(item.class);
    let classNpv = 0;
    for (let m = 0; m < horizon; m += 1) {
      const flow = series[m]!;
      if (flow === 0) continue;
      classNpv += flow * df[m]!;
    }
    byClass[item.class] += classNpv;
  }
  return byClass.mining + byClass.construction + byClass.lease;
}

/**
 * Assets a strategy places in service: mining-class capex as 5-year ASICs in the month spent;
 * construction-class capex as fit-out (15- and 39-year by the scenario's split) at the delivery
 * of the earliest tranche whose construction window holds the month (the month spent without
 * one); capitalised construction interest as fit-out at term-out.
 */
export function placedAssets(
  scenario: Scenario,
  plan: StrategyPlan,
  lines: StrategyLines<number>,
  capitalisedInterestUsd: ArrayLike<number> | null,
  termOutMonth: number | null,
): readonly PlacedAsset[] {
  const tax = scenario.tax;
  if (!tax) return placeAssets(scenario, plan, lines, capitalisedInterestUsd, termOutMonth);
  const inputs: PlacedAssetInputs = {
    conversion: scenario.conversion,
    site: scenario.site,
    horizonMonths: scenario.horizonMonths,
    convertUtilityMw: plan.convertUtilityMw,
    startMonth: plan.startMonth,
    capex: CAPEX_ITEMS.map((item) => lines[item.key]),
    capitalisedInterestUsd,
    termOutMonth,
  };
  return recallPlacedAssets(tax, inputs, () =>
    placeAssets(scenario, plan, lines, capitalisedInterestUsd, termOutMonth),
  );
}

/** What {@link placedAssets} reads besides the tax section (its key). */
interface PlacedAssetInputs {
  readonly conversion: Scenario['conversion'];
  readonly site: Scenario['site'];
  readonly horizonMonths: number;
  readonly convertUtilityMw: number;
  readonly startMonth: number;
  readonly capex: readonly (readonly number[])[];
  readonly capitalisedInterestUsd: ArrayLike<number> | null;
  readonly termOutMonth: number | null;
}

/**
 * The assets placed before from the same capex (every price case of a plan, every call of the
 * BTC-price, power and lease-rate breakevens): the same array, so the depreciation is found
 * again at once. The capex lines are compared by value and kept as copies: a view breakeven's
 * lines are written over on its next call.
 */
const recallPlacedAssets = recallByValue<
  NonNullable<Scenario['tax']>,
  PlacedAssetInputs,
  readonly PlacedAsset[]
>(
  8,
  (a, b) =>
    a.conversion === b.conversion &&
    a.site === b.site &&
    a.horizonMonths === b.horizonMonths &&
    a.convertUtilityMw === b.convertUtilityMw &&
    a.startMonth === b.startMonth &&
    a.termOutMonth === b.termOutMonth &&
    a.capex.every((line, i) => sameSeries(line, b.capex[i]!)) &&
    (a.capitalisedInterestUsd === null
      ? b.capitalisedInterestUsd === null
      : b.capitalisedInterestUsd !== null &&
        sameSeries(a.capitalisedInterestUsd, b.capitalisedInterestUsd)),
  (inputs) => ({ ...inputs, capex: inputs.capex.map((line) => line.slice()) }),
);

function placeAssets(
  scenario: Scenario,
  plan: StrategyPlan,
  lines: StrategyLines<number>,
  capitalisedInterestUsd: ArrayLike<number> | null,
  termOutMonth: number | null,
): PlacedAsset[] {
  const H = scenario.horizonMonths;
  const fifteenShare = (scenario.tax?.fitOut15YearSharePct ?? 0) / 100;
  const tranches = placeTranches(scenario, plan)
    .slice()
    .sort((a, b) => a.deliveryMonth - b.deliveryMonth);
  const assets: PlacedAsset[] = [];
  const fitOut = (month: number, basisUsd: number) => {
    if (basisUsd <= 0) return;
    assets.push({ month, basisUsd: basisUsd * fifteenShare, assetClass: 'fit-out-15-year' });
    assets.push({ month, basisUsd: basisUsd * (1 - fifteenShare), assetClass: 'fit-out-39-year' });
  };
  for (const item of CAPEX_ITEMS) {
    const series = lines[item.key];
    for (let m = 0; m < H; m += 1) {
      const spent = -series[m]!;
      if (!(spent > 0)) continue;
      if (item.class === 'mining') {
        assets.push({ month: m, basisUsd: spent, assetClass: 'asic-5-year' });
      } else {
        const tranche = tranches.find((t) => m >= t.constructionStartMonth && m < t.deliveryMonth);
        fitOut(tranche ? tranche.deliveryMonth : m, spent);
      }
    }
  }
  if (capitalisedInterestUsd && termOutMonth !== null) {
    let capitalised = 0;
    for (let m = 0; m < H; m += 1) capitalised += capitalisedInterestUsd[m]!;
    fitOut(termOutMonth, capitalised);
  }
  return assets;
}

/**
 * A view's figures. Its IRRs (root searches) are solved when first read, as the pre-tax view's
 * are (evaluate.ts): the breakevens on a view read its NPV alone, some 160 times an evaluation.
 */
function figures(
  flows: number[],
  npvUsd: number,
  discounted: readonly number[],
  keepMining: ViewFigures | null,
): ViewFigures {
  const irr = memoized(() => monthlyIrr(flows));
  const incrementalIrr = memoized(() =>
    monthlyIrr(flows.map((flow, m) => flow - keepMining!.netCashFlowUsd[m]!)),
  );
  return viewFiguresWith(
    flows,
    npvUsd,
    irr,
    payback(flows),
    payback(discounted),
    peakFunding(flows),
    moic(flows),
    keepMining ? incrementalFigures(npvUsd - keepMining.npvUsd, incrementalIrr) : null,
  );
}

/**
 * A view's figures as an object, its IRR a getter read when first asked for (a shared getter,
 * `lazyFields`), fields in the order they are serialised.
 */
function viewFiguresWith(
  netCashFlowUsd: number[],
  npvUsd: number,
  irr: () => IrrOutcome,
  paybackOfFlows: Payback,
  discountedPayback: Payback,
  peakFundingUsd: number,
  moicOfFlows: Moic,
  incremental: ViewFigures['incremental'],
): ViewFigures {
  const figures: Record<string, unknown> = { netCashFlowUsd, npvUsd };
  lazySource(figures, { irr });
  lazyField(figures, 'irr');
  figures.payback = paybackOfFlows;
  figures.discountedPayback = discountedPayback;
  figures.peakFundingUsd = peakFundingUsd;
  figures.moic = moicOfFlows;
  figures.incremental = incremental;
  return figures as unknown as ViewFigures;
}

/**
 * The levered figures of a strategy without debt (and keep mining without debt either): its
 * equity flows are its after-tax flows, so it shares their IRRs, payback, peak funding and MOIC
 * (the IRRs still solved once, when first read); only the discounting differs.
 */
function sharingIrrs(
  unlevered: ViewFigures,
  equityFlows: number[],
  npvUsd: number,
  discountedPayback: Payback,
  keepLevered: ViewFigures | null,
): ViewFigures {
  const incremental = unlevered.incremental;
  return viewFiguresWith(
    equityFlows,
    npvUsd,
    () => unlevered.irr,
    unlevered.payback,
    discountedPayback,
    unlevered.peakFundingUsd,
    unlevered.moic,
    keepLevered && incremental
      ? incrementalFigures(npvUsd - keepLevered.npvUsd, () => incremental.irr)
      : null,
  );
}

/**
 * `base` with `fields` replaced or added, keeping `base`'s getters as getters (a spread would
 * read them, solving every IRR it copies).
 */
export function overlay<T extends object, F extends object>(
  base: T,
  fields: F,
): Omit<T, keyof F> & F {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(base));
  return Object.defineProperties(copy, Object.getOwnPropertyDescriptors(fields)) as Omit<
    T,
    keyof F
  > &
    F;
}

/**
 * The unlevered after-tax and levered after-tax views of one strategy from its monthly lines
 * (USD) and pre-tax net flows and NPV. `keepMining` is keep mining's financing (null for keep
 * mining itself), for the incremental figures.
 *
 *   Unlevered after tax:  U(m) = net(m) + Tax_u(m);   NPV_u = NPV_pre-tax + Σ Tax_u(m) DF_tax(m)
 *   Levered after tax:    E(m) = net(m) + D(m) + Tax_l(m); NPV_e = Σ E(m) (1 + k_e)^(−(m+1)/12)
 *
 * with D the flow from the lenders (draws − interest paid − principal − fees), Tax_u the tax with
 * no interest deducted and Tax_l the tax with the debt's interest and fees deducted. So
 * `E(m) + (−D(m)) = net(m) + Tax_l(m)`: equity plus lenders is the project, every month.
 */
export function buildStrategyFinancing(
  context: FinancingContext,
  plan: StrategyPlan,
  lines: StrategyLines<number>,
  netCashFlowUsd: readonly number[],
  preTaxNpvUsd: number,
  preTaxDiscountedUsd: ArrayLike<number>,
  keepMining: StrategyFinancing | null,
): StrategyFinancing {
  const { scenario } = context;
  const H = scenario.horizonMonths;
  const flows = projectFlows(lines, netCashFlowUsd, H);
  const unleveredTax = unleveredTaxSchedule(context, plan, lines, flows);
  const unlevered = afterTaxFigures(
    netCashFlowUsd,
    preTaxNpvUsd,
    preTaxDiscountedUsd,
    unleveredTax?.taxUsd ?? null,
    context.taxFactors,
    keepMining?.unleveredAfterTax ?? null,
  );

  const financing = scenario.financing;
  // The views are fresh objects: their own fields are added in place (`Object.assign` keeps the
  // IRR getters; copying property descriptors cost a twentieth of a levered evaluation).
  const unleveredAfterTax: UnleveredAfterTax = Object.assign(unlevered, { tax: unleveredTax });
  if (!financing || !context.equityFactors) return { unleveredAfterTax, leveredAfterTax: null };
  const structure = leveredStructure(context, plan, lines, flows, () => unleveredTax);
  const { projectDebt, fleetDebt, debtFlow, debtBalance, leveredTax } = structure;
  const equityFactors = context.equityFactors;
  const equityFlows = netCashFlowUsd.map(
    (flow, m) => flow + debtFlow[m]! + (leveredTax ? leveredTax.taxUsd[m]! : 0),
  );
  const discounted = zeroSeries(H);
  for (let m = 0; m < H; m += 1) discounted[m] = equityFlows[m]! * equityFactors[m]!;
  const npvUsd = leveredNpvUsd(lines, netCashFlowUsd, structure, equityFactors, H);
  const keepLevered = keepMining?.leveredAfterTax ?? null;
  // Without debt the equity flows are the after-tax flows: only the discounting differs.
  const levered =
    !structure.hasDebt && (keepMining === null || keepLevered?.debtFlowUsd.every((d) => d === 0))
      ? sharingIrrs(unlevered, equityFlows, npvUsd, payback(discounted), keepLevered)
      : figures(equityFlows, npvUsd, discounted, keepLevered);
  return {
    unleveredAfterTax,
    leveredAfterTax: Object.assign(levered, {
      costOfEquity: financing.costOfEquityPctPerYear / 100,
      tax: leveredTax,
      projectDebt,
      fleetDebt,
      debtFlowUsd: debtFlow,
      debtBalanceUsd: debtBalance,
      minDscr: projectDebt?.minDscr ?? null,
      averageDscr: projectDebt?.averageDscr ?? null,
    }),
  };
}

/**
 * The NPV of one strategy on `view` (USD), and nothing else: what the breakevens on a view read,
 * some 20 times an evaluation. The same stages and sums as {@link buildStrategyFinancing}, so it
 * equals that view's `npvUsd` bit for bit (a test holds them equal); it skips the other view,
 * the flows, the paybacks and the copies.
 */
export function viewNpvUsd(
  context: FinancingContext,
  plan: StrategyPlan,
  lines: StrategyLines<number>,
  netCashFlowUsd: readonly number[],
  preTaxNpvUsd: number,
  view: FinancialView,
  /**
   * A view breakeven's call: the lines' present value at the cost of equity
   * (`netCashFlowsAndPresentValue`, equal bit for bit: not summed again), and whether no later
   * call repeats its inputs (a lease-rate or capex probe: its debt is not kept for later calls).
   */
  probe?: { readonly equityProjectPvUsd: number; readonly oneOff: boolean },
): number {
  if (view === 'unlevered-pre-tax') return preTaxNpvUsd;
  const H = context.scenario.horizonMonths;
  // Read only within this call (what the debt and asset memos keep of them they copy).
  const flows = projectFlows(lines, netCashFlowUsd, H, scratchFlows);
  scratchFlows = flows;
  if (view === 'unlevered-after-tax') {
    const tax = unleveredTaxSchedule(context, plan, lines, flows);
    return tax ? afterTaxNpvUsd(preTaxNpvUsd, tax.taxUsd, context.taxFactors) : preTaxNpvUsd;
  }
  // A levered board view without a financing section reads the pre-tax NPV (financingViewFigures).
  if (!context.scenario.financing || !context.equityFactors) return preTaxNpvUsd;
  const unleveredTax = memoized(() => unleveredTaxSchedule(context, plan, lines, flows));
  // Its debt flow and interest are read only within this call, like the project flows.
  const structure = leveredStructure(
    context,
    plan,
    lines,
    flows,
    unleveredTax,
    scratchDebtFlows,
    !probe?.oneOff,
  );
  return leveredNpvUsd(
    lines,
    netCashFlowUsd,
    structure,
    context.equityFactors,
    H,
    probe?.equityProjectPvUsd,
  );
}

let scratchFlows: KeptProjectFlows | undefined;

/** {@link ProjectFlows} as arrays of the caller's, to be written over. */
type KeptProjectFlows = { -readonly [K in keyof ProjectFlows]: number[] };

/** The monthly project amounts the debt and the tax are built from (USD; H months). */
interface ProjectFlows {
  /** Net cash flow before capital spending. */
  readonly ebitda: readonly number[];
  /** Construction-class capex (negative: spent). */
  readonly constructionCapex: readonly number[];
  /** Mining-class capex (negative: spent). */
  readonly miningCapex: readonly number[];
  /** The lease's operating cash: rent, credit loss and landlord opex. */
  readonly cfads: readonly number[];
}

function projectFlows(
  lines: StrategyLines<number>,
  netCashFlowUsd: readonly number[],
  H: number,
  /** Arrays to write into (zeroed first) for a caller that reads the flows before its next call. */
  reuse?: KeptProjectFlows,
): KeptProjectFlows {
  // Plain double arrays (`zeroSeries`): built on every call of a view's breakeven, where a typed
  // array of a horizon costs some eight times as much to allocate.
  const ebitda = zeroedSeries(reuse?.ebitda, H);
  const constructionCapex = zeroedSeries(reuse?.constructionCapex, H);
  const miningCapex = zeroedSeries(reuse?.miningCapex, H);
  const cfads = zeroedSeries(reuse?.cfads, H);
  // Line by line, then month by month (one series read per line, not one per line and month);
  // each month's terms are added in the table's order, as before. `ebitda` holds the month's
  // capex total until the last step makes it `net − capex`.
  for (const item of CAPEX_ITEMS) {
    const series = lines[item.key];
    if (isZeroLine(series)) continue;
    const byClass = item.class === 'mining' ? miningCapex : constructionCapex;
    for (let m = 0; m < H; m += 1) {
      const amount = series[m]!;
      ebitda[m] = ebitda[m]! + amount;
      byClass[m] = byClass[m]! + amount;
    }
  }
  for (let m = 0; m < H; m += 1) ebitda[m] = netCashFlowUsd[m]! - ebitda[m]!;
  for (const key of LEASE_OPERATING_KEYS) {
    const series = lines[key];
    if (isZeroLine(series)) continue;
    for (let m = 0; m < H; m += 1) cfads[m] = cfads[m]! + series[m]!;
  }
  return { ebitda, constructionCapex, miningCapex, cfads };
}

/** The tax with no interest deducted (the unlevered views); null without a tax section. */
function unleveredTaxSchedule(
  context: FinancingContext,
  plan: StrategyPlan,
  lines: StrategyLines<number>,
  flows: ProjectFlows,
): TaxSchedule | null {
  const { scenario } = context;
  const tax = scenario.tax;
  return tax
    ? buildTaxSchedule(
        tax,
        scenario.horizonMonths,
        flows.ebitda,
        null,
        placedAssets(scenario, plan, lines, null, null),
      )
    : null;
}

/**
 * A project debt built before from the same terms and inputs (every price case of a plan, every
 * call of the BTC-price and power breakevens: none changes the capex or the rent).
 */
const recallProjectDebt = recallByValue<ProjectDebtTerms, ProjectDebtInputs, ProjectDebtResult>(
  8,
  // The rent first: the lease-rate breakeven changes it from the first delivery on, and its
  // calls would otherwise compare the whole (equal) capex against every entry.
  (a, b) =>
    a.horizonMonths === b.horizonMonths &&
    a.termOutMonth === b.termOutMonth &&
    a.backstopShare === b.backstopShare &&
    sameSeries(a.cfadsUsd, b.cfadsUsd) &&
    sameSeries(a.contractedCfadsUsd, b.contractedCfadsUsd) &&
    sameSeries(a.capexUsd, b.capexUsd),
  // The capex and rent may be a view breakeven's flows, written over on its next call.
  (inputs) => ({
    ...inputs,
    capexUsd: Array.from(inputs.capexUsd),
    cfadsUsd: Array.from(inputs.cfadsUsd),
  }),
  // The capex and the rent: what the capex and lease-rate breakevens change on every call.
  (inputs) => seriesFingerprint(inputs.capexUsd) + 2 * seriesFingerprint(inputs.cfadsUsd),
);

/** The last delivery month of a plan's tranches (at least one). */
function lastDelivery(tranches: readonly { readonly deliveryMonth: number }[]): number {
  let last = Number.NEGATIVE_INFINITY;
  for (const tranche of tranches) last = Math.max(last, tranche.deliveryMonth);
  return last;
}

/** The debt flow and interest of {@link leveredStructure}, in a caller's arrays. */
interface KeptDebtFlows {
  debtFlow: number[];
  interestExpense: number[];
}

const scratchDebtFlows: KeptDebtFlows = { debtFlow: [], interestExpense: [] };

/** The loans of the levered view and the tax it pays (its interest and fees deducted). */
interface LeveredStructure {
  readonly projectDebt: ProjectDebtResult | null;
  readonly fleetDebt: DebtSchedule | null;
  readonly hasDebt: boolean;
  /** Cash from (+) or to (−) all lenders by month. */
  readonly debtFlow: readonly number[];
  readonly debtBalance: readonly number[];
  readonly leveredTax: TaxSchedule | null;
}

function leveredStructure(
  context: FinancingContext,
  plan: StrategyPlan,
  lines: StrategyLines<number>,
  flows: ProjectFlows,
  unleveredTax: () => TaxSchedule | null,
  /**
   * Arrays to write the debt flow and interest into, for a caller that reads only the NPV before
   * its next call (`viewNpvUsd`): the balance is then not summed (left empty).
   */
  scratch?: KeptDebtFlows,
  /** Keep the project debt for later calls with the same inputs (false: a one-off probe). */
  keepDebt = true,
): LeveredStructure {
  const { scenario } = context;
  const financing = scenario.financing!;
  const H = scenario.horizonMonths;
  const tranches = placeTranches(scenario, plan);
  const terms = financing.projectDebt;
  let projectDebt: ProjectDebtResult | null = null;
  if (terms && tranches.length > 0) {
    const inputs: ProjectDebtInputs = {
      horizonMonths: H,
      capexUsd: flows.constructionCapex,
      termOutMonth: lastDelivery(tranches),
      contractedCfadsUsd: contractedCfads(context, tranches, terms.tenorYears * 12),
      cfadsUsd: flows.cfads,
      backstopShare: scenario.lease.backstopPct / 100,
    };
    projectDebt = recallProjectDebt(terms, inputs, () => buildProjectDebt(terms, inputs), keepDebt);
  }
  // Equipment loans only where there is mining capex to finance (none until a refresh lands).
  const fleetDebt =
    financing.fleetDebt && flows.miningCapex.some((amount) => amount < 0)
      ? buildFleetDebt(financing.fleetDebt, H, flows.miningCapex)
      : null;
  const debts: DebtSchedule[] = [];
  if (projectDebt !== null) debts.push(projectDebt);
  if (fleetDebt !== null) debts.push(fleetDebt);
  // The NPV alone (`scratch`): the flow and the interest into kept arrays, no balance.
  const debtFlow = zeroedSeries(scratch?.debtFlow, H);
  const interestExpense = zeroedSeries(scratch?.interestExpense, H);
  const debtBalance = scratch ? [] : zeroSeries(H);
  if (scratch) {
    scratch.debtFlow = debtFlow;
    scratch.interestExpense = interestExpense;
  }
  for (const debt of debts) {
    addDebtFlowToEquity(debt, debtFlow);
    const { interestUsd, capitalisedInterestUsd, feeAmortisationUsd, closingBalanceUsd } = debt;
    for (let m = 0; m < H; m += 1) {
      interestExpense[m] =
        interestExpense[m]! + interestUsd[m]! - capitalisedInterestUsd[m]! + feeAmortisationUsd[m]!;
    }
    if (!scratch) {
      for (let m = 0; m < H; m += 1) debtBalance[m] = debtBalance[m]! + closingBalanceUsd[m]!;
    }
  }
  const tax = scenario.tax;
  // Without debt the levered tax is the unlevered one (no interest, no capitalised basis).
  const leveredTax =
    debts.length === 0
      ? unleveredTax()
      : tax
        ? buildTaxSchedule(
            tax,
            H,
            flows.ebitda,
            interestExpense,
            placedAssets(
              scenario,
              plan,
              lines,
              projectDebt?.capitalisedInterestUsd ?? null,
              projectDebt?.sizing.termOutMonth ?? null,
            ),
          )
        : null;
  return { projectDebt, fleetDebt, hasDebt: debts.length > 0, debtFlow, debtBalance, leveredTax };
}

/**
 * `NPV_e`: the project's lines at the cost of equity plus the debt and tax flows at the same
 * factors, added only in the months they change the equity flow (so zero debt and tax leave the
 * NPV bit for bit).
 */
function leveredNpvUsd(
  lines: StrategyLines<number>,
  netCashFlowUsd: readonly number[],
  { debtFlow, leveredTax }: LeveredStructure,
  equityFactors: Float64Array,
  H: number,
  projectPvUsd: number = projectPresentValue(lines, () => equityFactors, H),
): number {
  let financingPv = 0;
  for (let m = 0; m < H; m += 1) {
    const flow = netCashFlowUsd[m]!;
    const added = debtFlow[m]! + (leveredTax ? leveredTax.taxUsd[m]! : 0);
    const equityFlow = flow + debtFlow[m]! + (leveredTax ? leveredTax.taxUsd[m]! : 0);
    if (equityFlow - flow !== 0) financingPv += added * equityFactors[m]!;
  }
  return projectPvUsd + financingPv;
}

function afterTaxFigures(
  net: readonly number[],
  preTaxNpvUsd: number,
  preTaxDiscountedUsd: ArrayLike<number>,
  taxUsd: readonly number[] | null,
  taxFactors: Float64Array,
  keepMining: ViewFigures | null,
): ViewFigures {
  const flows = net.slice();
  const discounted = seriesOf(preTaxDiscountedUsd);
  if (!taxUsd) return figures(flows, preTaxNpvUsd, discounted, keepMining);
  for (let m = 0; m < flows.length; m += 1) {
    const amount = taxUsd[m]!;
    if (amount === 0) continue;
    flows[m] = flows[m]! + amount;
    discounted[m] = discounted[m]! + amount * taxFactors[m]!;
  }
  return figures(flows, afterTaxNpvUsd(preTaxNpvUsd, taxUsd, taxFactors), discounted, keepMining);
}

/** `NPV_u = NPV_pre-tax + Σ Tax_u(m) DF_tax(m)`, summed as {@link afterTaxFigures} sums it. */
function afterTaxNpvUsd(
  preTaxNpvUsd: number,
  taxUsd: readonly number[],
  taxFactors: Float64Array,
): number {
  let taxPv = 0;
  for (let m = 0; m < taxUsd.length; m += 1) {
    const amount = taxUsd[m]!;
    if (amount !== 0) taxPv += amount * taxFactors[m]!;
  }
  return taxPv === 0 ? preTaxNpvUsd : preTaxNpvUsd + taxPv;
}

/**
 * Contracted cash flow by month from 0 to the end of the tenor after the last delivery: each
 * tranche's in-term rent, credit loss and landlord opex (renewals are not contracted).
 */
export function contractedCfads(
  context: FinancingContext,
  tranches: ReturnType<typeof placeTranches>,
  tenorMonths: number,
): readonly number[] {
  let key = `${tenorMonths}`;
  for (const tranche of tranches) key += `|${tranche.deliveryMonth}:${tranche.itMw}`;
  let kept = context.contractedCfadsKept.get(key);
  if (kept === undefined) {
    kept = contractedCfadsOf(context, tranches, tenorMonths);
    context.contractedCfadsKept.set(key, kept);
  }
  return kept;
}

function contractedCfadsOf(
  context: FinancingContext,
  tranches: ReturnType<typeof placeTranches>,
  tenorMonths: number,
): number[] {
  const { scenario, longLeaseUnit: unit } = context;
  const termMonths = Math.max(1, Math.round(scenario.lease.termYears * 12));
  const lastDelivery = Math.max(...tranches.map((t) => t.deliveryMonth));
  const length = lastDelivery + tenorMonths + 1;
  const out = zeroSeries(length);
  for (const tranche of tranches) {
    for (let j = 0; j < termMonths && tranche.deliveryMonth + j < length; j += 1) {
      if (j >= unit.rentUsd.length) break;
      const m = tranche.deliveryMonth + j;
      out[m] =
        out[m]! +
        tranche.itMw * unit.rentUsd[j]! +
        tranche.itMw * unit.creditLossUsd[j]! +
        tranche.itMw * unit.landlordOpexUsd[j]!;
    }
  }
  return out;
}

/** A strategy result's reader of its NPV on a view: a hidden slot of its own, not a WeakMap entry. */
const VIEW_NPV_READER: unique symbol = Symbol('view NPV reader');

/**
 * Registers how a strategy result reads its NPV on a view without building the view's figures
 * (`evaluate` does, with {@link viewNpvUsd}): the decision on a levered board reads every case's
 * NPVs, the page only the shown case's figures.
 */
export function registerViewNpv(strategy: object, read: (view: FinancialView) => number): void {
  Object.defineProperty(strategy, VIEW_NPV_READER, { value: read });
}

/**
 * A strategy's NPV on `view` (USD): the registered reader's, else the view's figures'. Equal bit
 * for bit either way (test/engine/levered.test.ts).
 */
export function strategyViewNpvUsd<
  S extends ViewFigures & { readonly financing: StrategyFinancing | null },
>(strategy: S, view: FinancialView): number {
  const read = (strategy as { readonly [VIEW_NPV_READER]?: (view: FinancialView) => number })[
    VIEW_NPV_READER
  ];
  return read ? read(view) : viewFigures(strategy, view).npvUsd;
}

/** The figures of `view` for one strategy: the pre-tax ones, or the financing's. */
export function viewFigures<
  S extends ViewFigures & { readonly financing: StrategyFinancing | null },
>(strategy: S, view: FinancialView): ViewFigures {
  return financingViewFigures(strategy.financing, view) ?? strategy;
}

/** The financing's figures of `view`; null for the pre-tax view (or a view it lacks). */
export function financingViewFigures(
  financing: StrategyFinancing | null,
  view: FinancialView,
): ViewFigures | null {
  if (view === 'unlevered-after-tax' && financing) return financing.unleveredAfterTax;
  if (view === 'levered-after-tax' && financing?.leveredAfterTax) return financing.leveredAfterTax;
  return null;
}
