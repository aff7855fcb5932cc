/**
 * The page's side of every Web Worker, typed by its messages: the Monte Carlo pool (pool.ts)
 * and the exports worker (exports.worker.ts) both speak through a {@link WorkerLike}, so tests
 * drive either with a fake worker. Call sites keep `new Worker(new URL(…), { type: 'module' })`
 * in their factory: the bundler finds and bundles workers by that very expression.
 */

/** The part of `Worker` the clients use: messages in (`In`) and out (`Out`). */
export interface WorkerLike<In, Out> {
  postMessage(message: In, options?: { transfer?: Transferable[] }): void;
  onmessage: ((event: MessageEvent<Out>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export type WorkerFactory<In, Out> = () => WorkerLike<In, Out>;

/** A request and its reply carry the same `id`. */
export interface Correlated {
  readonly id: number;
}

export interface RequestClient<Body, Reply> {
  /** Sends `body` with a fresh id; resolves with the reply of that id (or a failure reply). */
  request(body: Body): Promise<Reply>;
}

/**
 * A request/reply client over one worker, started on the first request. A worker that fails to
 * start or crashes settles every pending request with `failed(id, message)` instead of hanging,
 * and the next request starts a new worker.
 *
 * @example
 *   const client = createRequestClient(factory, (id, message) => ({ id, ok: false, message }));
 *   const reply = await client.request({ scenario, job }); // posts { id: 1, scenario, job }
 */
export function createRequestClient<Body extends object, Reply extends Correlated>(
  factory: WorkerFactory<Body & Correlated, Reply>,
  failed: (id: number, message: string) => Reply,
): RequestClient<Body, Reply> {
  let worker: WorkerLike<Body & Correlated, Reply> | undefined;
  let nextId = 0;
  const pending = new Map<number, (reply: Reply) => void>();

  function started(): WorkerLike<Body & Correlated, Reply> {
    if (worker) return worker;
    const created = factory();
    created.onmessage = (event) => {
      pending.get(event.data.id)?.(event.data);
      pending.delete(event.data.id);
    };
    created.onerror = (event) => {
      event.preventDefault?.();
      for (const [id, settle] of pending) settle(failed(id, event.message || 'it stopped'));
      pending.clear();
      created.terminate();
      worker = undefined;
    };
    worker = created;
    return created;
  }

  return {
    request(body) {
      nextId += 1;
      const id = nextId;
      return new Promise<Reply>((resolve) => {
        pending.set(id, resolve);
        started().postMessage({ ...body, id });
      });
    },
  };
}
