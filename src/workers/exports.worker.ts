// First: zod must not probe for `new Function` (src/schema/zodConfig.ts).
import '../schema/zodConfig';
import { answer, createExportJobs, type ExportRequest } from './exportJobs';

/**
 * The exports worker: builds ledgers, ledger CSVs and the workbook off the page's thread, so
 * the page stays responsive while they take their second (see exportJobs.ts).
 */
const run = createExportJobs();

self.onmessage = async (event: MessageEvent<ExportRequest>) => {
  const reply = await answer(run, event.data);
  // The workbook's bytes move to the page instead of being copied.
  const transfer = reply.ok && reply.output.kind === 'xlsx' ? [reply.output.bytes.buffer] : [];
  self.postMessage(reply, { transfer });
};
