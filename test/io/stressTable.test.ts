import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../src/cli/run';
import { evaluate } from '../../src/engine/index';
import { UTF8_BOM } from '../../src/io/csv';
import { STRESS_BASE_NAME, STRESS_TABLE_HEADER, stressCsv } from '../../src/io/stressTable';
import { readCsv } from '../support/csvReader';

const EXAMPLE = new URL('../../scenarios/feb-2026-market-snapshot.json', import.meta.url);

describe('the stress table as CSV (io/stressTable.ts) and on the command line', () => {
  const text = readFileSync(EXAMPLE, 'utf8');
  const evaluation = evaluate(JSON.parse(text), { breakevens: false, sensitivity: false });

  it('one row per test and strategy after the base rows; every NPV is the engine’s', () => {
    const [header, ...rows] = readCsv(stressCsv(evaluation));
    expect(header).toEqual([...STRESS_TABLE_HEADER]);
    const strategies = evaluation.stressTests.base.length;
    expect(rows).toHaveLength(strategies * (1 + evaluation.stressTests.rows.length));
    evaluation.stressTests.base.forEach((strategy, s) => {
      expect(rows[s]![0]).toBe(STRESS_BASE_NAME);
      expect(Number(rows[s]![5])).toBe(strategy.npvUsd);
    });
    evaluation.stressTests.rows.forEach((row, r) => {
      row.strategies.forEach((strategy, s) => {
        const cells = rows[strategies * (r + 1) + s]!;
        expect(cells.slice(0, 5)).toEqual([
          row.test.name,
          row.description,
          evaluation.stressTests.priceCaseName,
          strategy.strategyId,
          strategy.label,
        ]);
        expect(Number(cells[5])).toBe(strategy.npvUsd);
        expect(Number(cells[6])).toBe(strategy.changeUsd);
        expect(cells[7]).toBe(
          strategy.versusKeepMiningUsd === null ? '' : String(strategy.versusKeepMiningUsd),
        );
      });
    });
  });

  it('npm run evaluate -- file --format stress writes it (a file starts with a BOM)', async () => {
    const written = new Map<string, string | Uint8Array>();
    const out: string[] = [];
    const io: CliIo = {
      readFile: async () => text,
      writeFile: async (path, data) => {
        written.set(path, data);
      },
      stdout: (chunk) => out.push(chunk),
      stderr: () => {},
    };
    expect(await runCli(['x.json', '--format', 'stress'], io)).toBe(0);
    expect(out.join('')).toBe(stressCsv(evaluation));
    expect(await runCli(['x.json', '--format', 'stress', '--out', 'o.csv'], io)).toBe(0);
    expect(written.get('o.csv')).toBe(`${UTF8_BOM}${stressCsv(evaluation)}`);
  });
});
