import './zodConfig';
import { z } from 'zod/mini';
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
    loanToCostPct: z._default(
      percent('Construction facility as a share of the landlord capex (%)'),
      60,
    ),
    backstopLoanToCostPct: z._default(
      percent('Loan-to-cost allowed with a fully backstopped lease (lease.backstopPct = 100) (%)'),
      75,
    ),
    constructionCouponPctPerYear: z._default(
      num('Coupon of the construction facility (% per year, monthly)', {
        min: 0,
        max: 50,
      }),
      8,
    ),
    capitaliseConstructionInterest: z
      ._default(z.boolean(), true)
      .check(
        z.describe('Add construction interest to the loan (true) or pay it from equity (false)'),
      ),
    constructionFeePct: z._default(
      percent('Upfront fee on the facility commitment, paid at the first draw (%)'),
      1,
    ),
    termCouponPctPerYear: z._default(
      num('Coupon of the term loan (% per year, monthly)', {
        min: 0,
        max: 50,
      }),
      7,
    ),
    termFeePct: z._default(percent('Upfront fee on the term loan, paid at term-out (%)'), 0.5),
    tenorYears: z._default(int('Tenor of the term loan from term-out (years)', 1, 40), 10),
    amortisation: z
      ._default(z.enum(['level', 'sculpted']), 'sculpted')
      .check(
        z.describe(
          'level: equal monthly payments (PMT); sculpted: debt service = contracted cash flow ÷ the minimum DSCR',
        ),
      ),
    minDscr: z._default(
      num('Minimum debt service cover on contracted rent (ratio)', {
        min: 1,
        max: 10,
      }),
      1.3,
    ),
    backstopMinDscr: z._default(
      num('Minimum DSCR with a fully backstopped lease (ratio)', {
        min: 1,
        max: 10,
      }),
      1.15,
    ),
  })
  .check(z.describe('Construction facility and term loan on the conversion'));

/** An equipment loan on every mining-class capex line (fleet purchase or refresh). */
export const fleetDebtSchema = z
  .strictObject({
    loanToValuePct: z._default(percent('Equipment loan as a share of the mining capex (%)'), 50),
    couponPctPerYear: z._default(
      num('Coupon of the equipment loan (% per year, monthly)', {
        min: 0,
        max: 50,
      }),
      12,
    ),
    tenorYears: z._default(int('Tenor of the equipment loan, level payments (years)', 1, 10), 3),
    upfrontFeePct: z._default(percent('Upfront fee on each equipment loan (%)'), 2),
  })
  .check(z.describe('Equipment loan on mining-class capex'));

/** Financing of every strategy and the view the board sees (optional: absent = unlevered pre-tax). */
export const financingSchema = z
  .strictObject({
    boardView: z
      ._default(z.enum(FINANCIAL_VIEWS), 'unlevered-pre-tax')
      .check(z.describe('The view whose figures the verdict, breakevens and board pack use')),
    costOfEquityPctPerYear: z._default(
      num('Discount rate of the equity flows (% per year)', {
        min: 0,
        max: 100,
      }),
      15,
    ),
    projectDebt: z
      ._default(z.nullable(projectDebtSchema), null)
      .check(z.describe('Project debt on the conversion; null = none')),
    fleetDebt: z
      ._default(z.nullable(fleetDebtSchema), null)
      .check(z.describe('Equipment loan on mining capex; null = none')),
  })
  .check(z.describe('Debt and the board view (docs/model.md §12)'));

/** US corporate income tax of the site as a standalone taxpayer (optional: absent = no tax). */
export const taxSchema = z
  .strictObject({
    federalRatePct: z._default(percent('Federal corporate income tax rate (%)'), 21),
    stateRatePct: z._default(
      percent('State corporate income tax rate, deductible federally (%)'),
      0,
    ),
    bonusDepreciationPct: z._default(
      percent('Bonus depreciation in the year placed in service, on 5- and 15-year property (%)'),
      100,
    ),
    fitOut15YearSharePct: z._default(
      percent('Share of the data-centre fit-out in the 15-year class; the rest is 39-year (%)'),
      30,
    ),
    interestLimitation: z
      ._default(z.boolean(), false)
      .check(
        z.describe(
          'Limit deductible interest to 30% of EBITDA (§163(j)); the excess carries forward',
        ),
      ),
    lossUsePctOfTaxableIncome: z._default(
      percent("Share of a year's taxable income that losses carried forward may offset (%)"),
      80,
    ),
    openingLossCarryforwardUsd: z._default(
      num('Tax losses carried into the first year (USD)', {
        min: 0,
        max: 1e12,
      }),
      0,
    ),
    discountRatePctPerYear: z
      ._default(
        z.nullable(num('Discount rate of the tax flows (% per year)', { min: 0, max: 100 })),
        null,
      )
      .check(z.describe('Discount rate of the tax flows (% per year); null = the WACC')),
  })
  .check(z.describe('Corporate income tax, depreciation and losses (docs/model.md §12.1)'));
