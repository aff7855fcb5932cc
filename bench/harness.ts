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
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return { name, medianMs: median(times), runs, budgetMs: options.budgetMs, note: options.note };
}

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
