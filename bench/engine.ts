import { readFileSync } from 'node:fs';
import { conversionAdvantageUsd } from '../src/engine/advantage';
import { floatArith } from '../src/engine/arith';
import { evaluate } from '../src/engine/evaluate';
import { buildLeaseUnitLines, leaseLineMonths } from '../src/engine/lease';
import { buildLedgers } from '../src/engine/ledger';
import { buildCaseModel, buildScenarioModel } from '../src/engine/model';
import { flatPriceCase } from '../src/engine/price';
import { BREAKEVEN_RANGES, solveBreakeven } from '../src/engine/solve';
import { buildStrategyPlans } from '../src/engine/strategies';
import { stressTable } from '../src/engine/stress';
import { assertScenario } from '../src/schema/validate';
import { appEdit, EDIT_RUNS } from './appEdit';
import { type BenchResult, type BenchRow, measureInRounds } from './harness';

const PRESETS = [
  'feb-2026-market-snapshot.json',
  'texas-300mw-hut8-style-lease.json',
  'hydro-20mw-older-fleet-retrofit.json',
];

/** The edit of every preset (issue 9's budget, 5 ms): rows for `measureInRounds`. */
function everyPresetEdit(): BenchRow[] {
  return PRESETS.map((name) => {
    const preset = JSON.parse(
      readFileSync(new URL(`../scenarios/${name}`, import.meta.url), 'utf8'),
    );
    return {
      name: `an edit in the app (validate, every strategy and case, breakevens, tornado): ${name}`,
      task: () => appEdit(preset),
      budgetMs: 5,
      runs: EDIT_RUNS,
    };
  });
}

/** The benchmark scenario: 300 MW, 240 months, 3 price cases (4 strategies + the search). */
const scenario = assertScenario(
  JSON.parse(
    readFileSync(
      new URL('../scenarios/texas-300mw-hut8-style-lease.json', import.meta.url),
      'utf8',
    ),
  ),
);

/**
 * The floor: a bare float loop over the same months doing the arithmetic of one strategy's NPV
 * per strategy × case (hashprice, revenue, power, discounting), with nothing else.
 */
function bareFloatLoop(): number {
  let total = 0;
  const months = scenario.horizonMonths;
  for (let strategy = 0; strategy < 4; strategy += 1) {
    for (let priceCase = 0; priceCase < scenario.priceCases.length; priceCase += 1) {
      let difficulty = 141.67e12;
      let price = 76_176 + priceCase;
      let discount = 1;
      for (let m = 0; m < months; m += 1) {
        difficulty *= 1.0153;
        price *= 1.0117;
        discount *= 0.9921;
        const hashprice = (86_400e12 * 3.145 * price) / (difficulty * 4_294_967_296);
        const revenue = hashprice * 12_360_000 * 30.4 * 0.96 * 0.98;
        const power = 230.34 * 730 * 42;
        total += (revenue - power + strategy) * discount;
      }
    }
  }
  return total;
}

export async function runEngineBench(): Promise<BenchResult[]> {
  const model = buildScenarioModel(floatArith, scenario);
  const reference = scenario.priceCases[1]!;
  const referenceMining = buildCaseModel(floatArith, model, reference);
  const evaluation = evaluate(scenario, { breakevens: false, sensitivity: false });
  const bestMonths = evaluation.cases.map((c) => c.bestConversionMonth);

  // The float rows in rounds, taking turns (`measureInRounds`: each its quietest round's median);
  // then the decimal ledgers, after every float round (run between them, the decimal code left
  // the float engine's generic code no longer specialised to floats).
  const floatRows = await measureInRounds([
    {
      name: 'bare float loop (floor), 4 strategies × 3 cases × 240 months',
      task: bareFloatLoop,
      runs: 200,
    },
    {
      name: 'evaluate: 5 strategies × 3 cases, incl. best-month search',
      task: () => evaluate(scenario, { breakevens: false, sensitivity: false, stressTests: false }),
      budgetMs: 5,
      runs: 50,
    },
    {
      name: 'evaluate: everything (+ 4 breakevens, + tornado, + stress tests)',
      task: () => evaluate(scenario),
      runs: 50,
    },
    // Issue 9: what the app runs on an edit, on every preset, within 5 ms.
    ...everyPresetEdit(),
    {
      name: 'stress tests: the 7 standard tests × 5 strategies (what the table adds to an evaluation)',
      task: () =>
        stressTable(
          model,
          reference,
          buildStrategyPlans(scenario, bestMonths[1]),
          referenceMining.mining,
        ),
      budgetMs: 2,
      runs: 200,
    },
    {
      name: 'breakeven: flat BTC price',
      task: () =>
        solveBreakeven(
          (price) => conversionAdvantageUsd(scenario, flatPriceCase('flat', price), model),
          BREAKEVEN_RANGES.flatBtcPriceUsd,
        ),
      budgetMs: 5,
      runs: 50,
    },
    {
      name: 'breakeven: lease rate',
      task: () =>
        solveBreakeven((rate) => {
          const changed = { ...scenario, lease: { ...scenario.lease, rateUsdPerKwMonth: rate } };
          return conversionAdvantageUsd(
            changed,
            reference,
            {
              ...model,
              scenario: changed,
              leaseUnit: buildLeaseUnitLines(floatArith, changed, leaseLineMonths(changed)),
            },
            referenceMining,
          );
        }, BREAKEVEN_RANGES.leaseRateUsdPerKwMonth),
      budgetMs: 5,
      runs: 50,
    },
  ]);
  const ledgerRows = await measureInRounds([
    {
      name: "decimal ledger: 4 strategies × 3 cases × 240 months (the issue's setting)",
      task: () => buildLedgers(scenario),
      budgetMs: 50,
      runs: 15,
    },
    {
      name: 'decimal ledger: 5 strategies × 3 cases × 240 months (with the searched month)',
      task: () => buildLedgers(scenario, bestMonths),
      budgetMs: 50,
      runs: 15,
    },
  ]);
  const floor = floatRows[0]!;
  const results: BenchResult[] = [...floatRows, ...ledgerRows];
  const evaluateResult = results[1]!;
  results.push({
    name: 'ratio: evaluate ÷ bare float loop',
    medianMs: evaluateResult.medianMs / floor.medianMs,
    unit: '×',
    runs: 0,
  });
  return results;
}
