import { type Evaluation, evaluate, type Ledger, type StrategyId } from '../engine/index';
import type { MonteCarloResult } from '../engine/montecarlo/index';
import {
  allLedgersCsv,
  fileNameSlug,
  ledgerCsv,
  ledgerCsvFileName,
  ledgersOf,
} from '../io/csvExports';
import { monteCarloCsv, monteCarloCsvFileName } from '../io/monteCarloExports';
import { buildComparisonWorkbook } from '../io/scenarioComparison';
import { buildWorkbook } from '../io/xlsx';

/**
 * The heavy exports, which need the decimal ledgers of record (about 0.4 s for 15 ledgers of
 * 240 months) and, for the workbook, exceljs (about 1 MB): run in the exports Web Worker
 * (exports.worker.ts), never on the page. Plain data in, plain data out.
 */
export type ExportJob =
  | { readonly kind: 'prepare' }
  /** With the Monte Carlo result of the same inputs, when there is one: its sheet is added. */
  | { readonly kind: 'workbook'; readonly monteCarlo: MonteCarloResult | null }
  | { readonly kind: 'monte-carlo-csv'; readonly monteCarlo: MonteCarloResult }
  | { readonly kind: 'all-ledgers-csv' }
  /** Every compared scenario (the request's own scenario is ignored) in one workbook. */
  | { readonly kind: 'comparison-workbook'; readonly scenarios: readonly unknown[] }
  | { readonly kind: 'ledger-csv'; readonly caseName: string; readonly strategyId: StrategyId };

/** A finished export: its file name and content (CSV text without the byte order mark). */
export type ExportOutput =
  | { readonly kind: 'none' }
  | { readonly kind: 'csv'; readonly name: string; readonly text: string }
  | { readonly kind: 'xlsx'; readonly name: string; readonly bytes: Uint8Array<ArrayBuffer> };

/** Page → exports worker. */
export interface ExportRequest {
  readonly id: number;
  readonly scenario: unknown;
  readonly job: ExportJob;
}

/** Exports worker → page. */
export type ExportReply =
  | { readonly id: number; readonly ok: true; readonly output: ExportOutput }
  | { readonly id: number; readonly ok: false; readonly message: string };

export type ExportJobRunner = (scenario: unknown, job: ExportJob) => Promise<ExportOutput>;

/** The worker's answer to one request: the output, or the error's message. Never rejects. */
export async function answer(run: ExportJobRunner, request: ExportRequest): Promise<ExportReply> {
  try {
    return { id: request.id, ok: true, output: await run(request.scenario, request.job) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id: request.id, ok: false, message };
  }
}

interface Prepared {
  readonly key: string;
  readonly evaluation: Evaluation;
  readonly ledgers: Ledger[];
}

/**
 * A job runner that keeps the last scenario's evaluation and ledgers, so a second export of
 * the same inputs (or one after `prepare`) skips the ledger build. The scenario is evaluated
 * again here: the same engine on the same validated inputs gives the page's figures; breakevens
 * and the tornado are skipped, as no export here holds them.
 */
export function createExportJobs(): ExportJobRunner {
  let prepared: Prepared | undefined;
  const prepare = (scenario: unknown): Prepared => {
    const key = JSON.stringify(scenario);
    if (prepared?.key !== key) {
      const evaluation = evaluate(scenario, { breakevens: false, sensitivity: false });
      prepared = { key, evaluation, ledgers: ledgersOf(evaluation) };
    }
    return prepared;
  };
  return async (scenario, job) => {
    if (job.kind === 'comparison-workbook') {
      const evaluations = job.scenarios.map((each) => evaluate(each, { sensitivity: false }));
      const bytes = (await buildComparisonWorkbook(
        evaluations,
        evaluations.map(ledgersOf),
      )) as Uint8Array<ArrayBuffer>;
      return { kind: 'xlsx', name: 'scenario-comparison.xlsx', bytes };
    }
    const { evaluation, ledgers } = prepare(scenario);
    const slug = fileNameSlug(evaluation.scenario.name);
    switch (job.kind) {
      case 'prepare':
        return { kind: 'none' };
      case 'workbook': {
        // exceljs writes into a plain ArrayBuffer, which is what lets the bytes be transferred.
        const bytes = (await buildWorkbook(
          evaluation,
          ledgers,
          job.monteCarlo,
        )) as Uint8Array<ArrayBuffer>;
        return { kind: 'xlsx', name: `${slug}.xlsx`, bytes };
      }
      case 'monte-carlo-csv':
        return {
          kind: 'csv',
          name: monteCarloCsvFileName(slug, job.monteCarlo),
          text: monteCarloCsv(job.monteCarlo, evaluation.scenario.startMonth),
        };
      case 'all-ledgers-csv':
        return { kind: 'csv', name: `${slug}--ledgers.csv`, text: allLedgersCsv(ledgers) };
      case 'ledger-csv': {
        const ledger = ledgers.find(
          (l) => l.caseName === job.caseName && l.strategyId === job.strategyId,
        );
        if (!ledger) throw new Error(`no ledger for ${job.strategyId} in the ${job.caseName} case`);
        return {
          kind: 'csv',
          name: ledgerCsvFileName(evaluation.scenario.name, ledger),
          text: ledgerCsv(ledger),
        };
      }
    }
  };
}
