/** A measured quantity: the median of repeated runs (after warm-up), with its budget. */
export interface BenchResult {
  readonly name: string;
  /** The median, in `unit` (milliseconds unless said otherwise). */
  readonly medianMs: number;
  /** `ms` (default), `kB` for sizes, `×` for ratios. */
  readonly unit?: 'ms' | 'kB' | '×';
  readonly runs: number;
  readonly budgetMs?: number;
  readonly note?: string;
}

/** Runs `task` `warmup` times, then `runs` times, and returns the median wall time in ms. */
export async function measure(
  name: string,
  task: () => unknown | Promise<unknown>,
  options: { runs?: number; warmup?: number; budgetMs?: number; note?: string } = {},
): Promise<BenchResult> {
  const runs = options.runs ?? 30;
  for (let i = 0; i < (options.warmup ?? 5); i += 1) await task();
  const medianMs = median(await timedRuns(task, runs));
  return { name, medianMs, runs, budgetMs: options.budgetMs, note: options.note };
}

/** The wall time of each of `runs` runs of `task` (ms, by the clock `now`). */
async function timedRuns(
  task: () => unknown | Promise<unknown>,
  runs: number,
  now: () => number = () => performance.now(),
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = now();
    await task();
    times.push(now() - start);
  }
  return times;
}

/** One row of {@link measureInRounds}: a task and how to measure it. */
export interface BenchRow {
  readonly name: string;
  readonly task: () => unknown | Promise<unknown>;
  /** Timed runs in each round. */
  readonly runs: number;
  /** Untimed runs before the first round. */
  readonly warmup?: number;
  readonly budgetMs?: number;
  readonly note?: string;
}

/**
 * Rounds of every row: the rows take turns within a round (each `runs` timed runs), and the
 * rounds follow one another, so each row is measured at `rounds` moments some seconds apart. A
 * row's figure is the median of its quietest round (the lowest of its round medians); the note
 * gives every round's. The VM this runs on slows by up to 2× for seconds to minutes
 * (docs/benchmarks.md, "Reading the results"): one such spell then moves one round, not the
 * figure. `now` is the clock (a test passes its own).
 *
 * @example Round medians 4.1, 7.9 and 4.3 ms: the row reads 4.1 ms, "rounds: 4.10 / 7.90 / 4.30 ms".
 */
export async function measureInRounds(
  rows: readonly BenchRow[],
  rounds: number = BENCH_ROUNDS,
  now: () => number = () => performance.now(),
): Promise<BenchResult[]> {
  const roundMedians = rows.map(() => [] as number[]);
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, row] of rows.entries()) {
      if (round === 0) for (let i = 0; i < (row.warmup ?? 5); i += 1) await row.task();
      roundMedians[index]!.push(median(await timedRuns(row.task, row.runs, now)));
    }
  }
  return rows.map((row, index) => {
    const medians = roundMedians[index]!;
    const each = `rounds: ${medians.map((m) => m.toFixed(2)).join(' / ')} ms`;
    return {
      name: row.name,
      medianMs: Math.min(...medians),
      runs: row.runs * rounds,
      budgetMs: row.budgetMs,
      note: row.note ? `${row.note}; ${each}` : each,
    };
  });
}

/** Rounds of {@link measureInRounds}: three, some ten seconds apart in the financing section. */
export const BENCH_ROUNDS = 3;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A Markdown table of results, with ✓/✗ against each budget. */
export function formatResults(title: string, results: readonly BenchResult[]): string {
  const lines = [
    `### ${title}`,
    '',
    '| measure | median | runs | budget | within |',
    '|---|---:|---:|---:|:---:|',
    ...results.map((r) => {
      const unit = r.unit ?? 'ms';
      const budget = r.budgetMs === undefined ? '—' : `${r.budgetMs} ${unit}`;
      const within = r.budgetMs === undefined ? '' : r.medianMs <= r.budgetMs ? '✓' : '✗';
      const note = r.note ? ` (${r.note})` : '';
      const value = unit === 'ms' ? r.medianMs.toFixed(3) : r.medianMs.toFixed(1);
      return `| ${r.name}${note} | ${value} ${unit} | ${r.runs} | ${budget} | ${within} |`;
    }),
    '',
  ];
  return lines.join('\n');
}
