import { createRequestClient } from '../workers/client';
import type { ExportJob, ExportOutput, ExportReply, ExportRequest } from '../workers/exportJobs';
import { csvFile, type DownloadFile, MIME_TYPES } from './files';

type ExportBody = Omit<ExportRequest, 'id'>;

/**
 * One exports worker for the session, started by the first export (or the Export menu opening).
 * There is deliberately no fallback on the page: it would put the ledger and workbook code in
 * the page's bundle, and every browser the app supports runs module workers.
 */
const client = createRequestClient<ExportBody, ExportReply>(
  () => {
    if (typeof Worker === 'undefined') {
      throw new Error(
        'this browser cannot run Web Workers, which the ledger and workbook exports need',
      );
    }
    return new Worker(new URL('../workers/exports.worker.ts', import.meta.url), {
      type: 'module',
    });
  },
  (id, message) => ({ id, ok: false, message }),
);

async function runJob(scenario: unknown, job: ExportJob): Promise<ExportOutput> {
  const reply = await client.request({ scenario, job });
  if (!reply.ok) throw new Error(reply.message);
  return reply.output;
}

let lastPrepared: unknown;

/**
 * Starts building the ledgers of `scenario` in the worker ahead of an export (called as the
 * user heads for the Export menu), so a ledger export is ready by the time an item is chosen.
 * Off the page's thread; the same scenario object is sent once.
 */
export function prepareExports(scenario: unknown): void {
  if (typeof Worker === 'undefined' || scenario === lastPrepared) return;
  lastPrepared = scenario;
  runJob(scenario, { kind: 'prepare' }).catch(() => {
    // A failure here shows again, with its message, when the export itself is chosen.
  });
}

/** Runs an export job in the worker and returns the file to save. */
export async function exportFile(scenario: unknown, job: ExportJob): Promise<DownloadFile> {
  const output = await runJob(scenario, job);
  switch (output.kind) {
    case 'csv':
      return csvFile(output.name, output.text);
    case 'xlsx':
      return { name: output.name, blob: new Blob([output.bytes], { type: MIME_TYPES.xlsx }) };
    case 'none':
      throw new Error('this export job makes no file');
  }
}
