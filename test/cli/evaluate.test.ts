import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { finiteJson } from '../../src/cli/formats';
import { type CliIo, runCli } from '../../src/cli/run';
import { evaluate } from '../../src/engine/index';
import { COMPARISON_TABLE_HEADER } from '../../src/io/comparisonTable';
import { allLedgersCsv, decisionCsv, ledgersOf } from '../../src/io/csvExports';
import { buildWorkbook } from '../../src/io/xlsx';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = 'scenarios/texas-300mw-hut8-style-lease.json';
const exampleText = readFileSync(join(REPO_ROOT, EXAMPLE), 'utf8');
const CSV_HEADER = COMPARISON_TABLE_HEADER.join(',');
/**
 * The example over three years, for the workbook tests: what the CLI writes does not depend on
 * the horizon, and a 36-month workbook costs a tenth of the 240-month one.
 */
const shortExampleText = JSON.stringify({ ...JSON.parse(exampleText), horizonMonths: 36 });

/** In-memory files and captured streams for {@link runCli}. */
function memoryIo(files: Record<string, string>) {
  const written = new Map<string, string | Uint8Array>();
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return text;
    },
    writeFile: async (path, data) => {
      if (path.startsWith('/read-only/'))
        throw new Error(`EACCES: permission denied, open '${path}'`);
      written.set(path, data);
    },
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  };
  const text = (path: string) => {
    const data = written.get(path);
    if (typeof data !== 'string') throw new Error(`${path} was not written as text`);
    return data;
  };
  return { io, written, text, stdout: () => out.join(''), stderr: () => err.join('') };
}

/** Every sheet's cells (value or formula and cached result), to compare two workbooks. */
async function workbookContents(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return Object.fromEntries(
    workbook.worksheets.map((sheet) => [
      sheet.name,
      sheet.getSheetValues().map((row) => (Array.isArray(row) ? [...row] : row)),
    ]),
  );
}

function badScenarioText(): string {
  const scenario = JSON.parse(exampleText);
  scenario.site.utilityMw = -5;
  scenario.site.colour = 'blue';
  return JSON.stringify(scenario);
}

describe('runCli in memory', () => {
  it('prints the whole evaluation as pretty JSON by default', async () => {
    const run = memoryIo({ 'x.json': exampleText });
    expect(await runCli(['x.json'], run.io)).toBe(0);
    expect(run.stderr()).toBe('');
    const output = run.stdout();
    expect(output.startsWith('{\n  "scenario": {')).toBe(true);
    const parsed = JSON.parse(output);
    expect(parsed.cases.map((c: { priceCase: { name: string } }) => c.priceCase.name)).toEqual([
      'bear',
      'base',
      'bull',
    ]);
    // Same data as the engine's: nothing lost or turned into null on the way.
    expect(parsed).toEqual(JSON.parse(JSON.stringify(evaluate(JSON.parse(exampleText)))));
    expect(output).not.toMatch(/NaN|Infinity/);
  });

  it('states the decision in words with --format text, and n/a where nothing is invested', async () => {
    const run = memoryIo({ 'x.json': exampleText });
    expect(await runCli(['x.json', '--format', 'text'], run.io)).toBe(0);
    expect(run.stderr()).toBe('');
    const output = run.stdout();
    const { decision } = evaluate(JSON.parse(exampleText));
    expect(output.startsWith(`Mine or Lease — ${JSON.parse(exampleText).name}\n`)).toBe(true);
    expect(output).toContain(`Recommendation\n  ${decision.sentence}\n`);
    for (const s of [...decision.drivers, ...decision.warnings]) {
      expect(output).toContain(`  - ${s.text}\n`);
    }
    // Keep mining invests nothing: no IRR, payback or MOIC, in any case.
    const keepLines = output.split('\n').filter((line) => line.startsWith('  Keep mining: NPV'));
    expect(keepLines).toHaveLength(3);
    for (const line of keepLines) {
      expect(line).toMatch(
        /· IRR n\/a — no investment · payback n\/a — no investment · MOIC n\/a — no investment$/,
      );
    }
  });

  it('writes the decision summary CSV with --format decision', async () => {
    const run = memoryIo({ 'x.json': exampleText });
    expect(await runCli(['x.json', '--format', 'decision'], run.io)).toBe(0);
    expect(run.stdout()).toBe(decisionCsv(evaluate(JSON.parse(exampleText))));
    expect(run.stdout().split('\r\n')[0]).toBe('section,item,value,text');
  });

  it('prints the comparison table with --format csv (and --format=csv)', async () => {
    for (const args of [
      ['x.json', '--format', 'csv'],
      ['--format=csv', 'x.json'],
    ]) {
      const run = memoryIo({ 'x.json': exampleText });
      expect(await runCli(args, run.io)).toBe(0);
      const lines = run.stdout().split('\r\n');
      expect(lines[0]).toBe(CSV_HEADER);
      expect(lines.length).toBe(1 + 3 * 5 + 1); // header, rows, '' after the last CRLF
      expect(run.stdout().startsWith('\uFEFF')).toBe(false);
    }
  });

  it('writes to --out instead of stdout; a CSV file gets a UTF-8 BOM', async () => {
    const run = memoryIo({ 'x.json': exampleText });
    expect(await runCli(['x.json', '--format', 'csv', '--out', 'table.csv'], run.io)).toBe(0);
    expect(run.stdout()).toBe('');
    expect(run.text('table.csv').startsWith(`\uFEFF${CSV_HEADER}\r\n`)).toBe(true);

    const json = memoryIo({ 'x.json': exampleText });
    expect(await runCli(['x.json', '--out=result.json'], json.io)).toBe(0);
    expect(JSON.parse(json.text('result.json')).cases).toHaveLength(3);
  });

  it('accepts a scenario file saved with a BOM', async () => {
    const run = memoryIo({ 'x.json': `\uFEFF${exampleText}` });
    expect(await runCli(['x.json', '--format', 'csv'], run.io)).toBe(0);
  });

  it('rejects an invalid scenario with exit 1, listing every field problem', async () => {
    const run = memoryIo({ 'bad.json': badScenarioText() });
    expect(await runCli(['bad.json'], run.io)).toBe(1);
    expect(run.stdout()).toBe('');
    const stderr = run.stderr();
    expect(stderr).toContain('bad.json');
    expect(stderr).toMatch(/^ {2}site\.utilityMw = -5: must be greater than 0$/m);
    expect(stderr).toMatch(/^ {2}site\.colour = .*unknown field/m);
  });

  it('rejects a file that is not JSON with exit 1 and the importer message', async () => {
    const run = memoryIo({ 'notes.txt': 'utilityMw: 300' });
    expect(await runCli(['notes.txt'], run.io)).toBe(1);
    expect(run.stderr()).toBe(
      'evaluate: notes.txt is not a valid scenario file (1 problem):\n' +
        '  (file) = "u": is not valid JSON: expected a value at line 1, column 1\n',
    );
  });

  it("meets the app importer's limits: reserved keys, numbers too large, workspaces", async () => {
    const polluted = exampleText.replace('"name":', '"__proto__": {"x": 1}, "name":');
    const huge = exampleText.replace('"utilityMw": 300', '"utilityMw": 1e999');
    const scenario = JSON.parse(exampleText);
    const workspace = JSON.stringify({
      schema: 'mine-or-lease/workspace',
      version: 1,
      scenarios: [scenario, scenario],
    });
    const run = memoryIo({ 'p.json': polluted, 'h.json': huge, 'w.json': workspace });
    expect(await runCli(['p.json'], run.io)).toBe(1);
    expect(await runCli(['h.json'], run.io)).toBe(1);
    expect(await runCli(['w.json'], run.io)).toBe(1);
    expect(run.stderr()).toContain('  __proto__ = an object: is a reserved name');
    expect(run.stderr()).toContain('  site.utilityMw = Infinity: is too large to be a number');
    expect(run.stderr()).toContain('w.json is a workspace of 2 scenarios');
  });

  it('writes every ledger as one CSV with --format ledgers', async () => {
    const run = memoryIo({ 'x.json': exampleText });
    expect(await runCli(['x.json', '--format', 'ledgers', '--out', 'l.csv'], run.io)).toBe(0);
    const ledgers = ledgersOf(evaluate(JSON.parse(exampleText)));
    expect(run.text('l.csv')).toBe(`\uFEFF${allLedgersCsv(ledgers)}`);
  });

  it("writes the app's workbook with --format xlsx --out, and needs --out for it", async () => {
    const run = memoryIo({ 'x.json': shortExampleText });
    expect(await runCli(['x.json', '--format', 'xlsx', '--out', 'x.xlsx'], run.io)).toBe(0);
    const written = run.written.get('x.xlsx');
    expect(written).toBeInstanceOf(Uint8Array);
    const evaluation = evaluate(JSON.parse(shortExampleText));
    const fromApp = await buildWorkbook(evaluation, ledgersOf(evaluation));
    expect(await workbookContents(written as Uint8Array)).toEqual(await workbookContents(fromApp));

    const noOut = memoryIo({ 'x.json': exampleText });
    expect(await runCli(['x.json', '--format', 'xlsx'], noOut.io)).toBe(2);
    expect(noOut.stderr()).toContain('--format xlsx writes a binary file: give --out <file.xlsx>');
    expect(noOut.stdout()).toBe('');
  }, 180_000);

  it('runs the Monte Carlo with --paths and --seed and prints its summary, reproducibly', async () => {
    const first = memoryIo({ 'x.json': exampleText });
    expect(await runCli(['x.json', '--paths', '300', '--seed', '7'], first.io)).toBe(0);
    expect(first.stdout()).toContain('Monte Carlo: 300 paths, seed 7');
    expect(first.stdout()).toMatch(/P\(converting wins\)/);
    expect(first.stdout()).toMatch(/Value of waiting/);
    const second = memoryIo({ 'x.json': exampleText });
    expect(await runCli(['x.json', '--seed=7', '--paths=300'], second.io)).toBe(0);
    expect(second.stdout()).toBe(first.stdout());
    const json = memoryIo({ 'x.json': exampleText });
    expect(
      await runCli(['x.json', '--paths', '300', '--seed', '7', '--format', 'json'], json.io),
    ).toBe(0);
    expect(JSON.parse(json.stdout()).settings.paths).toBe(300);
  });

  it('exits 2 for a Monte Carlo path count or seed that is not a whole number', async () => {
    for (const args of [
      ['x.json', '--paths', 'many'],
      ['x.json', '--seed', '-1'],
      ['x.json', '--paths', '0'],
    ]) {
      const run = memoryIo({ 'x.json': exampleText });
      expect(await runCli(args, run.io), args.join(' ')).toBe(2);
      expect(run.stderr()).toMatch(/--paths|--seed|paths/);
    }
  });

  it('exits 2 with the usage for a missing argument, an unknown flag or a bad format', async () => {
    const cases: [string[], RegExp][] = [
      [[], /no scenario file given/],
      [['x.json', '--verbose'], /unknown option --verbose/],
      [
        ['x.json', '--format', 'xml'],
        /unknown format "xml" \(known: json, text, csv, decision, ledgers, stress, xlsx\)/,
      ],
      [['x.json', '--out'], /--out needs a value/],
      [['x.json', '--format', 'csv', '--format', 'json'], /--format is given twice/],
      [
        ['a.json', 'b.json'],
        /several scenario files \(2\) are compared with --format csv or xlsx, not json/,
      ],
      [
        ['a.json', 'b.json', '--paths', '200'],
        /compared with --format csv or xlsx|one scenario file at a time/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = memoryIo({ 'x.json': exampleText });
      expect(await runCli(args, run.io), args.join(' ')).toBe(2);
      expect(run.stderr()).toMatch(message);
      expect(run.stderr()).toContain('Usage: npm run evaluate -- <scenario.json>');
      expect(run.stdout()).toBe('');
    }
  });

  it('exits 2 when the scenario cannot be read or the output cannot be written', async () => {
    const missing = memoryIo({});
    expect(await runCli(['nowhere.json'], missing.io)).toBe(2);
    expect(missing.stderr()).toMatch(/cannot read nowhere\.json: ENOENT/);

    const readOnly = memoryIo({ 'x.json': exampleText });
    expect(await runCli(['x.json', '--out', '/read-only/x.json'], readOnly.io)).toBe(2);
    expect(readOnly.stderr()).toMatch(/cannot write \/read-only\/x\.json: EACCES/);
  });

  it('compares several scenario files in one CSV and one XLSX, as the Compare view exports them', async () => {
    // Two short scenarios (36 months) keep the two workbooks quick to build.
    const short = {
      ...JSON.parse(exampleText),
      horizonMonths: 36,
      strategies: { convertAtMonth: 12 },
    };
    const shortText = JSON.stringify(short);
    const cheaper = JSON.stringify({
      ...short,
      name: 'Texas, cheaper rent',
      lease: { ...short.lease, rateUsdPerKwMonth: 120 },
    });
    const run = memoryIo({ 'a.json': shortText, 'b.json': cheaper });
    expect(await runCli(['a.json', 'b.json', '--format', 'csv', '--out', 'c.csv'], run.io)).toBe(0);
    const csv = run.text('c.csv');
    const [header, ...rows] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toMatch(
      /^section,item,price_case,.+,Texas, cheaper rent$|^section,item,price_case,.*"Texas, cheaper rent"$/,
    );
    expect(rows).toContain('input,lease.rateUsdPerKwMonth,,158.7,120');
    const a = evaluate(JSON.parse(shortText));
    const b = evaluate(JSON.parse(cheaper));
    const npv = (e: typeof a) => e.cases[1]!.strategies[1]!.npvUsd.toFixed(2);
    expect(rows).toContain(`npv_usd,Convert now,base,${Number(npv(a))},${Number(npv(b))}`);
    expect(rows.some((row) => row.startsWith('breakeven,Breakeven lease rate'))).toBe(true);

    expect(await runCli(['a.json', 'b.json', '--format', 'xlsx', '--out', 'c.xlsx'], run.io)).toBe(
      0,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(run.written.get('c.xlsx') as unknown as ExcelJS.Buffer);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names.slice(0, 3)).toEqual(['Compare', 'S1 Decision', 'S1 Summary']);
    expect(names).toContain('S2 Inputs');
    const compare = workbook.getWorksheet('Compare')!;
    let linked = 0;
    compare.eachRow((row) => {
      const cell = row.getCell(5).value as { formula?: string } | null;
      if (row.getCell(1).value === 'npv_usd' && cell?.formula?.includes("'S2 Summary'!$G$")) {
        linked += 1;
      }
    });
    expect(linked).toBe(15);
  }, 180_000);

  it('prints the usage on stdout for --help', async () => {
    const run = memoryIo({});
    expect(await runCli(['--help'], run.io)).toBe(0);
    expect(run.stdout()).toContain('--format json|text|csv|decision|ledgers|stress|xlsx');
  });

  it('refuses to write a non-finite number as JSON', () => {
    expect(() => finiteJson({ npvUsd: Number.NaN })).toThrow(/"npvUsd" is NaN/);
    expect(finiteJson({ a: [1, null] })).toBe('{\n  "a": [\n    1,\n    null\n  ]\n}\n');
  });
});

/** Runs the real entry point with tsx, as `npm run evaluate` does. */
function spawnEvaluate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      join(REPO_ROOT, 'node_modules/.bin/tsx'),
      ['src/cli/evaluate.ts', ...args],
      { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('the evaluate command, end to end', () => {
  it('prints the comparison table CSV for the example scenario', async () => {
    const result = await spawnEvaluate([EXAMPLE, '--format', 'csv']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\r\n')[0]).toBe(CSV_HEADER);
  });

  it('writes the workbook with --format xlsx --out, readable by a spreadsheet library', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mine-or-lease-cli-'));
    try {
      const path = join(dir, 'x.xlsx');
      const scenarioPath = join(dir, 'short.json');
      await writeFile(scenarioPath, shortExampleText);
      const result = await spawnEvaluate([scenarioPath, '--format', 'xlsx', '--out', path]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path);
      const names = workbook.worksheets.map((sheet) => sheet.name);
      expect(names.slice(0, 5)).toEqual(['Decision', 'Summary', 'Checks', 'Rates', 'Inputs']);
      expect(names).toContain('bear Mine');
      expect(workbook.getWorksheet('Summary')!.getCell('G5').formula).toBe('D5+E5+F5');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits non-zero and names the field for a bad scenario file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mine-or-lease-cli-'));
    try {
      const path = join(dir, 'bad.json');
      await writeFile(path, badScenarioText(), 'utf8');
      const result = await spawnEvaluate([path]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('site.utilityMw = -5: must be greater than 0');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('runCli with financing and tax', () => {
  const financedText = JSON.stringify({
    ...JSON.parse(exampleText),
    financing: { boardView: 'levered-after-tax', projectDebt: {} },
    tax: { stateRatePct: 5 },
  });

  it('prints the after-tax and equity columns beside the pre-tax ones', async () => {
    const run = memoryIo({ 'x.json': financedText });
    expect(await runCli(['x.json', '--format', 'csv'], run.io)).toBe(0);
    const header = run.stdout().split('\n')[0]!;
    expect(header.startsWith(CSV_HEADER)).toBe(true);
    expect(header).toContain('equity_npv_usd');
    expect(header).toContain('min_dscr');
  });

  it('writes the levered view in JSON without NaN; --view moves the breakevens to another view', async () => {
    const levered = memoryIo({ 'x.json': financedText });
    expect(await runCli(['x.json'], levered.io)).toBe(0);
    expect(levered.stdout()).not.toMatch(/NaN|Infinity/);
    const onLevered = JSON.parse(levered.stdout());
    expect(onLevered.boardView).toBe('levered-after-tax');
    expect(
      onLevered.cases[1].strategies[1].financing.leveredAfterTax.projectDebt.sizing,
    ).toBeDefined();
    const preTax = memoryIo({ 'x.json': financedText });
    expect(await runCli(['x.json', '--view', 'unlevered-pre-tax'], preTax.io)).toBe(0);
    const onPreTax = JSON.parse(preTax.stdout());
    expect(onPreTax.boardView).toBe('unlevered-pre-tax');
    expect(onPreTax.breakevens.leaseRateUsdPerKwMonth).not.toEqual(
      onLevered.breakevens.leaseRateUsdPerKwMonth,
    );
  });

  it('refuses an unknown view, naming it and the known ones', async () => {
    const run = memoryIo({ 'x.json': financedText });
    expect(await runCli(['x.json', '--view', 'sideways'], run.io)).toBe(2);
    expect(run.stderr()).toContain('--view sideways: unknown view (known: unlevered-pre-tax');
  });
});
