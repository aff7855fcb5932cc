import fc from 'fast-check';
import { floatArith } from '../../src/engine/arith';
import { classDiscountFactors } from '../../src/engine/discount';
import { createFastNpv } from '../../src/engine/fastNpv';
import { type Evaluation, evaluate } from '../../src/engine/index';
import { buildCaseModel, buildScenarioModel } from '../../src/engine/model';
import { buildStrategyLines, LINE_ITEMS } from '../../src/engine/strategies';
import type { ScenarioInput } from '../../src/schema/scenario';
import { assertScenario } from '../../src/schema/validate';
import { scenarioArbitrary } from './arbitraries';
import { nonFinitePaths } from './nonFinite';

const quick = (input: ScenarioInput) => evaluate(input, { breakevens: false, sensitivity: false });

/**
 * The invariants the fuzz run (issue 11) holds every random valid scenario to. Each check is
 * computed independently of the code path it checks (IRRs re-discounted by hand, the best month
 * against full evaluations of fixed months, monotonicity by re-evaluating a perturbed scenario).
 * Returns one line per violation; empty when the scenario passes.
 */
export function fuzzViolations(input: ScenarioInput, full = true): string[] {
  const problems: string[] = [];
  let evaluation: Evaluation;
  try {
    // `full`: with breakevens and the sensitivity table (the slow part), else the cases only.
    evaluation = full ? evaluate(input) : quick(input);
  } catch (error) {
    return [`evaluate threw: ${(error as Error).message}`];
  }
  for (const path of nonFinitePaths(evaluation).slice(0, 5)) problems.push(`not finite: ${path}`);

  for (const [c, caseResult] of evaluation.cases.entries()) {
    const keep = caseResult.strategies.find((s) => s.strategyId === 'keep-mining')!;
    const best = caseResult.strategies.find((s) => s.strategyId === 'convert-at-best-month')!;
    for (const strategy of caseResult.strategies) {
      // Verified IRRs: the reported monthly rate zeroes the strategy's own monthly flows.
      checkIrr(problems, `case ${c} ${strategy.strategyId}`, strategy.netCashFlowUsd, strategy.irr);
      if (strategy.incremental) {
        const flows = strategy.netCashFlowUsd.map((v, m) => v - keep.netCashFlowUsd[m]!);
        checkIrr(
          problems,
          `case ${c} ${strategy.strategyId} incremental`,
          flows,
          strategy.incremental.irr,
        );
      }
      // Best month ≥ any fixed month of a whole-site conversion (full evaluation, not the search).
      if (strategy.convertUtilityMw === best.convertUtilityMw) {
        const slack = 1e-9 * Math.max(1, Math.abs(strategy.npvUsd));
        if (best.npvUsd < strategy.npvUsd - slack) {
          problems.push(
            `case ${c}: best month ${best.conversionStartMonth} NPV ${best.npvUsd} < ${strategy.strategyId} at month ${strategy.conversionStartMonth} NPV ${strategy.npvUsd}`,
          );
        }
      }
    }
  }
  checkFastNpvIdentity(problems, input);
  checkMonotone(problems, input, evaluation);
  return problems;
}

function checkIrr(
  problems: string[],
  label: string,
  flows: readonly number[],
  outcome: Evaluation['cases'][number]['strategies'][number]['irr'],
): void {
  if (outcome.kind !== 'rate') return;
  const r = outcome.monthlyRate;
  const first = flows.findIndex((v) => v !== 0);
  let value = 0;
  let scale = 0;
  for (let m = first; m < flows.length; m += 1) {
    const term = flows[m]! / (1 + r) ** (m - first);
    value += term;
    scale += Math.abs(term);
  }
  if (!(r > -1) || !(scale > 0) || !(Math.abs(value) <= 1e-6 * scale)) {
    problems.push(`${label}: IRR ${r}/month is not a root (NPV ${value} against ${scale})`);
  }
}

/** The fast NPV (prefix sums) equals the NPV of the full lines within 1e-9 of their scale. */
function checkFastNpvIdentity(problems: string[], input: ScenarioInput): void {
  const scenario = assertScenario(input);
  const model = buildScenarioModel(floatArith, scenario);
  const caseModel = buildCaseModel(floatArith, model, scenario.priceCases[0]!);
  const factors = classDiscountFactors(scenario);
  const fast = createFastNpv(scenario, caseModel.mining, model.leaseUnit, factors);
  const months = [0, Math.floor(scenario.horizonMonths / 2), scenario.horizonMonths - 1];
  for (const k of months) {
    for (const mw of [scenario.site.utilityMw, scenario.site.utilityMw / 3]) {
      const plan = {
        id: 'convert-at-month' as const,
        label: '',
        convertUtilityMw: mw,
        startMonth: k,
      };
      const lines = buildStrategyLines(
        floatArith,
        scenario,
        caseModel.mining,
        model.leaseUnit,
        plan,
      );
      let total = 0;
      let scale = 0;
      for (const item of LINE_ITEMS) {
        for (const [m, value] of lines[item.key].entries()) {
          const term = value * factors[item.class][m]!;
          total += term;
          scale += Math.abs(term);
        }
      }
      const got = fast(plan);
      if (!(Math.abs(got - total) <= 1e-9 * Math.max(1, scale))) {
        problems.push(
          `fast NPV ${got} ≠ full NPV ${total} (scale ${scale}) at month ${k}, ${mw} MW`,
        );
      }
    }
  }
}

const npvOf = (evaluation: Evaluation, id: string) =>
  evaluation.cases.map((c) => c.strategies.find((s) => s.strategyId === id)!.npvUsd);

/**
 * Monotone where the model says it must be: keep mining is worth no more when power costs more
 * (the shutdown rule can only limit the loss) and no less when BTC is dearer; convert now is
 * worth no less at a higher lease rate.
 */
function checkMonotone(problems: string[], input: ScenarioInput, evaluation: Evaluation): void {
  const keep = npvOf(evaluation, 'keep-mining');
  const convert = npvOf(evaluation, 'convert-now');
  const slack = (v: number) => 1e-9 * Math.max(1, Math.abs(v));
  const pricing = input.power.pricing as Record<string, unknown> & { kind: string };
  const dearerPower: ScenarioInput = {
    ...input,
    power: {
      ...input.power,
      pricing:
        pricing.kind === 'fixed'
          ? { ...pricing, priceUsdPerMwh: (pricing.priceUsdPerMwh as number) + 10 }
          : { ...pricing, adderUsdPerMwh: ((pricing.adderUsdPerMwh as number) ?? 0) + 10 },
    } as ScenarioInput['power'],
  };
  for (const [c, v] of npvOf(quick(dearerPower), 'keep-mining').entries()) {
    if (v > keep[c]! + slack(keep[c]!))
      problems.push(`case ${c}: keep mining NPV rose with power price (${keep[c]} → ${v})`);
  }
  const dearerBtc: ScenarioInput = {
    ...input,
    priceCases: input.priceCases.map((p) =>
      p.kind === 'growth'
        ? { ...p, startPriceUsd: p.startPriceUsd * 1.1 }
        : p.kind === 'monthly'
          ? { ...p, pricesUsdByMonth: p.pricesUsdByMonth.map((x) => x * 1.1) }
          : p,
    ) as ScenarioInput['priceCases'],
  };
  for (const [c, v] of npvOf(quick(dearerBtc), 'keep-mining').entries()) {
    if (v < keep[c]! - slack(keep[c]!))
      problems.push(`case ${c}: keep mining NPV fell with BTC price (${keep[c]} → ${v})`);
  }
  const dearerLease: ScenarioInput = {
    ...input,
    lease: { ...input.lease, rateUsdPerKwMonth: input.lease.rateUsdPerKwMonth + 10 },
  };
  for (const [c, v] of npvOf(quick(dearerLease), 'convert-now').entries()) {
    if (v < convert[c]! - slack(convert[c]!))
      problems.push(`case ${c}: convert-now NPV fell with lease rate (${convert[c]} → ${v})`);
  }
}

/** Runs `count` random valid scenarios from `seed`; the failures, each with its scenario index. */
export function runFuzz(
  seed: number,
  count: number,
): { index: number; problems: string[]; input: ScenarioInput }[] {
  const failures: { index: number; problems: string[]; input: ScenarioInput }[] = [];
  const inputs = fc.sample(scenarioArbitrary, { seed, numRuns: count });
  for (const [index, input] of inputs.entries()) {
    // Breakevens and sensitivity on every 8th scenario: they dominate the time.
    const problems = fuzzViolations(input, index % 8 === 0);
    if (problems.length > 0) failures.push({ index, problems, input });
  }
  return failures;
}
