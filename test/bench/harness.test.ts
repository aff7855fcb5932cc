import { describe, expect, it } from 'vitest';
import { measureInRounds } from '../../bench/harness';

/** A clock the tasks move: each call of a task takes the time its script gives it. */
function scriptedRows(durationsByRound: Record<string, number[]>, runs: number, warmup: number) {
  let clock = 0;
  const calls: string[] = [];
  const callsOf: Record<string, number> = {};
  const rows = Object.entries(durationsByRound).map(([name, durations]) => ({
    name,
    runs,
    warmup,
    budgetMs: 5,
    task: () => {
      const call = callsOf[name] ?? 0;
      callsOf[name] = call + 1;
      calls.push(name);
      // Warm-up calls take no time; then `runs` calls per round.
      const round = call < warmup ? -1 : Math.floor((call - warmup) / runs);
      clock += round < 0 ? 0 : durations[round]!;
    },
  }));
  return { rows, calls, now: () => clock };
}

describe('measureInRounds', () => {
  it('reads each row at its quietest round and gives every round in the note', async () => {
    const { rows, now } = scriptedRows({ levered: [4.1, 7.9, 4.3], today: [2.6, 2.5, 5.2] }, 5, 2);
    const [levered, today] = await measureInRounds(rows, 3, now);
    expect(levered!.medianMs).toBeCloseTo(4.1, 12);
    expect(levered!.note).toBe('rounds: 4.10 / 7.90 / 4.30 ms');
    expect(levered!.runs).toBe(15);
    expect(levered!.budgetMs).toBe(5);
    expect(today!.medianMs).toBeCloseTo(2.5, 12);
    expect(today!.note).toBe('rounds: 2.60 / 2.50 / 5.20 ms');
  });

  it('lets the rows take turns, warming each up before its first round only', async () => {
    const { rows, calls, now } = scriptedRows({ a: [1, 1], b: [1, 1] }, 2, 1);
    await measureInRounds(rows, 2, now);
    expect(calls.join('')).toBe('aaabbbaabb');
  });

  it('keeps a row note before the rounds', async () => {
    const { rows, now } = scriptedRows({ a: [3, 2] }, 1, 0);
    const [a] = await measureInRounds([{ ...rows[0]!, note: 'in-page' }], 2, now);
    expect(a!.note).toBe('in-page; rounds: 3.00 / 2.00 ms');
    expect(a!.medianMs).toBe(2);
  });
});
