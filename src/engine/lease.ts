import type { Scenario } from '../schema/scenario';
import type { Arith } from './arith';
import { classDiscountRates } from './discount';
import { newSeries } from './series';

/**
 * Months of unit lease lines the horizon value needs: the horizon, and beyond it the 12 months of
 * forward NOI (exit cap) or the data hall's life (renewal DCF).
 */
export function leaseLineMonths(scenario: Scenario): number {
  const terminal = scenario.lease.terminalValue;
  const horizon = scenario.horizonMonths;
  if (terminal.kind === 'exit-cap') return horizon + 12;
  if (terminal.kind === 'renewal-dcf') return Math.max(horizon, valuationLifeMonths(scenario));
  return horizon;
}

/** The life of the converted hall (months from delivery) under the renewal DCF, else +∞. */
export function valuationLifeMonths(scenario: Scenario): number {
  const terminal = scenario.lease.terminalValue;
  return terminal.kind === 'renewal-dcf'
    ? Math.round(terminal.valuationLifeYears * 12)
    : Number.POSITIVE_INFINITY;
}

/** The longest a tranche's delivery can fall after the horizon, plus its construction (months). */
function maxMonthsPastHorizon(scenario: Scenario): number {
  const { tranches, constructionMonths } = scenario.conversion;
  const lastDelivery = Math.max(constructionMonths, ...tranches.map((t) => t.deliveryMonth));
  return lastDelivery + constructionMonths + 1;
}

/**
 * The lease leg for 1 MW of critical IT, by month since its delivery (j = 0 is the first month
 * after delivery); strategies shift and scale it per tranche. USD, income positive.
 */
export interface LeaseUnitLines<T> {
  /** Cash rent received: rent due less any prepaid rent credited against it. */
  readonly rentUsd: T[];
  /** Expected loss on the cash rent from a tenant default, after recovery and backstop. */
  readonly creditLossUsd: T[];
  /** Landlord operating cost: % of the rent due, plus the modified-gross cost per kW. */
  readonly landlordOpexUsd: T[];
  /** Accrual NOI: rent due × (1 − expected loss) + landlord opex; the terminal value base. */
  readonly noiUsd: T[];
  /** Year-1 rent prepaid at signing (the tranche's construction start). */
  readonly prepaymentUsd: T;
  /** Landlord capex of each construction month (negative). */
  readonly capexPerConstructionMonthUsd: T;
  /**
   * Renewal DCF: `tail[J] = Σ_{j ≥ J} (rent + credit loss + landlord opex)(j) × v^(j − J + 1)`,
   * the value at the end of month J − 1 of the lease's cash from month J on, v the lease class's
   * monthly discount factor; empty under the other rules.
   */
  readonly tailValueUsd: T[];
  /** `v^n` of the lease class, n = 0 …: values flows after the horizon at the horizon. */
  readonly leaseDiscountPowers: T[];
  /** `w^n` of the construction class: capex still due after the horizon, at the horizon. */
  readonly constructionDiscountPowers: T[];
}

/** `x^n` for n = 0 … count − 1 with `x = (1 + rate)^(−1/12)`, by repeated multiplication. */
function monthlyDiscountPowers<T>(arith: Arith<T>, annualRate: number, count: number): T[] {
  const monthly = arith.powFraction(arith.of(1 + annualRate), -1 / 12);
  const powers: T[] = [arith.of(1)];
  for (let n = 1; n < count; n += 1) powers.push(arith.mul(powers[n - 1]!, monthly));
  return powers;
}

/**
 * Rent due in month j: `1000 kW × rate × (1 + esc)^floor(j/12) × p_renew^floor(j/term)`, zero in
 * free-rent months; the renewal probability weights each further term (expected value).
 * Credit loss: survival `S(j) = (1 − pd)^((j+1)/12)`; expected loss = cash rent × (1 − S(j)) ×
 * (1 − recovery) × (1 − backstop).
 *
 * @example $150/kW-month, 3%/yr: month 0 rent $150,000 per IT MW, month 12 $154,500.
 */
export function buildLeaseUnitLines<T>(
  arith: Arith<T>,
  scenario: Scenario,
  horizonMonths: number,
): LeaseUnitLines<T> {
  const { lease } = scenario;
  const zero = arith.of(0);
  const one = arith.of(1);
  const termMonths = Math.max(1, Math.round(lease.termYears * 12));
  const yearOneRentPerMonth = arith.mul(arith.of(1000), arith.of(lease.rateUsdPerKwMonth));
  const escalator = arith.of(1 + lease.escalatorPctPerYear / 100);
  const renewal = arith.of(lease.renewalProbabilityPct / 100);
  const monthlySurvival = arith.powFraction(
    arith.of(1 - lease.tenantDefaultPctPerYear / 100),
    1 / 12,
  );
  const lossGivenDefault = arith.mul(
    arith.of(1 - lease.recoveryPct / 100),
    arith.of(1 - lease.backstopPct / 100),
  );
  const opexShare = arith.of(lease.landlordOpexPctOfRent / 100);
  const modifiedGrossCost =
    lease.leaseType === 'modified-gross'
      ? arith.mul(arith.of(1000), arith.of(lease.modifiedGrossCostUsdPerKwMonth))
      : zero;
  const prepayment = arith.mul(yearOneRentPerMonth, arith.of(lease.prepaymentMonthsOfRent));

  const lifeMonths = valuationLifeMonths(scenario);
  // Sized up front: the lease-rate breakeven and the tornado's lease moves build many of these.
  const lines = {
    rentUsd: newSeries(arith, horizonMonths),
    creditLossUsd: newSeries(arith, horizonMonths),
    landlordOpexUsd: newSeries(arith, horizonMonths),
    noiUsd: newSeries(arith, horizonMonths),
  };
  let rate = yearOneRentPerMonth;
  let inForce = one;
  let survival = one;
  let prepaidLeft = prepayment;
  for (let j = 0; j < horizonMonths; j += 1) {
    if (j >= lifeMonths) {
      // The hall's life is over: no more income (the site's own value is the site residual).
      lines.rentUsd[j] = zero;
      lines.creditLossUsd[j] = zero;
      lines.landlordOpexUsd[j] = zero;
      lines.noiUsd[j] = zero;
      continue;
    }
    if (j > 0 && j % 12 === 0) rate = arith.mul(rate, escalator);
    if (j > 0 && j % termMonths === 0) inForce = arith.mul(inForce, renewal);
    survival = arith.mul(survival, monthlySurvival);
    const scheduledRent = arith.mul(rate, inForce);
    const rentDue = j < lease.freeRentMonths ? zero : scheduledRent;
    const credited = arith.min(prepaidLeft, rentDue);
    prepaidLeft = arith.sub(prepaidLeft, credited);
    const cashRent = arith.sub(rentDue, credited);
    const expectedLossShare = arith.mul(arith.sub(one, survival), lossGivenDefault);
    const opex = arith.neg(
      arith.add(arith.mul(rentDue, opexShare), arith.mul(modifiedGrossCost, inForce)),
    );
    lines.rentUsd[j] = cashRent;
    lines.creditLossUsd[j] = arith.neg(arith.mul(cashRent, expectedLossShare));
    lines.landlordOpexUsd[j] = opex;
    lines.noiUsd[j] = arith.add(arith.mul(rentDue, arith.sub(one, expectedLossShare)), opex);
  }
  const rates = classDiscountRates(scenario);
  const leaseDiscountPowers = monthlyDiscountPowers(
    arith,
    rates.lease,
    maxMonthsPastHorizon(scenario),
  );
  const renewalDcf = lease.terminalValue.kind === 'renewal-dcf';
  const tailValueUsd = newSeries(arith, renewalDcf ? horizonMonths + 1 : 0);
  if (renewalDcf) {
    const v = leaseDiscountPowers[1] ?? monthlyDiscountPowers(arith, rates.lease, 2)[1]!;
    tailValueUsd[horizonMonths] = zero;
    for (let j = horizonMonths - 1; j >= 0; j -= 1) {
      const cash = arith.add(
        arith.add(lines.rentUsd[j]!, lines.creditLossUsd[j]!),
        lines.landlordOpexUsd[j]!,
      );
      tailValueUsd[j] = arith.mul(v, arith.add(cash, tailValueUsd[j + 1]!));
    }
  }
  return {
    ...lines,
    prepaymentUsd: prepayment,
    capexPerConstructionMonthUsd: capexPerConstructionMonth(arith, scenario),
    tailValueUsd,
    leaseDiscountPowers,
    constructionDiscountPowers: monthlyDiscountPowers(
      arith,
      rates.construction,
      maxMonthsPastHorizon(scenario),
    ),
  };
}

/** Landlord capex of each construction month per IT MW: `−capex × (1 − tenant share) ÷ months`. */
function capexPerConstructionMonth<T>(arith: Arith<T>, scenario: Scenario): T {
  const { conversion } = scenario;
  const landlordCapexPerMw = arith.mul(
    arith.of(conversion.capexUsdPerItMw),
    arith.of(1 - conversion.tenantFundedPct / 100),
  );
  return arith.neg(arith.div(landlordCapexPerMw, arith.of(conversion.constructionMonths)));
}

/**
 * The lease leg of `changed`, a scenario that differs from the one `unit` was built for only in
 * its conversion (capex, tenant share, construction months, tranches): the lines by lease month
 * do not depend on it and are shared; the capex per construction month and the discount powers
 * past the horizon are rebuilt. Equal, number for number, to `buildLeaseUnitLines` of `changed`
 * (the capex breakeven and the tornado's capex and delay moves use it; a test holds the two equal).
 */
export function withConversion<T>(
  arith: Arith<T>,
  unit: LeaseUnitLines<T>,
  changed: Scenario,
): LeaseUnitLines<T> {
  const rates = classDiscountRates(changed);
  const powersNeeded = maxMonthsPastHorizon(changed);
  return {
    ...unit,
    capexPerConstructionMonthUsd: capexPerConstructionMonth(arith, changed),
    leaseDiscountPowers: monthlyDiscountPowers(arith, rates.lease, powersNeeded),
    constructionDiscountPowers: monthlyDiscountPowers(arith, rates.construction, powersNeeded),
  };
}
