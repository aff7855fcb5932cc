import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate';
import { pmt } from '../../src/engine/finance';

const modelDoc = readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8');

function docBlock(tag: string): unknown {
  const match = new RegExp(`\`\`\`json ${tag}\\n([\\s\\S]*?)\`\`\``).exec(modelDoc);
  if (!match) throw new Error(`docs/model.md has no \`\`\`json ${tag} block`);
  return JSON.parse(match[1]!);
}

const scenario = {
  ...(docBlock('worked-example-scenario') as object),
  ...(docBlock('financing-example-sections') as object),
};
const { serviceUsd, ...expected } = docBlock('financing-example-results') as Record<
  string,
  number
> & {
  serviceUsd: number[];
};

describe('the financing and tax worked example of docs/model.md §12.3', () => {
  const evaluation = evaluate(scenario, { sensitivity: false });
  const [keep, convert] = evaluation.cases[0]!.strategies;
  const levered = convert!.financing!.leveredAfterTax!;
  const debt = levered.projectDebt!;
  const leveredTax = levered.tax!.years[1]!;

  it('the engine gives the numbers the document states', () => {
    expect(debt.sizing.binding).toBe('dscr');
    expect(debt.sizing.termLoanUsd).toBe(expected.termLoanUsd);
    expect(debt.principalUsd[11]).toBeCloseTo(expected.paydownUsd!, 2);
    expect(debt.debtServiceUsd[12]).toBeCloseTo(expected.paymentUsd!, 2);
    expect(debt.interestPaidUsd[12]).toBeCloseTo(expected.month12InterestUsd!, 2);
    expect(debt.principalUsd[12]).toBeCloseTo(expected.month12PrincipalUsd!, 2);
    expect(debt.interestPaidUsd.reduce((a, b) => a + b, 0)).toBeCloseTo(
      expected.interestTotalUsd!,
      2,
    );
    expect(leveredTax.depreciationUsd).toBe(expected.depreciationYear1Usd);
    expect(leveredTax.basisWrittenOffUsd).toBe(expected.writtenOffYear1Usd);
    expect(leveredTax.taxableIncomeUsd).toBe(expected.taxableIncomeYear1Usd);
    expect(leveredTax.taxUsd).toBe(expected.leveredTaxYear1Usd);
    expect(convert!.financing!.unleveredAfterTax.tax!.years[1]!.taxUsd).toBe(
      expected.unleveredTaxYear1Usd,
    );
    expect(keep!.financing!.unleveredAfterTax.tax!.years[0]!.taxUsd).toBe(
      expected.keepMiningTaxPerYearUsd,
    );
    expect(levered.npvUsd).toBeCloseTo(expected.equityNpvUsd!, 2);
    expect(levered.peakFundingUsd).toBeCloseTo(expected.equityPeakFundingUsd!, 2);
    expect(levered.minDscr).toBeCloseTo(1.3, 6);
    expect(Array.from(debt.debtServiceUsd.slice(12))).toEqual(serviceUsd);
  });

  it("the document's numbers follow from its equations by hand", () => {
    const r = 0.06 / 12;
    const capacity = (1_200_000 / 1.3) * ((1 - (1 + r) ** -12) / r);
    expect(Math.floor(capacity * 100) / 100).toBe(expected.termLoanUsd);
    expect(20_000_000.04 - expected.termLoanUsd!).toBeCloseTo(expected.paydownUsd!, 2);
    expect(-pmt(r, 12, expected.termLoanUsd!)).toBeCloseTo(expected.paymentUsd!, 2);
    expect(expected.termLoanUsd! * r).toBeCloseTo(expected.month12InterestUsd!, 2);
    expect(12 * (1_200_000 / 1.3) - capacity).toBeCloseTo(expected.interestTotalUsd!, 1);
    const basis = 12 * 3_333_333.33;
    expect(0.05 * basis).toBeCloseTo(expected.depreciationYear1Usd!, 1);
    const taxable =
      194_400_000 -
      expected.depreciationYear1Usd! -
      expected.writtenOffYear1Usd! -
      expected.interestTotalUsd!;
    expect(taxable).toBeCloseTo(expected.taxableIncomeYear1Usd!, 2);
    expect(0.21 * taxable).toBeCloseTo(expected.leveredTaxYear1Usd!, 2);
    // Equity flows as listed in step 5, discounted at 12%.
    const flows: number[] = [];
    for (let m = 0; m < 24; m += 1) {
      let flow = m < 12 ? -40_000_000 / 12 + 1_666_666.67 : 1_200_000 - serviceUsd[m - 12]!;
      if (m === 11) flow -= expected.paydownUsd!;
      if (m === 23) flow += 180_000_000 - expected.leveredTaxYear1Usd!;
      flows.push(flow);
    }
    const npv = flows.reduce((sum, flow, m) => sum + flow * 1.12 ** (-(m + 1) / 12), 0);
    expect(npv).toBeCloseTo(expected.equityNpvUsd!, 2);
    let cumulative = 0;
    let lowest = 0;
    for (const flow of flows) {
      cumulative += flow;
      lowest = Math.min(lowest, cumulative);
    }
    expect(-lowest).toBeCloseTo(expected.equityPeakFundingUsd!, 2);
  });
});
