import type { Evaluation } from '../engine/index';
import { comparisonTableRows } from '../io/comparisonTable';
import { toCsv, UTF8_BOM } from '../io/csv';

/** One `--format` of the command line. */
export interface OutputFormat {
  /** The evaluation as the text to write. */
  readonly render: (evaluation: Evaluation) => string;
  /** Written before the text in files only, never to standard output. */
  readonly filePreamble: string;
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

/** The output formats by their `--format` name. */
export const OUTPUT_FORMATS = {
  json: { render: finiteJson, filePreamble: '' },
  // Excel reads a CSV file as UTF-8 only with a BOM (scenario names hold dashes, accents…).
  csv: { render: (evaluation) => toCsv(comparisonTableRows(evaluation)), filePreamble: UTF8_BOM },
} as const satisfies Record<string, OutputFormat>;

export type OutputFormatName = keyof typeof OUTPUT_FORMATS;

/** Whether `name` is a known `--format`. */
export function isOutputFormatName(name: string): name is OutputFormatName {
  return Object.hasOwn(OUTPUT_FORMATS, name);
}
