import type { FleetDebtTerms, ProjectDebtTerms } from '../schema/scenario';
import { pmt } from './finance';
import { zeroSeries } from './series';
import { roundHalfAway, toCents } from './tax';

/**
 * Debt schedules (docs/model.md §12.2): the construction facility and term loan on a conversion,
 * and equipment loans on mining capex. Lender's statement conventions: monthly interest at
 * coupon ÷ 12 on the opening balance, each amount in whole cents rounded half away from zero, so
 * every month rolls forward exactly: `closing = opening + draw + capitalised interest − principal`.
 * Flows dated at month ends like every other flow; a loan drawn in month m pays from month m + 1.
 */
export interface DebtSchedule {
  /** Drawn from the lenders (USD, ≥ 0). */
  readonly drawsUsd: readonly number[];
  /** Interest accrued on the opening balance (USD, ≥ 0). */
  readonly interestUsd: readonly number[];
  /** The part of the interest added to the balance (construction, when capitalised). */
  readonly capitalisedInterestUsd: readonly number[];
  /** Interest paid in cash. */
  readonly interestPaidUsd: readonly number[];
  /** Principal repaid: scheduled, a paydown at term-out, the balance at the horizon (negative = accretion). */
  readonly principalUsd: readonly number[];
  /** Upfront fees paid (USD, ≥ 0). */
  readonly feesUsd: readonly number[];
  /** Fees expensed for tax: each straight-line to its loan's maturity, the rest at the horizon. */
  readonly feeAmortisationUsd: readonly number[];
  /** Scheduled debt service of the term period (interest paid + principal), what DSCR divides. */
  readonly debtServiceUsd: readonly number[];
  readonly closingBalanceUsd: readonly number[];
}

/**
 * Adds the cash from (+) or to (−) the lenders in each month m to `into[m]`:
 * `draws − interest paid − principal − fees`.
 *
 * @example draws [100, 0], interest paid [0, 1], principal [0, 100], no fees: into [0, 0] →
 *   [100, −101]
 */
export function addDebtFlowToEquity(schedule: DebtSchedule, into: number[]): void {
  const { drawsUsd, interestPaidUsd, principalUsd, feesUsd } = schedule;
  for (let m = 0; m < into.length; m += 1) {
    into[m] = into[m]! + (drawsUsd[m]! - interestPaidUsd[m]! - principalUsd[m]! - feesUsd[m]!);
  }
}

/**
 * Schedules built in whole cents, turned into USD at the end. Plain double arrays
 * (`zeroSeries`), not `Float64Array`s: a schedule is built on every call of a view's breakeven,
 * and a typed array of a horizon costs some eight times as much to allocate.
 */
class CentsSchedule {
  readonly draws: number[];
  readonly interest: number[];
  readonly capitalised: number[];
  readonly interestPaid: number[];
  readonly principal: number[];
  readonly fees: number[];
  readonly feeAmortisation: number[];
  readonly debtService: number[];
  readonly closing: number[];
  constructor(readonly horizon: number) {
    this.draws = zeroSeries(horizon);
    this.interest = zeroSeries(horizon);
    this.capitalised = zeroSeries(horizon);
    this.interestPaid = zeroSeries(horizon);
    this.principal = zeroSeries(horizon);
    this.fees = zeroSeries(horizon);
    this.feeAmortisation = zeroSeries(horizon);
    this.debtService = zeroSeries(horizon);
    this.closing = zeroSeries(horizon);
  }

  /** A fee paid in month m, expensed straight-line over `months` (whole cents, remainder last). */
  fee(m: number, cents: number, months: number): void {
    if (cents <= 0 || m >= this.horizon) return;
    this.fees[m] = this.fees[m]! + cents;
    const span = Math.max(1, months);
    const each = Math.floor(cents / span);
    for (let k = 0; k < span; k += 1) {
      const month = Math.min(m + k, this.horizon - 1);
      this.feeAmortisation[month] =
        this.feeAmortisation[month]! + (k === span - 1 ? cents - each * (span - 1) : each);
    }
  }

  /** The schedule in USD: each series turned from cents in place (the schedule is done with). */
  toUsd(): DebtSchedule {
    const usd = (cents: number[]): number[] => {
      for (let m = 0; m < cents.length; m += 1) {
        const c = cents[m]!;
        cents[m] = c === 0 ? 0 : c / 100;
      }
      return cents;
    };
    return {
      drawsUsd: usd(this.draws),
      interestUsd: usd(this.interest),
      capitalisedInterestUsd: usd(this.capitalised),
      interestPaidUsd: usd(this.interestPaid),
      principalUsd: usd(this.principal),
      feesUsd: usd(this.fees),
      feeAmortisationUsd: usd(this.feeAmortisation),
      debtServiceUsd: usd(this.debtService),
      closingBalanceUsd: usd(this.closing),
    };
  }
}

/**
 * One month of an amortising loan, in cents. The schedule is run exactly (`exact` is the unrounded
 * balance, `due` the unrounded payment) and each line rounded on its own: interest
 * `round(B × r)` and principal `round(due − B × r)` are Calc's IPMT and PPMT to the cent, with no
 * drift over the life; the last payment clears the rounded balance.
 */
function amortisationLine(
  exact: number,
  rate: number,
  due: number,
  balance: number,
  last: boolean,
): { interest: number; principal: number; exact: number } {
  const exactInterest = exact * rate;
  const interest = roundHalfAway(exactInterest);
  const principal = last ? balance : roundHalfAway(due - exactInterest);
  return { interest, principal, exact: exact - (due - exactInterest) };
}

/** How the term loan was sized. */
export interface ProjectDebtSizing {
  /** Loan-to-cost after the backstop: `LTC + b × (LTC_backstop − LTC)` (fraction). */
  readonly loanToCost: number;
  /** Minimum DSCR after the backstop: `DSCR + b × (DSCR_backstop − DSCR)`. */
  readonly minDscr: number;
  readonly commitmentUsd: number;
  /** Construction balance at term-out (draws plus capitalised interest). */
  readonly balanceAtTermOutUsd: number;
  /** The largest term loan the contracted cash flow carries at the minimum DSCR. */
  readonly dscrCapacityUsd: number;
  /** `min(balance at term-out, DSCR capacity)`; the rest is paid down by equity at term-out. */
  readonly termLoanUsd: number;
  readonly binding: 'loan-to-cost' | 'dscr';
  /** First month of term debt service (the last tranche's delivery), or null past the horizon. */
  readonly termOutMonth: number | null;
}

export interface ProjectDebtResult extends DebtSchedule {
  readonly sizing: ProjectDebtSizing;
  /** `CFADS(m) / debt service(m)` in months with debt service, else null. */
  readonly dscr: readonly (number | null)[];
  readonly minDscr: number | null;
  readonly averageDscr: number | null;
}

export interface ProjectDebtInputs {
  readonly horizonMonths: number;
  /** Landlord capex by month (USD, ≤ 0). */
  readonly capexUsd: ArrayLike<number>;
  /** The last tranche's delivery month: construction draws before it, debt service from it. */
  readonly termOutMonth: number;
  /**
   * Contracted cash flow available for debt service by month from 0, at least to the end of the
   * tenor (may run past the horizon): in-term rent less credit loss and landlord opex.
   */
  readonly contractedCfadsUsd: ArrayLike<number>;
  /** The strategy's lease cash flow by month (the DSCR's numerator). */
  readonly cfadsUsd: ArrayLike<number>;
  /** Share of the lease under a backstop (lease.backstopPct ÷ 100). */
  readonly backstopShare: number;
}

/**
 * The construction facility and term loan of a conversion. Construction, month m before the
 * term-out month T: `I_m = B_{m−1} × r_c/12`, draw `= LTC × capex_m`, `B_m = B_{m−1} + draw + I_m`
 * (capitalised) or the interest paid. The facility fee is paid at the first draw on the
 * commitment `LTC × Σ capex`. At the end of month T−1 the term loan is sized:
 *
 *   P = min(B_{T−1}, P_DSCR)
 *   sculpted: DS_k = CFADS*_{T−1+k} / DSCR,  P_DSCR = Σ_{k=1..n} DS_k (1 + r/12)^(−k)
 *   level:    P_DSCR = min_k CFADS*_{T−1+k} / DSCR × (1 − (1 + r/12)^(−n)) / (r/12)
 *
 * with CFADS* the contracted cash flow; the excess `B_{T−1} − P` is repaid from equity. Term
 * service in month T−1+k: level `PMT(r/12, n, −P)`; sculpted `DS_k × P / P_DSCR`; interest
 * `IPMT`-style on the opening balance, principal the rest, the last payment clears the balance.
 * Whatever is outstanding at the horizon is repaid in its last month (out of the exit value).
 *
 * @example $10M capex in month 0, LTC 60%, term-out at month 1, 8%, 12 months level, DSCR not
 *   binding: draw $6M, payments `PMT(0.08/12, 12, −6,000,000) = $521,930.57`.
 */
export function buildProjectDebt(
  terms: ProjectDebtTerms,
  input: ProjectDebtInputs,
): ProjectDebtResult {
  const H = input.horizonMonths;
  const b = Math.min(1, Math.max(0, input.backstopShare));
  const loanToCost =
    (terms.loanToCostPct + b * (terms.backstopLoanToCostPct - terms.loanToCostPct)) / 100;
  const minDscr = terms.minDscr + b * (terms.backstopMinDscr - terms.minDscr);
  const s = new CentsSchedule(H);
  const T = input.termOutMonth;
  const n = terms.tenorYears * 12;
  const rc = terms.constructionCouponPctPerYear / 100 / 12;
  const rt = terms.termCouponPctPerYear / 100 / 12;

  let commitmentCents = 0;
  let firstDraw = -1;
  for (let m = 0; m < Math.min(T, H); m += 1) {
    const capex = input.capexUsd[m]!;
    if (capex < 0) {
      commitmentCents += toCents(-capex * loanToCost);
      if (firstDraw < 0) firstDraw = m;
    }
  }
  let balance = 0;
  const constructionEnd = Math.min(T, H);
  for (let m = 0; m < constructionEnd; m += 1) {
    const interest = roundHalfAway(balance * rc);
    const capex = input.capexUsd[m]!;
    const draw = capex < 0 ? toCents(-capex * loanToCost) : 0;
    s.interest[m] = interest;
    if (terms.capitaliseConstructionInterest) s.capitalised[m] = interest;
    else s.interestPaid[m] = interest;
    s.draws[m] = draw;
    balance += draw + s.capitalised[m]!;
    s.closing[m] = balance;
  }
  if (firstDraw >= 0) {
    s.fee(
      firstDraw,
      roundHalfAway((terms.constructionFeePct / 100) * commitmentCents),
      T - firstDraw + n,
    );
  }

  // Contracted debt service capacity at the minimum DSCR, k = 1 … n.
  const capacity = zeroSeries(n);
  let dscrCapacityUsd = 0;
  if (T < H && balance > 0) {
    if (terms.amortisation === 'sculpted') {
      let discount = 1;
      for (let k = 1; k <= n; k += 1) {
        discount /= 1 + rt;
        const cf = input.contractedCfadsUsd[T - 1 + k] ?? 0;
        capacity[k - 1] = Math.max(0, cf) / minDscr;
        dscrCapacityUsd += capacity[k - 1]! * discount;
      }
    } else {
      let lowest = Number.POSITIVE_INFINITY;
      for (let k = 1; k <= n; k += 1) {
        lowest = Math.min(lowest, Math.max(0, input.contractedCfadsUsd[T - 1 + k] ?? 0));
      }
      dscrCapacityUsd = lowest / minDscr / -pmt(rt, n, 1);
    }
  }
  const balanceAtTermOut = balance;
  let termLoan = 0;
  if (T < H && balance > 0) {
    termLoan = Math.min(balance, Math.floor(dscrCapacityUsd * 100));
    const paydown = balance - termLoan;
    const close = T - 1;
    s.principal[close] = s.principal[close]! + paydown;
    balance = termLoan;
    s.closing[close] = balance;
    s.fee(close, roundHalfAway((terms.termFeePct / 100) * termLoan), n);
    const level = terms.amortisation === 'level' ? -pmt(rt, n, termLoan) : 0;
    const scale = dscrCapacityUsd > 0 ? termLoan / 100 / dscrCapacityUsd : 0;
    let exact = termLoan;
    for (let k = 1; k <= n && T - 1 + k < H; k += 1) {
      const m = T - 1 + k;
      const due = terms.amortisation === 'level' ? level : capacity[k - 1]! * scale * 100;
      const line = amortisationLine(exact, rt, due, balance, k === n);
      exact = line.exact;
      s.interest[m] = line.interest;
      s.interestPaid[m] = line.interest;
      s.principal[m] = line.principal;
      s.debtService[m] = line.interest + line.principal;
      balance -= line.principal;
      s.closing[m] = balance;
    }
  }
  // Outstanding at the horizon: repaid in its last month.
  if (balance !== 0 && H > 0) {
    s.principal[H - 1] = s.principal[H - 1]! + balance;
    balance = 0;
    s.closing[H - 1] = 0;
  }
  const usd = s.toUsd();
  const dscr = new Array<number | null>(H).fill(null);
  let lowest = Number.POSITIVE_INFINITY;
  let sum = 0;
  let count = 0;
  for (let m = 0; m < H; m += 1) {
    const service = usd.debtServiceUsd[m]!;
    if (service <= 0) continue;
    const ratio = input.cfadsUsd[m]! / service;
    dscr[m] = ratio;
    lowest = Math.min(lowest, ratio);
    sum += ratio;
    count += 1;
  }
  return {
    ...usd,
    sizing: {
      loanToCost,
      minDscr,
      commitmentUsd: commitmentCents / 100,
      balanceAtTermOutUsd: balanceAtTermOut / 100,
      dscrCapacityUsd,
      termLoanUsd: termLoan / 100,
      binding: termLoan < balanceAtTermOut ? 'dscr' : 'loan-to-cost',
      termOutMonth: T < H ? T : null,
    },
    dscr,
    minDscr: count > 0 ? lowest : null,
    averageDscr: count > 0 ? sum / count : null,
  };
}

/**
 * Equipment loans on mining capex: in every month m with capex, a loan of `LTV × capex` drawn in
 * m, its fee paid in m, repaid by level payments `PMT(r/12, n, −L)` in months m+1 … m+n (interest
 * on the opening balance, the last payment clearing it); outstanding loans repaid at the horizon.
 *
 * @example $1,000,000 of refresh capex, 50%, 12%, 3 years: $500,000 drawn, payments $16,607.15.
 */
export function buildFleetDebt(
  terms: FleetDebtTerms,
  horizonMonths: number,
  miningCapexUsd: ArrayLike<number>,
): DebtSchedule {
  const H = horizonMonths;
  const s = new CentsSchedule(H);
  const n = terms.tenorYears * 12;
  const r = terms.couponPctPerYear / 100 / 12;
  for (let start = 0; start < H; start += 1) {
    const capex = miningCapexUsd[start]!;
    if (!(capex < 0)) continue;
    const loan = toCents((-capex * terms.loanToValuePct) / 100);
    if (loan <= 0) continue;
    s.draws[start] = s.draws[start]! + loan;
    s.fee(start, roundHalfAway((terms.upfrontFeePct / 100) * loan), n);
    const payment = -pmt(r, n, loan);
    let balance = loan;
    let exact = loan;
    for (let k = 1; k <= n && start + k < H; k += 1) {
      const m = start + k;
      const line = amortisationLine(exact, r, payment, balance, k === n);
      exact = line.exact;
      s.interest[m] = s.interest[m]! + line.interest;
      s.interestPaid[m] = s.interestPaid[m]! + line.interest;
      s.principal[m] = s.principal[m]! + line.principal;
      s.debtService[m] = s.debtService[m]! + line.interest + line.principal;
      balance -= line.principal;
    }
    if (balance !== 0) s.principal[H - 1] = s.principal[H - 1]! + balance;
  }
  let closing = 0;
  for (let m = 0; m < H; m += 1) {
    closing += s.draws[m]! + s.capitalised[m]! - s.principal[m]!;
    s.closing[m] = closing;
  }
  return s.toUsd();
}
