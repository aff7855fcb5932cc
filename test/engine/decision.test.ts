import { describe, expect, it } from 'vitest';
import { horizonValuePvUsd } from '../../src/engine/decision';
import { formatUsdShort } from '../../src/engine/format';
import { bestByNpv, type Evaluation, evaluate, phraseDiscountRates } from '../../src/engine/index';
import type { Scenario } from '../../src/schema/scenario';
import { assertScenario } from '../../src/schema/validate';
import { loadScenarioFile } from '../support/fixtures';

const texas = assertScenario(loadScenarioFile('texas-300mw-hut8-style-lease.json'));
const feb = assertScenario(loadScenarioFile('feb-2026-market-snapshot.json'));
const texasEvaluation = evaluate(texas);
const febEvaluation = evaluate(feb, { sensitivity: false });

const statement = (evaluation: Evaluation, id: string) =>
  [...evaluation.decision.drivers, ...evaluation.decision.warnings].find((s) => s.id === id);

describe('the decision: best strategy, margin, cases won', () => {
  it('picks the highest NPV of the reference case and says by how much, in one sentence', () => {
    const d = texasEvaluation.decision;
    const base = texasEvaluation.cases[texasEvaluation.referenceCaseIndex]!;
    expect(d.caseName).toBe('base');
    expect(d.best.strategyId).toBe(bestByNpv(base.strategies).strategyId);
    expect(d.best.strategyId).toBe('convert-now');
    expect(d.marginOver.strategyId).toBe('keep-mining');
    expect(d.marginUsd).toBe(d.best.npvUsd - d.keepMining.npvUsd);
    const btc = d.breakevens.find((b) => b.input === 'btcPrice')!;
    expect(btc.result.kind).toBe('value');
    expect(d.sentence).toBe(
      `In the base case, converting all 300 MW now (245 MW of critical IT) beats keeping it mining by ${formatUsdShort(d.marginUsd)} NPV at 8% (lease) / 20% (mining) / 10% (capex); it stays ahead unless BTC averages above ${formatUsdShort(btc.result.kind === 'value' ? btc.result.value : 0)}.`,
    );
    expect(d.casesWon).toEqual(
      texasEvaluation.cases
        .filter((c) => bestByNpv(c.strategies).strategyId === 'convert-now')
        .map((c) => c.priceCase.name),
    );
  });

  it('says so when keeping the site mining wins, measured against the best conversion', () => {
    const evaluation = evaluate(
      { ...texas, lease: { ...texas.lease, rateUsdPerKwMonth: 5 } },
      { sensitivity: false },
    );
    const d = evaluation.decision;
    expect(d.best.strategyId).toBe('keep-mining');
    expect(d.marginOver).toEqual(d.bestConversion);
    expect(d.marginUsd).toBeGreaterThan(0);
    expect(d.marginUsd).toBe(d.keepMining.npvUsd - d.bestConversion.npvUsd);
    expect(d.sentence).toMatch(
      /^In the base case, keeping the site mining beats the best conversion \(.+\) by \$[\d.,]+ (M|bn) NPV at /,
    );
  });

  it('phrases one rate once', () => {
    const oneRate: Scenario = {
      ...texas,
      finance: {
        discountRatePctPerYear: 9,
        miningDiscountRatePctPerYear: null,
        constructionDiscountRatePctPerYear: null,
        leaseDiscountRatePctPerYear: null,
      },
    };
    expect(phraseDiscountRates(oneRate)).toBe('9%');
    const gap = statement(evaluate(oneRate, { sensitivity: false }), 'discount-rate-gap')!;
    expect(gap).toMatchObject({ kind: 'driver', figures: { effectUsd: 0 } });
    expect(gap.text).toBe(
      'Every cash flow is discounted at 9%: no gap between the mining and lease rates favours either side.',
    );
  });

  it('breaks NPV ties in favour of the earlier (simpler) strategy', () => {
    const base = texasEvaluation.cases[1]!.strategies;
    const tied = [base[0]!, { ...base[1]!, npvUsd: base[0]!.npvUsd }];
    expect(bestByNpv(tied)).toBe(base[0]);
  });
});

describe('the breakevens and the side that wins above each', () => {
  it('names the side that an evaluation just above the breakeven finds ahead', () => {
    const lease = texasEvaluation.decision.breakevens.find((b) => b.input === 'leaseRate')!;
    const capex = texasEvaluation.decision.breakevens.find((b) => b.input === 'capex')!;
    if (lease.result.kind !== 'value' || capex.result.kind !== 'value') {
      throw new Error('expected solved breakevens');
    }
    const convertLead = (s: Scenario) => {
      const reference = evaluate(s, { breakevens: false, sensitivity: false });
      const strategies = reference.cases[reference.referenceCaseIndex]!.strategies;
      return strategies.find((x) => x.strategyId === 'convert-now')!.incremental!.npvUsd;
    };
    const aboveLease = convertLead({
      ...texas,
      lease: { ...texas.lease, rateUsdPerKwMonth: lease.result.value * 1.05 },
    });
    expect(lease.aboveWins).toBe(aboveLease > 0 ? 'convert-now' : 'keep-mining');
    expect(lease.aboveWins).toBe('convert-now');
    const aboveCapex = convertLead({
      ...texas,
      conversion: { ...texas.conversion, capexUsdPerItMw: capex.result.value * 1.05 },
    });
    expect(capex.aboveWins).toBe(aboveCapex > 0 ? 'convert-now' : 'keep-mining');
    expect(capex.aboveWins).toBe('keep-mining');
    expect(capex.noteText).toMatch(/; keep mining wins above it\.$/);
    expect(lease.noteText).toBe(
      `Now $158.70/kW-mo (breakeven −${Math.round(((158.7 - lease.result.value) / 158.7) * 100)}% away); converting now wins above it.`,
    );
  });

  it('states a breakeven outside the searched range as the side that leads throughout', () => {
    const power = texasEvaluation.decision.breakevens.find((b) => b.input === 'powerPrice')!;
    expect(power.result.kind).toBe('convert-ahead-throughout');
    expect(power.aboveWins).toBeNull();
    expect(power.valueText).toBe('No breakeven in range');
    expect(power.noteText).toMatch(
      /^Converting leads at every power price from \$0\.00\/MWh to \$10,000\.00\/MWh\. Now \$[\d.,]+\/MWh\.$/,
    );
  });
});

describe('drivers and warnings', () => {
  it('horizon value: its share of the NPV, recomputed from the lines', () => {
    const d = febEvaluation.decision;
    const s = statement(febEvaluation, 'horizon-value-share')!;
    const reference = febEvaluation.cases[febEvaluation.referenceCaseIndex]!;
    const best = reference.strategies.find((x) => x.strategyId === d.best.strategyId)!;
    // Independently: the lease after the horizon (lease rate), the site residual (construction
    // rate) and the last month's resale (mining rate), all in the last month.
    const h = feb.horizonMonths;
    const pv =
      best.lines.terminalValueUsd[h - 1]! * 1.08 ** (-h / 12) +
      best.lines.siteResidualUsd[h - 1]! * 1.1 ** (-h / 12) +
      best.lines.fleetResaleUsd[h - 1]! * 1.2 ** (-h / 12);
    expect(best.lines.siteResidualUsd[h - 1]).toBeGreaterThan(0);
    expect(horizonValuePvUsd(best, feb)).toBeCloseTo(pv, 2);
    expect(s.figures.share).toBeCloseTo(pv / best.npvUsd, 12);
    expect(s.kind).toBe(s.figures.share! >= 0.5 ? 'warning' : 'driver');
    expect(
      s.text.startsWith(`${Math.round(s.figures.share! * 100)}% of the NPV of “${best.label}” `),
    ).toBe(true);
  });

  it('the discount-rate gap: the lead at the mining rate for every flow, recomputed', () => {
    const s = statement(febEvaluation, 'discount-rate-gap')!;
    const reference = febEvaluation.cases[febEvaluation.referenceCaseIndex]!;
    const byId = (id: string) => reference.strategies.find((x) => x.strategyId === id)!;
    const conversion = byId(febEvaluation.decision.bestConversion.strategyId);
    const keep = byId('keep-mining');
    const atMiningRate = (flows: number[]) =>
      flows.reduce((sum, flow, m) => sum + flow * 1.2 ** (-(m + 1) / 12), 0);
    const lead = atMiningRate(conversion.netCashFlowUsd) - atMiningRate(keep.netCashFlowUsd);
    expect(s.figures.leadAtMiningRateUsd).toBeCloseTo(lead, 2);
    expect(s.figures.effectUsd).toBeCloseTo(conversion.npvUsd - keep.npvUsd - lead, 2);
    expect(s.text).toContain('The lease is discounted at 8% and mining at 20%');
  });

  it('months the fleet is dark: counted from the running share of keep mining', () => {
    const s = statement(febEvaluation, 'dark-fleet')!;
    const reference = febEvaluation.cases[febEvaluation.referenceCaseIndex]!;
    const dark = reference.series.runningHashrateShare.filter((share) => share === 0).length;
    expect(s.figures.darkMonths).toBe(dark);
    expect(s.kind).toBe(dark >= 60 ? 'warning' : 'driver');
    expect(s.text).toContain(`switched off in ${dark} of 240 months of the base case`);
  });

  it('a best month that puts the end of the lease term at the horizon is a warning', () => {
    const reference = febEvaluation.cases[febEvaluation.referenceCaseIndex]!;
    const k = reference.bestConversionMonth;
    const end = k + feb.conversion.constructionMonths + feb.lease.termYears * 12;
    const s = statement(febEvaluation, 'best-month-at-lease-end');
    if (Math.abs(end - feb.horizonMonths) <= 1) {
      expect(s).toMatchObject({
        kind: 'warning',
        figures: { bestConversionMonth: k, leaseEndMonth: end },
      });
    } else {
      expect(s).toBeUndefined();
    }
    // Texas converts now: no such warning.
    expect(statement(texasEvaluation, 'best-month-at-lease-end')).toBeUndefined();
  });

  it('every statement is finite, so the JSON output can carry it', () => {
    for (const e of [texasEvaluation, febEvaluation]) {
      for (const s of [...e.decision.drivers, ...e.decision.warnings]) {
        expect(Object.values(s.figures).every(Number.isFinite), s.id).toBe(true);
        expect(s.text.length).toBeGreaterThan(20);
      }
    }
  });
});
