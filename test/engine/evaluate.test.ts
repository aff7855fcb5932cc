import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate';
import { hashpriceUsdPerThDay } from '../../src/engine/network';
import { unitEconomics } from '../../src/engine/unitEconomics';
import { assertScenario, ScenarioError } from '../../src/schema/validate';
import { loadScenarioFile } from '../support/fixtures';
import { simpleSite } from '../support/simpleSite';

describe('evaluate', () => {
  it('validates first and throws a ScenarioError naming the field, value and rule', () => {
    const bad = { ...simpleSite(), site: { utilityMw: -5 } };
    expect(() => evaluate(bad)).toThrow(ScenarioError);
    try {
      evaluate(bad);
    } catch (error) {
      expect((error as ScenarioError).issues).toContainEqual({
        path: 'site.utilityMw',
        value: '-5',
        rule: 'must be greater than 0',
      });
    }
  });

  it('returns every strategy under every price case with incremental figures against keep mining', () => {
    const evaluation = evaluate({
      ...simpleSite(),
      priceCases: [
        { name: 'bear', kind: 'growth', startPriceUsd: 60_000, growthPctPerYear: 0 },
        { name: 'base', kind: 'growth', startPriceUsd: 80_000, growthPctPerYear: 10 },
      ],
    });
    expect(evaluation.referenceCaseIndex).toBe(1);
    for (const caseResult of evaluation.cases) {
      expect(caseResult.strategies.map((s) => s.strategyId)).toEqual([
        'keep-mining',
        'convert-now',
        'partial',
        'convert-at-month',
        'convert-at-best-month',
      ]);
      const keep = caseResult.strategies[0]!;
      expect(keep.incremental).toBeNull();
      for (const result of caseResult.strategies.slice(1)) {
        expect(result.incremental!.npvUsd).toBeCloseTo(result.npvUsd - keep.npvUsd, 6);
        const classTotal =
          result.npvByClassUsd.mining +
          result.npvByClassUsd.construction +
          result.npvByClassUsd.lease;
        expect(classTotal).toBeCloseTo(result.npvUsd, 6);
      }
    }
  });

  it('reports "never" payback and typed breakevens when one side wins everywhere', () => {
    // A lease at $1/kW-month never repays $12M per MW of capex within 3 years.
    const site = simpleSite();
    const evaluation = evaluate({
      ...site,
      conversion: { ...site.conversion, capexUsdPerItMw: 12_000_000 },
      lease: { ...site.lease, rateUsdPerKwMonth: 1 },
    });
    const convertNow = evaluation.cases[0]!.strategies[1]!;
    expect(convertNow.payback).toEqual({ kind: 'never' });
    if (!evaluation.breakevens.computed) throw new Error('expected breakevens');
    expect(evaluation.breakevens.leaseRateUsdPerKwMonth.kind).toBe('value');
    expect(evaluation.breakevens.capexUsdPerItMw.kind).toBe('mine-ahead-throughout');
  });

  it('sorts the tornado by swing and moves the advantage the expected way', () => {
    const evaluation = evaluate(simpleSite());
    const rows = evaluation.sensitivity;
    // Ten moves; the exit cap's only where the lease is valued by exit cap (here: renewal DCF).
    expect(rows).toHaveLength(9);
    const swings = rows.map((r) => Math.abs(r.highAdvantageUsd - r.lowAdvantageUsd));
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
    const lease = rows.find((r) => r.input === 'leaseRate')!;
    expect(lease.highAdvantageUsd).toBeGreaterThan(lease.lowAdvantageUsd);
    const btc = rows.find((r) => r.input === 'btcPrice')!;
    expect(btc.highAdvantageUsd).toBeLessThan(btc.lowAdvantageUsd);
  });

  it('the tornado has the lease side: exit cap, renewal, tenant default, construction delay', () => {
    const texas = loadScenarioFile('texas-300mw-hut8-style-lease.json');
    const evaluation = evaluate(texas);
    const row = (input: string) => evaluation.sensitivity.find((r) => r.input === input)!;
    // The preset values the lease by renewal DCF: an exit cap moves nothing, so it has no row.
    expect(assertScenario(texas).lease.terminalValue.kind).toBe('renewal-dcf');
    expect(evaluation.sensitivity.some((r) => r.input === 'exitCap')).toBe(false);
    const exitCapRows = evaluate({
      ...texas,
      lease: { ...texas.lease, terminalValue: { kind: 'exit-cap', exitCapRatePct: 7 } },
    }).sensitivity;
    const cap = exitCapRows.find((r) => r.input === 'exitCap')!;
    expect(cap.lowLabel).toBe('−100 bp');
    expect(cap.highAdvantageUsd).toBeLessThan(cap.baseAdvantageUsd);
    expect(cap.lowAdvantageUsd).toBeGreaterThan(cap.baseAdvantageUsd);
    const renewal = row('renewalProbability');
    expect(renewal.highAdvantageUsd).toBeGreaterThan(renewal.lowAdvantageUsd);
    const tenantDefault = row('tenantDefault');
    expect(tenantDefault.highAdvantageUsd).toBeLessThan(tenantDefault.baseAdvantageUsd);
    expect(tenantDefault.lowAdvantageUsd).toBeGreaterThan(tenantDefault.baseAdvantageUsd);
    const delay = row('constructionDelay');
    expect(delay.lowAdvantageUsd).toBe(delay.baseAdvantageUsd);
    expect(delay.highAdvantageUsd).toBeLessThan(delay.baseAdvantageUsd);
  });
});

describe('unit economics per ASIC model', () => {
  it('S21 XP Hydro at $75,000 and $0.06/kWh: power is about 52% of revenue (reference check)', () => {
    const scenario = assertScenario({
      ...simpleSite(),
      fleet: [{ model: 'Antminer S21 XP Hyd', units: 100, hashrateThs: 473, powerW: 5676 }],
    });
    const hashprice = hashpriceUsdPerThDay({
      difficulty: 141.67e12,
      btcPriceUsd: 75_000,
      subsidyBtc: 3.125,
      feesBtcPerBlock: 0.02,
    });
    const [s21] = unitEconomics(scenario, hashprice, 75_000, 60);
    expect(s21!.powerCostShareOfRevenue).toBeCloseTo(0.52, 2);
    expect(s21!.breakevenUsdPerKwh).toBeCloseTo(0.06 / (s21!.powerCostShareOfRevenue as number), 9);
    // At the shutdown BTC price, hashprice equals the shutdown hashprice.
    const atShutdown = hashpriceUsdPerThDay({
      difficulty: 141.67e12,
      btcPriceUsd: s21!.shutdownBtcPriceUsd as number,
      subsidyBtc: 3.125,
      feesBtcPerBlock: 0.02,
    });
    expect(atShutdown).toBeCloseTo(s21!.shutdownHashpriceUsdPerThDay, 12);
  });
});
