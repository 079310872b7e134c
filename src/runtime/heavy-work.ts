import { Worker } from 'node:worker_threads';
import type { IndexOptions, IndexReport } from '../kb/index-kb.js';
import { IndexRefusedError } from '../kb/kb-folders.js';
import type { Log } from '../log.js';
import type { Answer } from '../reply/answer.js';
import type { ScanReport } from '../scan/scan-log.js';
import type { Services } from '../services.js';
import { readSnapshot, retryWhileBusy } from '../store/slack-store.js';

/**
 * The bot's heavy work, off its event loop: matching (a 40,000-character paste takes a good part
 * of a second), scanning attached logs (seconds for 5 MB) and `/kb reindex` (seconds to minutes)
 * each run on a worker thread of their own (a *lane*), with its own connection to the index, so
 * that acknowledgements to Slack stay immediate whatever is being processed, and answers go on
 * while a re-index or a scan runs. A lane's thread starts with its first job and stops after
 * IDLE_MS without one, so an idle bot keeps no extra memory. An in-memory database (tests of the
 * store) cannot be shared with a thread: then the work runs here, as it did before.
 */
export interface HeavyWork {
  answer(text: string): Promise<Answer>;
  scan(text: string): Promise<ScanReport>;
  /** Re-indexes the KB folders; waits up to `waitMs` for another index run holding the write lock. */
  index(roots: readonly string[], options: Pick<IndexOptions, 'allowEmpty'>, waitMs: number): Promise<IndexReport>;
  /** Stops the threads (jobs in progress are abandoned: their callers get an error). */
  close(): Promise<void>;
}

export type HeavyJob =
  | { kind: 'answer'; text: string }
  | { kind: 'scan'; text: string }
  | { kind: 'index'; roots: readonly string[]; options: Pick<IndexOptions, 'allowEmpty'>; waitMs: number };

export type HeavyResult = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { name: string; message: string; code?: string } };

export interface WorkerInit {
  dbFile: string;
}

/** How long a lane's thread waits for its next job before it stops. */
export const IDLE_MS = 60_000;
/** The young generation of a lane's heap, as the indexing workers have it (src/kb/prepare-pool.ts). */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 };

export function createHeavyWork(services: Services, dbFile: string, log: Pick<Log, 'warn'>, options: { idleMs?: number } = {}): HeavyWork {
  if (dbFile === ':memory:') return inProcess(services);
  const lanes = {
    answer: createLane('answer', dbFile, log, options.idleMs ?? IDLE_MS),
    scan: createLane('scan', dbFile, log, options.idleMs ?? IDLE_MS),
    index: createLane('index', dbFile, log, options.idleMs ?? IDLE_MS),
  };
  const here = inProcess(services);
  // A thread that could not start or died (not a job that failed) costs the event loop, not the answer.
  const orHere = <T>(work: Promise<unknown>, fallback: () => Promise<T>): Promise<T> =>
    (work as Promise<T>).catch((err: unknown) => {
      if (!(err instanceof ThreadFailure)) throw err;
      log.warn('a heavy-work thread failed; doing this job on the main thread', { error: err });
      return fallback();
    });
  return {
    answer: (text) => orHere(lanes.answer.run({ kind: 'answer', text }), () => here.answer(text)),
    scan: (text) => orHere(lanes.scan.run({ kind: 'scan', text }), () => here.scan(text)),
    index: (roots, opts, waitMs) => lanes.index.run({ kind: 'index', roots: [...roots], options: { allowEmpty: opts.allowEmpty }, waitMs }) as Promise<IndexReport>,
    async close() {
      await Promise.all(Object.values(lanes).map((l) => l.close()));
    },
  };
}

/** An answer read from one snapshot of the index: a `kb index` committing meanwhile is seen whole or not at all. */
export function answerInOneSnapshot(services: Pick<Services, 'db' | 'answer'>, text: string): Answer {
  return readSnapshot(services.db, () => services.answer(text));
}

/** A scan read from one snapshot of the index. */
export function scanInOneSnapshot(services: Pick<Services, 'db' | 'scan'>, text: string): ScanReport {
  return readSnapshot(services.db, () => services.scan(text));
}

/** The same work on this thread: for a database no other thread can open. */
function inProcess(services: Services): HeavyWork {
  return {
    answer: async (text) => answerInOneSnapshot(services, text),
    scan: async (text) => scanInOneSnapshot(services, text),
    index: (roots, opts, waitMs) => retryWhileBusy(services.db, () => services.index(roots, opts), waitMs),
    close: async () => undefined,
  };
}

interface Lane {
  run(job: HeavyJob): Promise<unknown>;
  close(): Promise<void>;
}

/** One worker thread, started on demand, doing one job at a time (the thread queues the rest). */
function createLane(name: string, dbFile: string, log: Pick<Log, 'warn'>, idleMs: number): Lane {
  let worker: Worker | null = null;
  let idle: NodeJS.Timeout | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  const stop = () => {
    const w = worker;
    worker = null;
    if (idle) clearTimeout(idle);
    idle = null;
    return w ? w.terminate().then(() => undefined) : Promise.resolve();
  };
  const start = (): Worker => {
    const w = new Worker(new URL('./heavy-worker.mjs', import.meta.url), { workerData: { dbFile } satisfies WorkerInit, resourceLimits: WORKER_LIMITS });
    w.unref();
    w.on('message', (m: HeavyResult) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(rebuildError(m.error));
      if (pending.size === 0) armIdle();
    });
    w.on('error', (err) => {
      log.warn(`the ${name} thread failed; the next job starts a new one`, { error: err });
      if (worker === w) worker = null;
      failAll(new ThreadFailure(`the ${name} thread failed: ${err.message}`));
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (pending.size) failAll(new ThreadFailure(`the ${name} thread stopped (exit code ${code}) before it finished`));
    });
    return w;
  };
  const armIdle = () => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => {
      if (pending.size === 0) void stop();
    }, idleMs);
    idle.unref();
  };

  return {
    run(job) {
      if (idle) clearTimeout(idle);
      idle = null;
      worker ??= start();
      const id = (nextId += 1);
      const w = worker;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ ...job, id });
      });
    },
    async close() {
      failAll(new ThreadFailure(`the ${name} thread was stopped`));
      await stop();
    },
  };
}

/** The thread itself failed (it could not start, ran out of memory, was stopped), not the job it had. */
export class ThreadFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThreadFailure';
  }
}

/** The worker's error as the main thread's code expects it: a refused run stays an IndexRefusedError, a busy database keeps its SQLite code. */
function rebuildError(e: { name: string; message: string; code?: string }): Error {
  if (e.name === 'IndexRefusedError') return new IndexRefusedError(e.message);
  const err = new Error(e.message) as Error & { code?: string };
  err.name = e.name;
  if (e.code) err.code = e.code;
  return err;
}
