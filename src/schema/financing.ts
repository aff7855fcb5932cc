import './zodConfig';
import { z } from 'zod';
import { int, num, percent } from './primitives';

/** The three views of every strategy's figures (docs/model.md §12). */
export const FINANCIAL_VIEWS = [
  'unlevered-pre-tax',
  'unlevered-after-tax',
  'levered-after-tax',
] as const;

/**
 * Project debt on the conversion (docs/model.md §12.2): a construction facility drawn with the
 * landlord's capex, termed out at the last delivery, sized by the lesser of loan-to-cost and the
 * minimum DSCR on contracted rent. A lease backstop moves both limits towards their backstop values.
 */
export const projectDebtSchema = z
  .strictObject({
    loanToCostPct: percent('Construction facility as a share of the landlord capex (%)').default(
      60,
    ),
    backstopLoanToCostPct: percent(
      'Loan-to-cost allowed with a fully backstopped lease (lease.backstopPct = 100) (%)',
    ).default(75),
    constructionCouponPctPerYear: num('Coupon of the construction facility (% per year, monthly)', {
      min: 0,
      max: 50,
    }).default(8),
    capitaliseConstructionInterest: z
      .boolean()
      .default(true)
      .describe('Add construction interest to the loan (true) or pay it from equity (false)'),
    constructionFeePct: percent(
      'Upfront fee on the facility commitment, paid at the first draw (%)',
    ).default(1),
    termCouponPctPerYear: num('Coupon of the term loan (% per year, monthly)', {
      min: 0,
      max: 50,
    }).default(7),
    termFeePct: percent('Upfront fee on the term loan, paid at term-out (%)').default(0.5),
    tenorYears: int('Tenor of the term loan from term-out (years)', 1, 40).default(10),
    amortisation: z
      .enum(['level', 'sculpted'])
      .default('sculpted')
      .describe(
        'level: equal monthly payments (PMT); sculpted: debt service = contracted cash flow ÷ the minimum DSCR',
      ),
    minDscr: num('Minimum debt service cover on contracted rent (ratio)', {
      min: 1,
      max: 10,
    }).default(1.3),
    backstopMinDscr: num('Minimum DSCR with a fully backstopped lease (ratio)', {
      min: 1,
      max: 10,
    }).default(1.15),
  })
  .describe('Construction facility and term loan on the conversion');

/** An equipment loan on every mining-class capex line (fleet purchase or refresh). */
export const fleetDebtSchema = z
  .strictObject({
    loanToValuePct: percent('Equipment loan as a share of the mining capex (%)').default(50),
    couponPctPerYear: num('Coupon of the equipment loan (% per year, monthly)', {
      min: 0,
      max: 50,
    }).default(12),
    tenorYears: int('Tenor of the equipment loan, level payments (years)', 1, 10).default(3),
    upfrontFeePct: percent('Upfront fee on each equipment loan (%)').default(2),
  })
  .describe('Equipment loan on mining-class capex');

/** Financing of every strategy and the view the board sees (optional: absent = unlevered pre-tax). */
export const financingSchema = z
  .strictObject({
    boardView: z
      .enum(FINANCIAL_VIEWS)
      .default('unlevered-pre-tax')
      .describe('The view whose figures the verdict, breakevens and board pack use'),
    costOfEquityPctPerYear: num('Discount rate of the equity flows (% per year)', {
      min: 0,
      max: 100,
    }).default(15),
    projectDebt: projectDebtSchema
      .nullable()
      .default(null)
      .describe('Project debt on the conversion; null = none'),
    fleetDebt: fleetDebtSchema
      .nullable()
      .default(null)
      .describe('Equipment loan on mining capex; null = none'),
  })
  .describe('Debt and the board view (docs/model.md §12)');

/** US corporate income tax of the site as a standalone taxpayer (optional: absent = no tax). */
export const taxSchema = z
  .strictObject({
    federalRatePct: percent('Federal corporate income tax rate (%)').default(21),
    stateRatePct: percent('State corporate income tax rate, deductible federally (%)').default(0),
    bonusDepreciationPct: percent(
      'Bonus depreciation in the year placed in service, on 5- and 15-year property (%)',
    ).default(100),
    fitOut15YearSharePct: percent(
      'Share of the data-centre fit-out in the 15-year class; the rest is 39-year (%)',
    ).default(30),
    interestLimitation: z
      .boolean()
      .default(false)
      .describe('Limit deductible interest to 30% of EBITDA (§163(j)); the excess carries forward'),
    lossUsePctOfTaxableIncome: percent(
      "Share of a year's taxable income that losses carried forward may offset (%)",
    ).default(80),
    openingLossCarryforwardUsd: num('Tax losses carried into the first year (USD)', {
      min: 0,
      max: 1e12,
    }).default(0),
    discountRatePctPerYear: num('Discount rate of the tax flows (% per year)', { min: 0, max: 100 })
      .nullable()
      .default(null)
      .describe('Discount rate of the tax flows (% per year); null = the WACC'),
  })
  .describe('Corporate income tax, depreciation and losses (docs/model.md §12.1)');
