import type { Scenario } from '../schema/scenario';
import { floatArith } from './arith';
import type { ClassDiscountFactors } from './discount';
import type { PlanTemplate } from './fastNpv';
import { buildLeaseUnitLines } from './lease';

/**
 * The lease leg under one outcome of its risks: what actually happens to the construction, the
 * tenant, the renewals, the market rent and the exit cap. The Monte Carlo draws one outcome per
 * path (montecarlo/leaseDraws.ts); a stress test fixes one (stress.ts). docs/monte-carlo.md §2.4.
 *
 * Per unit IT MW and lease month j (since the tranche's delivery), with the **contract** lines
 * (`buildLeaseUnitLines` with no default and certain renewal: cash rent c(j), rent due r(j),
 * landlord opex o(j)) and the term index `n = floor(j / term)`:
 *
 *     in force  I(j) = p^n (expected) or 1 while n ≤ renewals drawn, else 0 (event)
 *     rent mult R(j) = 1 in the first term, M (the market factor) after a renewal
 *     pay share A(j) = 1 − LGD (1 − S(j))  (expected, S(j) = (1 − pd)^((j+1)/12)), or, for a
 *                      default at lease month τ: 1 before τ; 1 − LGD from τ until re-let at
 *                      τ + downtime; then the new tenant pays the lower of the market and the
 *                      contract rent (R = min(M, 1), A = 1)
 *     cash(j) = c(j) I R A + o(j) I R',   NOI(j) = r(j) I R A + o(j) I R'
 *
 * with LGD = (1 − recovery)(1 − backstop) and R' the rent multiple without A. With the
 * expected modes, M = 1, no delay, no overrun and the scenario's exit cap, this is the
 * deterministic engine's lease leg (fastNpv.ts `createLeaseNpv`) term by term; a default drawn
 * with the survival law, never re-let, has the expected-value line as its mean (tested).
 *
 * Construction: a delay δ (whole months) moves every delivery δ later; the tranche's landlord
 * capex × the capex factor is spread over its construction months + δ; its MW stop mining at the
 * planned construction start, so the mining leg does not change.
 */
export interface LeaseOutcome {
  /** Months every delivery slips beyond the plan (a whole number ≥ 0). */
  delayMonths: number;
  /** Landlord capex × this: 1 + the overrun. */
  capexFactor: number;
  /** True: the default is the event at `defaultLeaseMonth`; false: the expected credit loss. */
  defaultIsEvent: boolean;
  /** Lease month of the default (each tranche's clock); Infinity = no default. */
  defaultLeaseMonth: number;
  /** True: `renewals` renewals then the lease ends; false: each term weighted by p^n. */
  renewalIsEvent: boolean;
  /** Renewals granted before the first refusal (Infinity = every one). */
  renewals: number;
  /** Months from a default to the new tenant's rent; null = never re-let. */
  relettingDowntimeMonths: number | null;
  /** Market rent ÷ contract rent at renewal and re-letting. */
  marketRentFactor: number;
  /** Exit cap rate at the horizon (%). */
  exitCapRatePct: number;
}

/** The outcome that is the deterministic engine's lease leg. */
export function expectedLeaseOutcome(scenario: Scenario): LeaseOutcome {
  const terminal = scenario.lease.terminalValue;
  return {
    delayMonths: 0,
    capexFactor: 1,
    defaultIsEvent: false,
    defaultLeaseMonth: Number.POSITIVE_INFINITY,
    renewalIsEvent: false,
    renewals: Number.POSITIVE_INFINITY,
    relettingDowntimeMonths: null,
    marketRentFactor: 1,
    exitCapRatePct: terminal.kind === 'exit-cap' ? terminal.exitCapRatePct : 0,
  };
}

/** A lease leg that takes one outcome at a time (reusing its buffers) and values plans under it. */
export interface LeaseLeg {
  /** Builds the unit lines of `outcome` (O(H)); the next calls value plans under it. */
  setOutcome(outcome: LeaseOutcome): void;
  /** Construction and lease NPV of a plan started at month k (O(tranches)). */
  npv(template: PlanTemplate, startMonth: number): number;
  /** Adds the plan's capex, prepayment, lease and terminal cash of each month into `out`. */
  addCash(template: PlanTemplate, startMonth: number, out: Float64Array): void;
}

export function createLeaseLeg(scenario: Scenario, factors: ClassDiscountFactors): LeaseLeg {
  const horizon = scenario.horizonMonths;
  const { lease, conversion } = scenario;
  const contract = buildLeaseUnitLines(
    floatArith,
    { ...scenario, lease: { ...lease, tenantDefaultPctPerYear: 0, renewalProbabilityPct: 100 } },
    horizon,
  );
  const cashRent = Float64Array.from(contract.rentUsd);
  const opex = Float64Array.from(contract.landlordOpexUsd);
  const rentDue = Float64Array.from(
    contract.noiUsd,
    (noi, j) => noi - contract.landlordOpexUsd[j]!,
  );
  const termMonths = Math.max(1, Math.round(lease.termYears * 12));
  const renewal = lease.renewalProbabilityPct / 100;
  const lossGivenDefault = (1 - lease.recoveryPct / 100) * (1 - lease.backstopPct / 100);
  const monthlySurvival = (1 - lease.tenantDefaultPctPerYear / 100) ** (1 / 12);
  const expectedInForce = new Float64Array(horizon);
  const expectedPayShare = new Float64Array(horizon);
  let inForce = 1;
  let survival = 1;
  for (let j = 0; j < horizon; j += 1) {
    if (j > 0 && j % termMonths === 0) inForce *= renewal;
    survival *= monthlySurvival;
    expectedInForce[j] = inForce;
    expectedPayShare[j] = 1 - (1 - survival) * lossGivenDefault;
  }
  const constructionMonths = conversion.constructionMonths;
  const capexPerMonth = contract.capexPerConstructionMonthUsd;
  const prepayment = contract.prepaymentUsd;
  const terminal = lease.terminalValue;
  const last = horizon - 1;

  const unitNet = new Float64Array(horizon);
  const pvPrefix = new Float64Array(horizon + 1);
  const noiPrefix = new Float64Array(horizon + 1);
  const capexDfPrefix = new Float64Array(horizon + 1);
  for (let m = 0; m < horizon; m += 1) {
    capexDfPrefix[m + 1] = capexDfPrefix[m]! + factors.construction[m]!;
  }
  const leaseShift = (d: number) => (d === 0 ? 1 : factors.lease[d - 1]!);
  let current: LeaseOutcome | undefined;

  return {
    setOutcome(outcome) {
      current = outcome;
      const market = outcome.marketRentFactor;
      // Re-let at the lower of the market and the contract rent (the underwriting convention):
      // a default never improves the lease.
      const reletMult = Math.min(market, 1);
      const tau = outcome.defaultIsEvent ? outcome.defaultLeaseMonth : Number.POSITIVE_INFINITY;
      const downtime = outcome.relettingDowntimeMonths;
      const reletAt = downtime === null ? Number.POSITIVE_INFINITY : tau + downtime;
      for (let j = 0; j < horizon; j += 1) {
        const term = Math.floor(j / termMonths);
        const inForceJ = outcome.renewalIsEvent
          ? term <= outcome.renewals
            ? 1
            : 0
          : expectedInForce[j]!;
        let rentMult: number;
        let opexMult: number;
        if (j >= reletAt) {
          rentMult = reletMult;
          opexMult = reletMult;
        } else {
          const termMult = term === 0 ? 1 : market;
          opexMult = termMult;
          if (!outcome.defaultIsEvent) rentMult = termMult * expectedPayShare[j]!;
          else rentMult = j < tau ? termMult : termMult * (1 - lossGivenDefault);
        }
        const weight = inForceJ * rentMult;
        const opexJ = opex[j]! * inForceJ * opexMult;
        const net = cashRent[j]! * weight + opexJ;
        unitNet[j] = net;
        pvPrefix[j + 1] = pvPrefix[j]! + net * factors.lease[j]!;
        noiPrefix[j + 1] = noiPrefix[j]! + rentDue[j]! * weight + opexJ;
      }
    },
    npv(template, k) {
      const outcome = current!;
      const delay = outcome.delayMonths;
      const capexPerMonthNow =
        (capexPerMonth * outcome.capexFactor * constructionMonths) / (constructionMonths + delay);
      let npv = 0;
      let terminalNoi = 0;
      for (const tranche of template.tranches) {
        const start = tranche.constructionStartMonth + k;
        if (start >= horizon) continue;
        const capexEnd = Math.min(horizon, start + constructionMonths + delay);
        npv += tranche.itMw * capexPerMonthNow * (capexDfPrefix[capexEnd]! - capexDfPrefix[start]!);
        npv += tranche.itMw * prepayment * factors.lease[start]!;
        const delivery = tranche.deliveryMonth + k + delay;
        if (delivery >= horizon) continue;
        npv += tranche.itMw * leaseShift(delivery) * pvPrefix[horizon - delivery]!;
        const firstTerminalJ = Math.max(0, horizon - 12 - delivery);
        terminalNoi += tranche.itMw * (noiPrefix[horizon - delivery]! - noiPrefix[firstTerminalJ]!);
      }
      if (terminal.kind === 'exit-cap' && template.tranches.length > 0) {
        npv += (terminalNoi / (outcome.exitCapRatePct / 100)) * factors.lease[last]!;
      }
      return npv;
    },
    addCash(template, k, out) {
      const outcome = current!;
      const delay = outcome.delayMonths;
      const capexPerMonthNow =
        (capexPerMonth * outcome.capexFactor * constructionMonths) / (constructionMonths + delay);
      let terminalNoi = 0;
      for (const tranche of template.tranches) {
        const start = tranche.constructionStartMonth + k;
        if (start >= horizon) continue;
        const capexEnd = Math.min(horizon, start + constructionMonths + delay);
        const capex = tranche.itMw * capexPerMonthNow;
        for (let m = start; m < capexEnd; m += 1) out[m] = out[m]! + capex;
        out[start] = out[start]! + tranche.itMw * prepayment;
        const delivery = tranche.deliveryMonth + k + delay;
        if (delivery >= horizon) continue;
        const itMw = tranche.itMw;
        for (let m = delivery; m < horizon; m += 1)
          out[m] = out[m]! + itMw * unitNet[m - delivery]!;
        const firstTerminalJ = Math.max(0, horizon - 12 - delivery);
        terminalNoi += itMw * (noiPrefix[horizon - delivery]! - noiPrefix[firstTerminalJ]!);
      }
      if (terminal.kind === 'exit-cap' && template.tranches.length > 0) {
        out[last] = out[last]! + terminalNoi / (outcome.exitCapRatePct / 100);
      }
    },
  };
}
