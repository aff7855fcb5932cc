import { describe, expect, it } from 'vitest';
import { createRequestClient, type WorkerLike } from '../../src/workers/client';

type Body = { readonly question: string };
type Reply = { readonly id: number; readonly ok: boolean; readonly text: string };

/** A worker that answers when told to, in any order, or crashes. */
function fakeWorkers() {
  const started: (WorkerLike<Body & { id: number }, Reply> & {
    received: (Body & { id: number })[];
    terminated: boolean;
  })[] = [];
  const factory = () => {
    const worker = {
      received: [] as (Body & { id: number })[],
      terminated: false,
      onmessage: null as ((event: MessageEvent<Reply>) => void) | null,
      onerror: null as ((event: ErrorEvent) => void) | null,
      postMessage(message: Body & { id: number }) {
        worker.received.push(message);
      },
      terminate() {
        worker.terminated = true;
      },
    };
    started.push(worker);
    return worker;
  };
  const answer = (worker: (typeof started)[number], id: number, text: string) =>
    worker.onmessage?.({ data: { id, ok: true, text } } as MessageEvent<Reply>);
  return { started, factory, answer };
}

const failed = (id: number, message: string): Reply => ({ id, ok: false, text: message });

describe('the typed worker request client (exports worker; the Monte Carlo pool shares its types)', () => {
  it('starts one worker on the first request and matches replies to requests by id', async () => {
    const { started, factory, answer } = fakeWorkers();
    const client = createRequestClient<Body, Reply>(factory, failed);
    expect(started).toHaveLength(0);
    const first = client.request({ question: 'a' });
    const second = client.request({ question: 'b' });
    expect(started).toHaveLength(1);
    const worker = started[0]!;
    expect(worker.received).toEqual([
      { question: 'a', id: 1 },
      { question: 'b', id: 2 },
    ]);
    answer(worker, 2, 'B');
    answer(worker, 1, 'A');
    expect(await first).toEqual({ id: 1, ok: true, text: 'A' });
    expect(await second).toEqual({ id: 2, ok: true, text: 'B' });
  });

  it('fails what is waiting when the worker crashes, then starts a new one', async () => {
    const { started, factory, answer } = fakeWorkers();
    const client = createRequestClient<Body, Reply>(factory, failed);
    const waiting = client.request({ question: 'a' });
    started[0]!.onerror?.({ message: 'out of memory' } as ErrorEvent);
    expect(await waiting).toEqual({ id: 1, ok: false, text: 'out of memory' });
    expect(started[0]!.terminated).toBe(true);
    const next = client.request({ question: 'b' });
    expect(started).toHaveLength(2);
    answer(started[1]!, 2, 'B');
    expect(await next).toMatchObject({ ok: true, text: 'B' });
  });

  it('rejects a request whose worker cannot start, with the factory error', async () => {
    const client = createRequestClient<Body, Reply>(() => {
      throw new Error('this browser cannot run Web Workers');
    }, failed);
    await expect(client.request({ question: 'a' })).rejects.toThrow('cannot run Web Workers');
  });
});
