import { describe, expect, it } from 'vitest';
import { addDebtFlowToEquity, buildFleetDebt, buildProjectDebt } from '../../src/engine/debt';
import { fleetDebtSchema, projectDebtSchema } from '../../src/schema/scenario';

const terms = (overrides: Record<string, unknown> = {}) =>
  projectDebtSchema.parse({
    constructionFeePct: 0,
    termFeePct: 0,
    constructionCouponPctPerYear: 0,
    ...overrides,
  });

const huge = (n: number) => new Array(n).fill(1e12);

describe('project debt', () => {
  it('$10M capex, 60%, 8% level over 12 months: $6M drawn, payments $521,930.57 (TSDoc example)', () => {
    const debt = buildProjectDebt(
      terms({ loanToCostPct: 60, termCouponPctPerYear: 8, tenorYears: 1, amortisation: 'level' }),
      {
        horizonMonths: 14,
        capexUsd: [-10_000_000, ...new Array(13).fill(0)],
        termOutMonth: 1,
        contractedCfadsUsd: huge(20),
        cfadsUsd: huge(14),
        backstopShare: 0,
      },
    );
    expect(debt.drawsUsd[0]).toBe(6_000_000);
    expect(debt.sizing).toMatchObject({
      termLoanUsd: 6_000_000,
      binding: 'loan-to-cost',
      termOutMonth: 1,
    });
    for (let m = 1; m < 12; m += 1)
      expect(Math.abs(debt.debtServiceUsd[m]! - 521_930.57)).toBeLessThanOrEqual(0.01 + 1e-6);
    expect(debt.closingBalanceUsd[12]).toBe(0);
  });

  it('construction interest capitalised grows the balance; paid, it is an equity outflow', () => {
    const input = {
      horizonMonths: 6,
      capexUsd: [-1_000_000, -1_000_000, 0, 0, 0, 0],
      termOutMonth: 10,
      contractedCfadsUsd: huge(40),
      cfadsUsd: huge(6),
      backstopShare: 0,
    };
    const capitalised = buildProjectDebt(
      terms({ loanToCostPct: 50, constructionCouponPctPerYear: 12 }),
      input,
    );
    // Month 1: 1% of $500,000; month 2: 1% of $1,005,000.
    expect(capitalised.capitalisedInterestUsd[1]).toBe(5_000);
    expect(capitalised.closingBalanceUsd[1]).toBe(1_005_000);
    expect(capitalised.capitalisedInterestUsd[2]).toBe(10_050);
    // Never termed out inside the horizon: repaid in the last month.
    expect(capitalised.sizing.termOutMonth).toBeNull();
    expect(capitalised.closingBalanceUsd[5]).toBe(0);
    const paid = buildProjectDebt(
      terms({
        loanToCostPct: 50,
        constructionCouponPctPerYear: 12,
        capitaliseConstructionInterest: false,
      }),
      input,
    );
    expect(paid.interestPaidUsd[2]).toBe(10_000);
    const flow = new Array<number>(6).fill(0);
    addDebtFlowToEquity(paid, flow);
    expect(flow[2]).toBe(-10_000);
  });

  it('adds the lenders’ flow to equity month by month (the TSDoc example)', () => {
    const schedule = {
      drawsUsd: [100, 0],
      interestPaidUsd: [0, 1],
      principalUsd: [0, 100],
      feesUsd: [0, 0],
    } as unknown as Parameters<typeof addDebtFlowToEquity>[0];
    const into = [0, 0];
    addDebtFlowToEquity(schedule, into);
    expect(into).toEqual([100, -101]);
    addDebtFlowToEquity(schedule, into);
    expect(into).toEqual([200, -202]);
  });

  it('sized by the lesser of loan-to-cost and the DSCR: sculpted service = contracted cash flow ÷ DSCR', () => {
    const cfads = [0, 0, ...new Array(24).fill(100_000)];
    const debt = buildProjectDebt(
      terms({
        loanToCostPct: 80,
        termCouponPctPerYear: 6,
        tenorYears: 2,
        amortisation: 'sculpted',
        minDscr: 1.25,
      }),
      {
        horizonMonths: 26,
        capexUsd: [-5_000_000, -5_000_000, ...new Array(24).fill(0)],
        termOutMonth: 2,
        contractedCfadsUsd: cfads,
        cfadsUsd: cfads,
        backstopShare: 0,
      },
    );
    expect(debt.sizing.binding).toBe('dscr');
    // P = Σ 80,000 / 1.005^k, k = 1 … 24
    const capacity = (80_000 * (1 - 1.005 ** -24)) / 0.005;
    expect(debt.sizing.dscrCapacityUsd).toBeCloseTo(capacity, 6);
    expect(debt.sizing.termLoanUsd).toBe(Math.floor(capacity * 100) / 100);
    // The rest of the $8M construction balance is paid down by equity at term-out.
    expect(debt.principalUsd[1]).toBeCloseTo(8_000_000 - debt.sizing.termLoanUsd, 2);
    for (let m = 2; m < 25; m += 1) expect(debt.dscr[m]).toBeCloseTo(1.25, 5);
    expect(debt.minDscr).toBeCloseTo(1.25, 5);
  });

  it('a tenant backstop moves loan-to-cost and the minimum DSCR towards their backstop values', () => {
    const debt = buildProjectDebt(
      terms({ loanToCostPct: 60, backstopLoanToCostPct: 80, minDscr: 1.3, backstopMinDscr: 1.1 }),
      {
        horizonMonths: 4,
        capexUsd: [-1_000_000, 0, 0, 0],
        termOutMonth: 1,
        contractedCfadsUsd: huge(200),
        cfadsUsd: huge(4),
        backstopShare: 0.5,
      },
    );
    expect(debt.sizing.loanToCost).toBeCloseTo(0.7, 12);
    expect(debt.sizing.minDscr).toBeCloseTo(1.2, 12);
    expect(debt.drawsUsd[0]).toBe(700_000);
  });

  it('fees: the facility fee at the first draw on the commitment, the term fee at term-out', () => {
    const debt = buildProjectDebt(
      terms({ loanToCostPct: 50, constructionFeePct: 1, termFeePct: 0.5, tenorYears: 1 }),
      {
        horizonMonths: 20,
        capexUsd: [0, -1_000_000, -1_000_000, ...new Array(17).fill(0)],
        termOutMonth: 3,
        contractedCfadsUsd: huge(30),
        cfadsUsd: huge(20),
        backstopShare: 0,
      },
    );
    expect(debt.feesUsd[1]).toBe(10_000);
    expect(debt.feesUsd[2]).toBe(5_000);
    const amortised = debt.feeAmortisationUsd.reduce((a, b) => a + b, 0);
    expect(amortised).toBeCloseTo(15_000, 6);
  });
});

describe('fleet debt', () => {
  it('$1M of mining capex, 50%, 12%, 3 years: $500,000 drawn, payments $16,607.15 (TSDoc example)', () => {
    const debt = buildFleetDebt(fleetDebtSchema.parse({ upfrontFeePct: 2 }), 48, [
      0,
      -1_000_000,
      ...new Array(46).fill(0),
    ]);
    expect(debt.drawsUsd[1]).toBe(500_000);
    expect(debt.feesUsd[1]).toBe(10_000);
    expect(Math.abs(debt.debtServiceUsd[2]! - 16_607.15)).toBeLessThanOrEqual(0.01);
    expect(debt.closingBalanceUsd[37]).toBe(0);
    expect(debt.closingBalanceUsd[1]).toBe(500_000);
  });

  it('a loan still running at the horizon is repaid in its last month', () => {
    const debt = buildFleetDebt(fleetDebtSchema.parse({}), 12, [
      -1_000_000,
      ...new Array(11).fill(0),
    ]);
    expect(debt.closingBalanceUsd[11]).toBe(0);
    const repaid = debt.principalUsd.reduce((a, b) => a + b, 0);
    expect(repaid).toBeCloseTo(500_000, 6);
  });
});
