import { evaluate, formatMonteCarloSummary, runMonteCarlo } from '../engine/index';
import { UTF8_BOM } from '../io/csv';
import { ledgersOf } from '../io/csvExports';
import { buildComparisonWorkbook, scenarioComparisonCsv } from '../io/scenarioComparison';
import { parseScenarioFileText } from '../io/scenarioFile';
import { FINANCIAL_VIEWS, type FinancialView, type Scenario } from '../schema/scenario';
import { formatIssue } from '../schema/validate';
import {
  isOutputFormatName,
  OUTPUT_FORMATS,
  type OutputFormat,
  type OutputFormatName,
} from './formats';

/** What the command line touches, so tests can run it in memory. */
export interface CliIo {
  readFile(path: string): Promise<string>;
  /** Writes text as UTF-8, or bytes as they are. */
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
}

const SYNOPSIS =
  'Usage: npm run evaluate -- <scenario.json> [more.json …] [--format json|text|csv|decision|ledgers|stress|xlsx] [--out <file>] [--view <view>] [--paths <n>] [--seed <n>]';

export const USAGE = `${SYNOPSIS}

Evaluates every strategy of a scenario file under each of its price cases.

  --format json     the whole evaluation as JSON (default; the decision is its "decision" field)
  --format text     the decision in words (recommendation, breakevens, drivers, warnings) and
                    every strategy's NPV, IRR, payback and MOIC, for reading at a terminal
  --format csv      the comparison table (one row per price case and strategy)
  --format decision the decision summary as CSV (section, item, value, text)
  --format ledgers  every monthly ledger (strategy × price case) in one CSV table
  --format stress   the stress tests (every strategy, reference case) as one CSV table
  --format xlsx     the auditable workbook, as the app exports it (needs --out)
  --out <file>      write to <file> instead of standard output (a CSV file starts with a UTF-8 BOM)
  --paths <n>       run the Monte Carlo over BTC price and difficulty with n paths (2 to 1,000,000)
                    and print its summary instead (with --format json: the whole result as JSON)
  --view <view>     the view the breakevens are solved on: unlevered-pre-tax, unlevered-after-tax
                    or levered-after-tax (overrides financing.boardView; docs/model.md §12)
  --seed <n>        the Monte Carlo seed (a whole number); either option starts the Monte Carlo,
                    the other then comes from the scenario's monteCarlo section
  -h, --help        show this help

With several scenario files, --format csv or xlsx writes their comparison in one file: the inputs
that differ, NPV per price case × strategy and the breakevens side by side (the XLSX links live
to each scenario's own sheets).

With npm, use \`npm run --silent evaluate -- …\` (or --out) to keep npm's banner out of the output.

Exit codes: 0 done; 1 the file is not a valid scenario file (every problem is listed);
2 wrong arguments, or a file that cannot be read or written.
`;

interface CliArgs {
  readonly scenarioPath: string;
  /** Every scenario file given: more than one makes a comparison. */
  readonly scenarioPaths: readonly string[];
  readonly format: OutputFormatName;
  readonly outPath: string | undefined;
  /** Set by --paths or --seed: run the Monte Carlo instead. */
  readonly monteCarlo: { readonly paths?: number; readonly seed?: number } | undefined;
  /** Set by --view: the board view to evaluate on. */
  readonly view: FinancialView | undefined;
}

type OptionName = '--format' | '--out' | '--paths' | '--seed' | '--view';
const OPTION_NAMES: readonly string[] = ['--format', '--out', '--paths', '--seed', '--view'];

type ParsedArgs =
  | { readonly kind: 'run'; readonly args: CliArgs }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

/** `--name value` or `--name=value`; a value may not itself look like an option. */
function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<OptionName, string>();
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    const equals = arg.indexOf('=');
    const name = (equals < 0 ? arg : arg.slice(0, equals)) as OptionName;
    if (!OPTION_NAMES.includes(name)) {
      return { kind: 'error', message: `unknown option ${arg}` };
    }
    if (options.has(name)) return { kind: 'error', message: `${name} is given twice` };
    const value = equals < 0 ? argv[i + 1] : arg.slice(equals + 1);
    if (value === undefined || value === '' || value.startsWith('--')) {
      return { kind: 'error', message: `${name} needs a value` };
    }
    if (equals < 0) i += 1;
    options.set(name, value);
  }
  if (positionals.length === 0) return { kind: 'error', message: 'no scenario file given' };
  const format = options.get('--format') ?? 'json';
  if (positionals.length > 1 && format !== 'csv' && format !== 'xlsx') {
    return {
      kind: 'error',
      message: `several scenario files (${positionals.length}) are compared with --format csv or xlsx, not ${format}`,
    };
  }
  if (!isOutputFormatName(format)) {
    const known = Object.keys(OUTPUT_FORMATS).join(', ');
    return { kind: 'error', message: `unknown format "${format}" (known: ${known})` };
  }
  const outPath = options.get('--out');
  if (OUTPUT_FORMATS[format].binary && outPath === undefined) {
    return {
      kind: 'error',
      message: `--format ${format} writes a binary file: give --out <file.${format}>`,
    };
  }
  const paths = options.get('--paths');
  const seed = options.get('--seed');
  if (paths !== undefined && !/^\d+$/.test(paths)) {
    return { kind: 'error', message: `--paths ${paths}: must be a whole number of paths` };
  }
  if (seed !== undefined && !/^\d+$/.test(seed)) {
    return { kind: 'error', message: `--seed ${seed}: must be a whole number` };
  }
  const monteCarlo =
    paths === undefined && seed === undefined
      ? undefined
      : {
          ...(paths === undefined ? {} : { paths: Number(paths) }),
          ...(seed === undefined ? {} : { seed: Number(seed) }),
        };
  if (monteCarlo !== undefined && positionals.length > 1) {
    return { kind: 'error', message: 'the Monte Carlo runs one scenario file at a time' };
  }
  if (monteCarlo !== undefined && format !== 'json') {
    return { kind: 'error', message: `--format ${format} does not apply to a Monte Carlo run` };
  }
  const view = options.get('--view');
  if (view !== undefined && !(FINANCIAL_VIEWS as readonly string[]).includes(view)) {
    return {
      kind: 'error',
      message: `--view ${view}: unknown view (known: ${FINANCIAL_VIEWS.join(', ')})`,
    };
  }
  return {
    kind: 'run',
    args: {
      scenarioPath: positionals[0]!,
      scenarioPaths: positionals,
      format,
      outPath,
      monteCarlo,
      view: view as FinancialView | undefined,
    },
  };
}

/** Reads and imports one scenario file: the scenario, or the exit code after saying why not. */
async function readScenario(path: string, io: CliIo): Promise<Scenario | number> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    io.stderr(`evaluate: cannot read ${path}: ${messageOf(error)}\n${SYNOPSIS}\n`);
    return 2;
  }
  const imported = parseScenarioFileText(text, new TextEncoder().encode(text).length);
  if (!imported.ok) {
    const count = imported.problems.length;
    const lines = imported.problems.map((problem) => `  ${formatIssue(problem)}\n`).join('');
    io.stderr(
      `evaluate: ${path} is not a valid scenario file (${count} problem${count === 1 ? '' : 's'}):\n${lines}`,
    );
    return 1;
  }
  if (imported.scenarios.length !== 1) {
    io.stderr(
      `evaluate: ${path} is a workspace of ${imported.scenarios.length} scenarios; export each scenario to its own file to evaluate it\n`,
    );
    return 1;
  }
  return imported.scenarios[0]!;
}

/** Several scenario files: their comparison as CSV or XLSX (docs/files.md). */
async function runComparison(args: CliArgs, io: CliIo): Promise<number> {
  const evaluations = [];
  for (const path of args.scenarioPaths) {
    const scenario = await readScenario(path, io);
    if (typeof scenario === 'number') return scenario;
    evaluations.push(evaluate(scenario));
  }
  const rendered =
    args.format === 'xlsx'
      ? await buildComparisonWorkbook(evaluations, evaluations.map(ledgersOf))
      : scenarioComparisonCsv(evaluations);
  if (args.outPath === undefined) {
    io.stdout(rendered as string);
    return 0;
  }
  try {
    await io.writeFile(args.outPath, typeof rendered === 'string' ? UTF8_BOM + rendered : rendered);
  } catch (error) {
    io.stderr(`evaluate: cannot write ${args.outPath}: ${messageOf(error)}\n`);
    return 2;
  }
  return 0;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The `evaluate` command: reads a scenario file, validates and evaluates it, and writes the
 * result in the chosen format to standard output or `--out`. The file goes through the app's
 * importer (`parseScenarioFileText`), so it meets the same limits and messages. Resolves to the
 * exit code: 0 done, 1 the file is not a valid scenario file (every problem listed on stderr as
 * `path = value: rule`), 2 wrong arguments or a file that cannot be read or written.
 * Anything else thrown is a bug and is not caught here.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.stderr(`evaluate: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const { scenarioPath, format, outPath, monteCarlo, view } = parsed.args;
  const formatGiven = argv.some((arg) => arg === '--format' || arg.startsWith('--format='));
  if (parsed.args.scenarioPaths.length > 1) {
    return runComparison(parsed.args, io);
  }

  // The app's importer: the same size limit, checks and messages as a file opened in the page.
  const scenario = await readScenario(scenarioPath, io);
  if (typeof scenario === 'number') return scenario;
  if (monteCarlo !== undefined) {
    let summary: string;
    try {
      const result = runMonteCarlo(scenario, monteCarlo);
      summary = formatGiven
        ? `${JSON.stringify(result, null, 2)}\n`
        : formatMonteCarloSummary(result);
    } catch (error) {
      // Only the path count and seed can be out of range here: the scenario is valid.
      if (!(error instanceof RangeError)) throw error;
      io.stderr(`evaluate: ${error.message}\n`);
      return 2;
    }
    if (outPath === undefined) {
      io.stdout(summary);
      return 0;
    }
    try {
      await io.writeFile(outPath, summary);
    } catch (error) {
      io.stderr(`evaluate: cannot write ${outPath}: ${messageOf(error)}\n`);
      return 2;
    }
    return 0;
  }
  const evaluation = evaluate(
    view === undefined
      ? scenario
      : { ...scenario, financing: { ...scenario.financing, boardView: view } },
  );

  const output: OutputFormat = OUTPUT_FORMATS[format];
  const rendered = await output.render(evaluation);
  if (outPath === undefined) {
    // parseArgs requires --out for binary formats.
    io.stdout(rendered as string);
    return 0;
  }
  try {
    await io.writeFile(
      outPath,
      typeof rendered === 'string' ? output.filePreamble + rendered : rendered,
    );
  } catch (error) {
    io.stderr(`evaluate: cannot write ${outPath}: ${messageOf(error)}\n`);
    return 2;
  }
  return 0;
}
