/**
 * Golden tables: for every preset in `scenarios/`, NPV, IRR, paybacks, MOIC and the best month of
 * every strategy × price case, the breakevens and the decision's headline, as reviewed JSON under
 * `test/golden/`. `npm run golden` rewrites them (scripts/write-golden.ts); the golden test
 * recomputes them and compares with tolerances, so every change to the numbers shows as a diff
 * of these files in review (docs/model.md, "Changes to the model").
 */
import { readdirSync, readFileSync } from 'node:fs';
import {
  type BreakevenResult,
  type Evaluation,
  evaluate,
  type IrrOutcome,
  type Moic,
  type Payback,
} from '../src/engine/index';

export const GOLDEN_DIR = 'test/golden';
export const SCENARIOS_DIR = 'scenarios';

/** A metric as the golden file holds it: the number, or the engine's reason for none. */
export type GoldenMetric = number | string;

export interface GoldenStrategy {
  readonly strategyId: string;
  readonly npvUsd: number;
  readonly irrPctPerYear: GoldenMetric;
  readonly paybackMonths: GoldenMetric;
  readonly discountedPaybackMonths: GoldenMetric;
  readonly moic: GoldenMetric;
  readonly incrementalNpvUsd: number | null;
}

export interface GoldenTable {
  readonly scenario: string;
  readonly referenceCase: string;
  readonly cases: readonly {
    readonly priceCase: string;
    readonly bestConversionMonth: number;
    readonly strategies: readonly GoldenStrategy[];
  }[];
  /** Converting now against keep mining, solved with each price case as the reference. */
  readonly breakevensByCase: Readonly<Record<string, Readonly<Record<string, GoldenMetric>>>>;
  readonly decision: {
    readonly best: string;
    readonly marginUsd: number;
    readonly casesWon: readonly string[];
    readonly warnings: readonly string[];
  };
}

/** Rounded for a readable file; the test's tolerances are far wider than these roundings. */
const usd = (value: number) => Math.round(value * 100) / 100;
const fine = (value: number) => Number(value.toPrecision(12));

function irr(outcome: IrrOutcome): GoldenMetric {
  return outcome.kind === 'rate' ? fine(outcome.annualRate * 100) : outcome.kind;
}

function payback(outcome: Payback): GoldenMetric {
  return outcome.kind === 'months' ? fine(outcome.months) : outcome.kind;
}

function moic(outcome: Moic): GoldenMetric {
  return outcome.kind === 'ratio' ? fine(outcome.value) : outcome.kind;
}

function breakeven(result: BreakevenResult): GoldenMetric {
  return result.kind === 'value' ? fine(result.value) : result.kind;
}

function breakevensOf(evaluation: Evaluation): Record<string, GoldenMetric> {
  const { breakevens } = evaluation;
  if (!breakevens.computed) throw new Error('golden tables need the breakevens');
  return {
    flatBtcPriceUsd: breakeven(breakevens.flatBtcPriceUsd),
    leaseRateUsdPerKwMonth: breakeven(breakevens.leaseRateUsdPerKwMonth),
    powerPriceUsdPerMwh: breakeven(breakevens.powerPriceUsdPerMwh),
    capexUsdPerItMw: breakeven(breakevens.capexUsdPerItMw),
  };
}

/**
 * The golden table of an evaluation; `byCase` holds the evaluations of the same scenario with
 * each price case as the reference (for the breakevens of every case).
 */
export function goldenTableOf(evaluation: Evaluation, byCase: readonly Evaluation[]): GoldenTable {
  const { decision } = evaluation;
  return {
    scenario: evaluation.scenario.name,
    referenceCase: evaluation.scenario.referenceCase,
    cases: evaluation.cases.map((c) => ({
      priceCase: c.priceCase.name,
      bestConversionMonth: c.bestConversionMonth,
      strategies: c.strategies.map((s) => ({
        strategyId: s.strategyId,
        npvUsd: usd(s.npvUsd),
        irrPctPerYear: irr(s.irr),
        paybackMonths: payback(s.payback),
        discountedPaybackMonths: payback(s.discountedPayback),
        moic: moic(s.moic),
        incrementalNpvUsd: s.incremental ? usd(s.incremental.npvUsd) : null,
      })),
    })),
    breakevensByCase: Object.fromEntries(
      byCase.map((e) => [e.scenario.referenceCase, breakevensOf(e)]),
    ),
    decision: {
      best: decision.best.strategyId,
      marginUsd: usd(decision.marginUsd),
      casesWon: decision.casesWon,
      warnings: decision.warnings.map((s) => s.id),
    },
  };
}

/** The presets by file name (`texas-300mw-hut8-style-lease.json`), read from `root`. */
export function presetFiles(root: URL): string[] {
  return readdirSync(new URL(`${SCENARIOS_DIR}/`, root))
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** The golden table of one preset, evaluated now (breakevens included, no sensitivity). */
export function computeGolden(root: URL, file: string): GoldenTable {
  const text = readFileSync(new URL(`${SCENARIOS_DIR}/${file}`, root), 'utf8');
  const evaluation = evaluate(JSON.parse(text), { sensitivity: false });
  const byCase = evaluation.scenario.priceCases.map((c) =>
    c.name === evaluation.scenario.referenceCase
      ? evaluation
      : evaluate({ ...evaluation.scenario, referenceCase: c.name }, { sensitivity: false }),
  );
  return goldenTableOf(evaluation, byCase);
}

export function goldenText(table: GoldenTable): string {
  return `${JSON.stringify(table, null, 2)}\n`;
}
