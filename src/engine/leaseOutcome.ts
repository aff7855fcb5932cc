import type { Scenario } from '../schema/scenario';
import { floatArith } from './arith';
import { type ClassDiscountFactors, classDiscountRates, monthEndDiscountFactors } from './discount';
import type { PlanTemplate } from './fastNpv';
import { buildLeaseUnitLines, leaseLineMonths } from './lease';
import { siteResidualUsd } from './strategies';

/**
 * The lease leg under one outcome of its risks: what actually happens to the construction, the
 * tenant, the renewals, the market rent and the exit cap. The Monte Carlo draws one outcome per
 * path (montecarlo/leaseDraws.ts); a stress test fixes one (stress.ts). docs/monte-carlo.md §2.4.
 *
 * Per unit IT MW and lease month j (since the tranche's delivery; j runs over the lease lines of
 * docs/model.md §6: to the horizon, 12 months past it under exit cap, to the hall's life under
 * the renewal DCF), with the **contract** lines (`buildLeaseUnitLines` with no default and certain
 * renewal: cash rent c(j), rent due r(j), landlord opex o(j)) and the term index
 * `n = floor(j / term)`:
 *
 *     in force  I(j) = p^n (expected) or 1 while n ≤ renewals drawn, else 0 (event)
 *     rent mult R(j) = 1 in the first term, M (the market factor) after a renewal
 *     pay share A(j) = 1 − LGD (1 − S(j))  (expected, S(j) = (1 − pd)^((j+1)/12)), or, for a
 *                      default at lease month τ: 1 before τ; 1 − LGD from τ until re-let at
 *                      τ + downtime; then the new tenant pays the lower of the market and the
 *                      contract rent (R = min(M, 1), A = 1)
 *     cash(j) = c(j) I R A + o(j) I R',   NOI(j) = r(j) I R A + o(j) I R'
 *
 * with LGD = (1 − recovery)(1 − backstop) and R' the rent multiple without A. The plan's value
 * follows the deterministic engine's horizon rule (renewal DCF: every flow at its own date;
 * exit cap: forward NOI of the 12 months after the horizon ÷ the outcome's cap; none) and ends
 * with the site residual, as every strategy does. With the expected modes, M = 1, no delay, no
 * overrun and the scenario's exit cap, this is the deterministic engine's lease leg (fastNpv.ts
 * `createLeaseNpv`, strategies.ts `buildStrategyLines`) term by term (tested); a default drawn
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
  /**
   * Renewal DCF only: the premium over the lease discount rate (percentage points per year) at
   * which the lease's flows after the horizon are valued at the horizon — the exit yield, which
   * an exit cap shock or draw moves (docs/model.md §6). 0 = every flow at its own date.
   */
  exitYieldPremiumPct: number;
}

/**
 * The exit-yield premium of an exit cap change on a lease valued by renewal DCF: the change
 * itself, floored so the tail's rate (lease rate + premium) stays at least 1% a year, as the exit
 * cap does. `leaseRate` is the lease class's yearly rate as a fraction.
 */
export function exitYieldPremiumPct(changePct: number, leaseRate: number): number {
  return Math.max(1 - leaseRate * 100, changePct);
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
    exitYieldPremiumPct: 0,
  };
}

/**
 * A lease leg that takes one outcome at a time (reusing its buffers) and values plans under it:
 * every flow of a plan that is not mining (construction, prepayment, lease, the lease's value
 * after the horizon and the site residual).
 */
export interface LeaseLeg {
  /** Months of lease lines the outcomes run over (docs/model.md §6, `leaseLineMonths`). */
  readonly leaseMonths: number;
  /** Builds the unit lines of `outcome` (O(lease months)); the next calls value plans under it. */
  setOutcome(outcome: LeaseOutcome): void;
  /**
   * Construction, lease and site-residual NPV of a plan started at month k (O(tranches)); a plan
   * starting at or after the horizon converts nothing (the site residual alone).
   */
  npv(template: PlanTemplate, startMonth: number): number;
  /**
   * Adds the plan's capex, prepayment, lease cash, the lease's value after the horizon and the
   * site residual of each month into `out` (the non-mining lines of `buildStrategyLines`).
   */
  addCash(template: PlanTemplate, startMonth: number, out: Float64Array): void;
}

/** `x^n` read off month-end discount factors: `x^0 = 1`, `x^n = DF(n − 1)`. */
const power = (factors: Float64Array, n: number) => (n === 0 ? 1 : factors[n - 1]!);

export function createLeaseLeg(scenario: Scenario, factors: ClassDiscountFactors): LeaseLeg {
  const horizon = scenario.horizonMonths;
  const last = horizon - 1;
  const { lease, conversion } = scenario;
  const leaseMonths = leaseLineMonths(scenario);
  const contract = buildLeaseUnitLines(
    floatArith,
    { ...scenario, lease: { ...lease, tenantDefaultPctPerYear: 0, renewalProbabilityPct: 100 } },
    leaseMonths,
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
  const expectedInForce = new Float64Array(leaseMonths);
  const expectedPayShare = new Float64Array(leaseMonths);
  let inForce = 1;
  let survival = 1;
  for (let j = 0; j < leaseMonths; j += 1) {
    if (j > 0 && j % termMonths === 0) inForce *= renewal;
    survival *= monthlySurvival;
    expectedInForce[j] = inForce;
    expectedPayShare[j] = 1 - (1 - survival) * lossGivenDefault;
  }
  const constructionMonths = conversion.constructionMonths;
  const capexPerMonth = contract.capexPerConstructionMonthUsd;
  const prepayment = contract.prepaymentUsd;
  const terminal = lease.terminalValue;
  const renewalDcf = terminal.kind === 'renewal-dcf';
  const exitCap = terminal.kind === 'exit-cap';
  const siteResidual = siteResidualUsd(floatArith, scenario);
  const siteResidualPv = siteResidual * factors.construction[last]!;
  const rates = classDiscountRates(scenario);
  const lastDeliveryOffset = Math.max(
    constructionMonths,
    ...conversion.tranches.map((t) => t.deliveryMonth),
  );

  // Discount factors past the horizon (the renewal DCF dates flows after it), the same formula
  // as the horizon's: extended when an outcome's delay needs more months.
  let constructionDf = factors.construction;
  let leaseDf = factors.lease;
  let capexDfPrefix = new Float64Array(0);
  const ensureSpan = (delay: number) => {
    const span = Math.max(
      horizon,
      leaseMonths,
      horizon + lastDeliveryOffset + constructionMonths + delay + 1,
    );
    if (capexDfPrefix.length > span) return;
    constructionDf =
      span <= factors.construction.length
        ? factors.construction
        : monthEndDiscountFactors(rates.construction, span);
    leaseDf =
      span <= factors.lease.length ? factors.lease : monthEndDiscountFactors(rates.lease, span);
    capexDfPrefix = new Float64Array(span + 1);
    for (let m = 0; m < span; m += 1) capexDfPrefix[m + 1] = capexDfPrefix[m]! + constructionDf[m]!;
  };
  ensureSpan(0);

  const unitNet = new Float64Array(leaseMonths);
  const pvPrefix = new Float64Array(leaseMonths + 1);
  const noiPrefix = new Float64Array(leaseMonths + 1);
  // Renewal DCF: tail[J] = Σ_{j ≥ J} net(j) v^(j − J + 1), built on the first addCash per outcome.
  const tailValue = new Float64Array(leaseMonths + 1);
  let tailBuilt = false;
  // The same tail at the exit yield v' = (1 + r + premium)^(−1/12), for an outcome with a premium.
  const yieldTail = new Float64Array(leaseMonths + 1);
  let yieldV = 1;
  let yieldTailBuilt = false;
  let current: LeaseOutcome | undefined;
  const buildYieldTail = (premiumPct: number) => {
    if (yieldTailBuilt) return;
    yieldV = (1 + rates.lease + premiumPct / 100) ** (-1 / 12);
    yieldTail[leaseMonths] = 0;
    for (let j = leaseMonths - 1; j >= 0; j -= 1) {
      yieldTail[j] = yieldV * (unitNet[j]! + yieldTail[j + 1]!);
    }
    yieldTailBuilt = true;
  };
  /**
   * Per IT MW of a tranche delivered at `delivery`: the lease's flows after the horizon valued at
   * month H − 1 at the exit yield (the flows before it stay at their own dates).
   */
  const yieldTailAt = (delivery: number) =>
    delivery < horizon
      ? yieldTail[Math.min(leaseMonths, horizon - delivery)]!
      : yieldV ** (delivery - horizon) * yieldTail[0]!;

  const capexPerMonthOf = (outcome: LeaseOutcome) =>
    (capexPerMonth * outcome.capexFactor * constructionMonths) /
    (constructionMonths + outcome.delayMonths);

  return {
    leaseMonths,
    setOutcome(outcome) {
      current = outcome;
      tailBuilt = false;
      yieldTailBuilt = false;
      ensureSpan(outcome.delayMonths);
      const market = outcome.marketRentFactor;
      // Re-let at the lower of the market and the contract rent (the underwriting convention):
      // a default never improves the lease.
      const reletMult = Math.min(market, 1);
      const tau = outcome.defaultIsEvent ? outcome.defaultLeaseMonth : Number.POSITIVE_INFINITY;
      const downtime = outcome.relettingDowntimeMonths;
      const reletAt = downtime === null ? Number.POSITIVE_INFINITY : tau + downtime;
      for (let j = 0; j < leaseMonths; j += 1) {
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
        pvPrefix[j + 1] = pvPrefix[j]! + net * leaseDf[j]!;
        // Only the exit cap reads NOI.
        if (exitCap) noiPrefix[j + 1] = noiPrefix[j]! + rentDue[j]! * weight + opexJ;
      }
    },
    npv(template, k) {
      const outcome = current!;
      let npv = siteResidualPv;
      if (k >= horizon) return npv;
      const delay = outcome.delayMonths;
      const capexPerMonthNow = capexPerMonthOf(outcome);
      const buildMonths = constructionMonths + delay;
      let forwardNoi = 0;
      for (const tranche of template.tranches) {
        const start = tranche.constructionStartMonth + k;
        const delivery = tranche.deliveryMonth + k + delay;
        const itMw = tranche.itMw;
        if (renewalDcf) {
          // Every flow at its own date: nothing depends on where the horizon falls.
          npv +=
            itMw * capexPerMonthNow * (capexDfPrefix[start + buildMonths]! - capexDfPrefix[start]!);
          npv += itMw * prepayment * leaseDf[start]!;
          if (outcome.exitYieldPremiumPct === 0) {
            npv += itMw * power(leaseDf, delivery) * pvPrefix[leaseMonths]!;
          } else {
            // An exit yield: the flows before the horizon at their dates, the rest at the yield.
            buildYieldTail(outcome.exitYieldPremiumPct);
            if (delivery < horizon) {
              npv +=
                itMw *
                power(leaseDf, delivery) *
                pvPrefix[Math.min(leaseMonths, horizon - delivery)]!;
            }
            npv += itMw * yieldTailAt(delivery) * leaseDf[last]!;
          }
          continue;
        }
        if (start >= horizon) continue;
        const capexEnd = Math.min(horizon, start + buildMonths);
        npv += itMw * capexPerMonthNow * (capexDfPrefix[capexEnd]! - capexDfPrefix[start]!);
        npv += itMw * prepayment * leaseDf[start]!;
        if (delivery < horizon) {
          npv += itMw * power(leaseDf, delivery) * pvPrefix[horizon - delivery]!;
        }
        if (terminal.kind === 'exit-cap') {
          const from = Math.max(0, horizon - delivery);
          const to = Math.min(leaseMonths, horizon + 12 - delivery);
          if (to > from) forwardNoi += itMw * (noiPrefix[to]! - noiPrefix[from]!);
        }
      }
      if (terminal.kind === 'exit-cap' && template.tranches.length > 0) {
        npv += (forwardNoi / (outcome.exitCapRatePct / 100)) * factors.lease[last]!;
      }
      return npv;
    },
    addCash(template, k, out) {
      const outcome = current!;
      const delay = outcome.delayMonths;
      const capexPerMonthNow = capexPerMonthOf(outcome);
      const buildMonths = constructionMonths + delay;
      // The lease-rate tail is read only without an exit-yield premium (which has its own tail).
      if (renewalDcf && outcome.exitYieldPremiumPct === 0 && !tailBuilt) {
        const v = leaseDf[0]!;
        tailValue[leaseMonths] = 0;
        for (let j = leaseMonths - 1; j >= 0; j -= 1) {
          tailValue[j] = v * (unitNet[j]! + tailValue[j + 1]!);
        }
        tailBuilt = true;
      }
      let forwardNoi = 0;
      for (const tranche of template.tranches) {
        const start = tranche.constructionStartMonth + k;
        const delivery = tranche.deliveryMonth + k + delay;
        const itMw = tranche.itMw;
        if (start >= horizon && !renewalDcf) continue;
        const capex = itMw * capexPerMonthNow;
        for (let m = start; m < start + buildMonths; m += 1) {
          if (m < horizon) out[m] = out[m]! + capex;
          // Capex still due after the horizon, valued at the horizon (construction class).
          else if (renewalDcf) out[last] = out[last]! + capex * power(constructionDf, m - last);
        }
        if (start < horizon) out[start] = out[start]! + itMw * prepayment;
        else out[last] = out[last]! + itMw * prepayment * power(leaseDf, start - last);
        for (let m = delivery; m < horizon; m += 1) {
          out[m] = out[m]! + itMw * unitNet[m - delivery]!;
        }
        if (renewalDcf && outcome.exitYieldPremiumPct !== 0) {
          // The lease's cash after the horizon, discounted to it at the exit yield.
          buildYieldTail(outcome.exitYieldPremiumPct);
          out[last] = out[last]! + itMw * yieldTailAt(delivery);
        } else if (renewalDcf) {
          // The lease's cash after the horizon, discounted to it at the lease rate.
          out[last] =
            out[last]! +
            itMw *
              (delivery < horizon
                ? tailValue[Math.min(leaseMonths, horizon - delivery)]!
                : power(leaseDf, delivery - horizon) * tailValue[0]!);
        } else if (terminal.kind === 'exit-cap') {
          const from = Math.max(0, horizon - delivery);
          const to = Math.min(leaseMonths, horizon + 12 - delivery);
          if (to > from) forwardNoi += itMw * (noiPrefix[to]! - noiPrefix[from]!);
        }
      }
      if (terminal.kind === 'exit-cap' && template.tranches.length > 0) {
        out[last] = out[last]! + forwardNoi / (outcome.exitCapRatePct / 100);
      }
      out[last] = out[last]! + siteResidual;
    },
  };
}
