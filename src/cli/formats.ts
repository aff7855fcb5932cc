import type { Evaluation } from '../engine/index';
import { UTF8_BOM } from '../io/csv';
import { allLedgersCsv, comparisonCsv, ledgersOf } from '../io/csvExports';
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

/** The output formats by their `--format` name: the app's exports, from the same modules. */
export const OUTPUT_FORMATS = {
  json: { render: finiteJson, filePreamble: '', binary: false },
  // Excel reads a CSV file as UTF-8 only with a BOM (scenario names hold dashes, accents…).
  csv: { render: comparisonCsv, filePreamble: UTF8_BOM, binary: false },
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
