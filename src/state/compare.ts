import { type Evaluation, STRATEGY_NAMES, type StrategyId } from '../engine/index';
import type { Scenario } from '../schema/scenario';
import { type FieldPath, flattenLeaves, getAt, jsonEqual, pathKey } from './paths';

/** One input whose value is not the same in every compared scenario. */
export interface InputDiff {
  readonly key: string;
  readonly path: FieldPath;
  /** The value in each scenario, in column order; undefined where a scenario lacks the field. */
  readonly values: readonly unknown[];
}

/** Inputs that differ between scenarios (validated, defaults filled in), in first-seen order. */
export function diffInputs(scenarios: readonly Scenario[]): InputDiff[] {
  const paths = new Map<string, FieldPath>();
  for (const scenario of scenarios) {
    for (const leaf of flattenLeaves(scenario)) {
      const key = pathKey(leaf.path);
      if (!paths.has(key)) paths.set(key, leaf.path);
    }
  }
  const diffs: InputDiff[] = [];
  for (const [key, path] of paths) {
    const values = scenarios.map((scenario) => getAt(scenario, path));
    if (values.some((value) => !jsonEqual(value, values[0]))) diffs.push({ key, path, values });
  }
  return diffs;
}

export type ResultCell =
  | { readonly kind: 'usd'; readonly value: number; readonly deltaUsd: number | null }
  | { readonly kind: 'text'; readonly text: string };

export interface ResultRow {
  readonly label: string;
  /** `whole`: a price shown to the dollar (a breakeven), else short ($3.59 bn). */
  readonly precision: 'short' | 'whole';
  readonly cells: readonly ResultCell[];
}

/**
 * The headline results side by side, each USD figure with its change against the first
 * scenario (a plain difference of two engine outputs), so a board sees how the answer moves.
 */
export function compareResults(evaluations: readonly Evaluation[]): ResultRow[] {
  const first = evaluations[0];
  const usdRow = (
    label: string,
    pick: (e: Evaluation) => number | null,
    precision: ResultRow['precision'] = 'short',
  ): ResultRow => {
    const base = first ? pick(first) : null;
    return {
      label,
      precision,
      cells: evaluations.map((evaluation) => {
        const value = pick(evaluation);
        if (value === null) return { kind: 'text', text: 'n/a' };
        return { kind: 'usd', value, deltaUsd: base === null ? null : value - base };
      }),
    };
  };
  const textRow = (label: string, pick: (e: Evaluation) => string): ResultRow => ({
    label,
    precision: 'short',
    cells: evaluations.map((evaluation) => ({ kind: 'text', text: pick(evaluation) })),
  });
  const reference = (e: Evaluation) => e.cases[e.referenceCaseIndex]!;
  const npvOf = (id: StrategyId) => (e: Evaluation) =>
    reference(e).strategies.find((s) => s.strategyId === id)?.npvUsd ?? null;
  const breakeven = (e: Evaluation) =>
    e.breakevens.computed && e.breakevens.flatBtcPriceUsd.kind === 'value'
      ? e.breakevens.flatBtcPriceUsd.value
      : null;
  return [
    textRow('Reference price case', (e) => reference(e).priceCase.name),
    textRow('Highest NPV', (e) => e.decision.best.label),
    usdRow(
      'Its NPV lead (over keep mining; if mining wins, over converting)',
      (e) => e.decision.marginUsd,
    ),
    ...(Object.keys(STRATEGY_NAMES) as StrategyId[]).map((id) =>
      usdRow(`NPV · ${STRATEGY_NAMES[id]}`, npvOf(id)),
    ),
    usdRow('Breakeven BTC price (flat)', breakeven, 'whole'),
  ];
}
