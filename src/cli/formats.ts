import { formatNumber, formatPercent, formatUsdShort } from '../engine/format';
import {
  decisionText,
  type Evaluation,
  type IrrOutcome,
  type Moic,
  NO_INVESTMENT_TEXT,
  type Payback,
} from '../engine/index';
import { UTF8_BOM } from '../io/csv';
import { allLedgersCsv, comparisonCsv, decisionCsv, ledgersOf } from '../io/csvExports';
import { stressCsv } from '../io/stressTable';
import { buildWorkbook } from '../io/xlsx';

/** One `--format` of the command line. */
export interface OutputFormat {
  /** The evaluation as the text or bytes to write. */
  readonly render: (evaluation: Evaluation) => string | Promise<Uint8Array>;
  /** Written before text in files only, never to standard output. */
  readonly filePreamble: string;
  /** Bytes, not text: written to `--out` only. */
  readonly binary: boolean;
}

/**
 * Pretty JSON that refuses NaN and ±Infinity: `JSON.stringify` would silently write them as
 * `null`, which an auditor could not tell from a genuinely empty field.
 */
export function finiteJson(value: unknown): string {
  const json = JSON.stringify(
    value,
    (key, item: unknown) => {
      if (typeof item === 'number' && !Number.isFinite(item)) {
        throw new RangeError(`"${key}" is ${item}, which JSON cannot hold`);
      }
      return item;
    },
    2,
  );
  return `${json}\n`;
}

function irrText(irr: IrrOutcome): string {
  switch (irr.kind) {
    case 'rate':
      return `${formatPercent(irr.annualRate, 1, true)}${irr.multipleRootsPossible ? '*' : ''}`;
    case 'no-investment':
      return NO_INVESTMENT_TEXT;
    default:
      return 'n/a';
  }
}

function paybackText(payback: Payback): string {
  if (payback.kind === 'months') return `${formatNumber(payback.months / 12, 1, 1)} yr`;
  return payback.kind === 'never' ? 'never' : NO_INVESTMENT_TEXT;
}

function moicText(moic: Moic): string {
  if (moic.kind === 'ratio') return `${formatNumber(moic.value, 2, 2)}×`;
  return moic.kind === 'no-investment' ? NO_INVESTMENT_TEXT : 'n/a';
}

/**
 * `--format text`: the engine's decision in its own words (src/engine/decision.ts), then every
 * strategy's NPV, IRR, payback and MOIC under each price case, for a reader at a terminal.
 */
export function textReport(evaluation: Evaluation): string {
  const lines = [decisionText(evaluation.decision, evaluation.scenario.name).trimEnd()];
  for (const caseResult of evaluation.cases) {
    const reference = caseResult === evaluation.cases[evaluation.referenceCaseIndex];
    lines.push(
      '',
      `Strategies, ${caseResult.priceCase.name} case${reference ? ' (reference)' : ''}`,
    );
    for (const s of caseResult.strategies) {
      lines.push(
        `  ${s.label}: NPV ${formatUsdShort(s.npvUsd)} · IRR ${irrText(s.irr)} · payback ${paybackText(s.payback)} · MOIC ${moicText(s.moic)}`,
      );
    }
  }
  lines.push(
    '',
    '* The cash flow changes sign more than once, so other IRRs may exist; decide on NPV.',
  );
  return `${lines.join('\n')}\n`;
}

/** The output formats by their `--format` name: the app's exports, from the same modules. */
export const OUTPUT_FORMATS = {
  json: { render: finiteJson, filePreamble: '', binary: false },
  text: { render: textReport, filePreamble: '', binary: false },
  // Excel reads a CSV file as UTF-8 only with a BOM (scenario names hold dashes, accents…).
  csv: { render: comparisonCsv, filePreamble: UTF8_BOM, binary: false },
  decision: { render: decisionCsv, filePreamble: UTF8_BOM, binary: false },
  ledgers: {
    render: (evaluation) => allLedgersCsv(ledgersOf(evaluation)),
    filePreamble: UTF8_BOM,
    binary: false,
  },
  stress: { render: stressCsv, filePreamble: UTF8_BOM, binary: false },
  xlsx: {
    render: (evaluation) => buildWorkbook(evaluation, ledgersOf(evaluation)),
    filePreamble: '',
    binary: true,
  },
} as const satisfies Record<string, OutputFormat>;

export type OutputFormatName = keyof typeof OUTPUT_FORMATS;

/** Whether `name` is a known `--format`. */
export function isOutputFormatName(name: string): name is OutputFormatName {
  return Object.hasOwn(OUTPUT_FORMATS, name);
}
