import { mergeChunks, runChunk } from '../engine/montecarlo/index';
import { createWorkerState, type FromWorker, handleMessage, type ToWorker } from './protocol';

/**
 * The Monte Carlo Web Worker: the engine's chunk API behind the message protocol of protocol.ts.
 * Started by src/state/uncertainty.ts with `new Worker(new URL('../workers/montecarlo.worker.ts',
 * import.meta.url), { type: 'module' })`.
 */

// Chunks are queued through a MessageChannel, not setTimeout: nested timeouts are clamped to
// 4 ms each, which a 100-chunk run would pay 100 times.
const channel = new MessageChannel();
const tasks: (() => void)[] = [];
channel.port1.onmessage = () => tasks.shift()?.();
const schedule = (task: () => void) => {
  tasks.push(task);
  channel.port2.postMessage(null);
};

const state = createWorkerState({ runChunk, mergeChunks }, schedule);
const post = (message: FromWorker, transfer: Transferable[] = []) =>
  self.postMessage(message, { transfer });

self.onmessage = (event: MessageEvent<ToWorker>) => handleMessage(state, event.data, post);
