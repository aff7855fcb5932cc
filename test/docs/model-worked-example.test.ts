import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate';
import { buildLedgers } from '../../src/engine/ledger';

const modelDoc = readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8');

/** The fenced ```json <tag> block of docs/model.md, parsed. */
function docBlock(tag: string): unknown {
  const match = new RegExp(`\`\`\`json ${tag}\\n([\\s\\S]*?)\`\`\``).exec(modelDoc);
  if (!match) throw new Error(`docs/model.md has no \`\`\`json ${tag} block`);
  return JSON.parse(match[1]!);
}

const scenario = docBlock('worked-example-scenario');
const expected = docBlock('worked-example-results') as Record<string, number>;

describe('the worked example of docs/model.md', () => {
  const evaluation = evaluate(scenario);
  const caseResult = evaluation.cases[0]!;
  const keep = caseResult.strategies.find((s) => s.strategyId === 'keep-mining')!;
  const convert = caseResult.strategies.find((s) => s.strategyId === 'convert-now')!;

  it('the engine gives the numbers the document states', () => {
    expect(caseResult.series.hashpriceUsdPerThDay[0]).toBeCloseTo(
      expected.hashpriceUsdPerThDay!,
      10,
    );
    expect(keep.lines.miningRevenueUsd[0]).toBeCloseTo(expected.januaryRevenueUsd!, 2);
    expect(keep.lines.powerUsd[0]).toBeCloseTo(expected.januaryPowerUsd!, 2);
    expect(keep.netCashFlowUsd[0]).toBeCloseTo(expected.januaryNetUsd!, 2);
    expect(keep.lines.miningRevenueUsd[1]).toBeCloseTo(expected.februaryRevenueUsd!, 2);
    expect(keep.npvUsd).toBeCloseTo(expected.keepMiningNpvUsd!, 2);
    expect(convert.npvUsd).toBeCloseTo(expected.convertNowNpvUsd!, 2);
    if (!evaluation.breakevens.computed) throw new Error('breakevens missing');
    const leaseBreakeven = evaluation.breakevens.leaseRateUsdPerKwMonth;
    expect(leaseBreakeven.kind === 'value' && leaseBreakeven.value).toBeCloseTo(
      expected.breakevenLeaseRateUsdPerKwMonth!,
      4,
    );
  });

  it('the ledger of record states January as the document does', () => {
    const ledger = buildLedgers(evaluation.scenario)[0]!;
    expect(ledger.rows[0]!.amounts.netCashFlowUsd).toBe(expected.januaryNetUsd!.toFixed(2));
    expect(ledger.rows[0]!.amounts.presentValueUsd).toBe(
      expected.januaryPresentValueUsd!.toFixed(2),
    );
  });

  it('the hand formulas of the document give the same numbers, independently of the engine', () => {
    const v = 1.1 ** (-1 / 12);
    const hashprice = (86_400e12 * 3.125 * 80_000) / (140e12 * 2 ** 32);
    const days = evaluation.months.map((m) => m.days);
    const keepNpv = days.reduce(
      (sum, d, m) => sum + (hashprice * 100_000 * d - 2 * 24 * d * 50) * v ** (m + 1),
      0,
    );
    const discountSum = (from: number, to: number) => {
      let total = 0;
      for (let m = from; m <= to; m += 1) total += v ** (m + 1);
      return total;
    };
    const capexPv = (40_000_000 / 12) * discountSum(0, 11);
    const rentAnnuityPerKw = discountSum(12, 23) + (12 * v ** 24) / 0.08;
    const convertNpv = -capexPv + 8_000 * 150 * rentAnnuityPerKw;
    expect(hashprice).toBeCloseTo(expected.hashpriceUsdPerThDay!, 10);
    expect(keepNpv).toBeCloseTo(expected.keepMiningNpvUsd!, 2);
    expect(convertNpv).toBeCloseTo(expected.convertNowNpvUsd!, 2);
    expect((keepNpv + capexPv) / (8_000 * rentAnnuityPerKw)).toBeCloseTo(
      expected.breakevenLeaseRateUsdPerKwMonth!,
      4,
    );
    expect(36_959.57 * v).toBeCloseTo(expected.januaryPresentValueUsd!, 2);
  });
});
