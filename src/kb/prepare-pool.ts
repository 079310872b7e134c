import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { type Prepared, type PrepareJob, prepareFile } from './prepare-file.js';
import { createFileReader } from './read-kb-file.js';

/**
 * Below this many files, starting a worker thread (it loads the analyzers, ~0.3 s) costs more
 * than it saves: a cold index of 1,000 articles ran at 437 articles/s with one worker against 482
 * without, and a 1,000-file re-index took the same time either way; 10,000 gained a third.
 */
export const MIN_JOBS_FOR_WORKERS = 2000;
/** Jobs handed to one worker and not yet answered: enough to keep it busy, few enough to bound memory. */
const WINDOW = 16;
/** Workers that answer nothing for this long after being given work are given up on; the indexer does their jobs itself. */
const STALL_MS = 60_000;

/**
 * A small young generation per worker: the default lets each worker's heap grow by tens of MB
 * between collections, and two workers then push the peak RSS of a 100,000-article run past its
 * budget. Scavenges of a small young generation are cheap; the time is about the same.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/** Messages a worker posts on its port. */
export type WorkerMessage = { type: 'ready' } | { type: 'done'; id: number; result: Prepared } | { type: 'error'; id: number; message: string };

/** What a worker is started with. */
export interface WorkerInit {
  port: MessagePort;
  /** Int32Array over a SharedArrayBuffer: slot 0 counts the messages posted, so the indexer can sleep until one comes. */
  signal: SharedArrayBuffer;
}

export interface PrepareOptions {
  /** Worker threads to read, parse and analyze on; 0 does it all on this thread. Default: defaultWorkers(). */
  workers?: number;
  /** Fewer jobs than this are done on this thread (default MIN_JOBS_FOR_WORKERS). */
  minJobsForWorkers?: number;
  /** Wait for the workers to start rather than do the first jobs on this thread (for tests). */
  waitForWorkers?: boolean;
  /** Do later jobs on this thread while waiting for the workers' results (default true; false for tests: all jobs go to workers). */
  helpWorkers?: boolean;
}

export interface PrepareStats {
  /** Jobs a worker did; the rest were done on this thread. */
  onWorkers: number;
}

/**
 * Gets jobs 0 to count - 1 ready and hands the results to `consume` one at a time, in order,
 * on this thread: the caller can keep its synchronous transaction open. The reading,
 * parsing and analyzing run on worker threads when there are enough jobs, while this thread
 * stores the previous results; at most WINDOW results per worker wait in memory. Until a worker
 * has started (it loads the analyzers), for any worker that fails, and whenever this thread
 * would otherwise wait for the workers, it does jobs itself: the results are the same wherever
 * a job runs.
 */
export function prepareAll(
  count: number,
  jobAt: (index: number) => PrepareJob,
  options: PrepareOptions,
  consume: (result: Prepared, index: number) => void,
): PrepareStats {
  const workers = Math.max(0, Math.floor(options.workers ?? defaultWorkers()));
  const readFile = createFileReader();
  if (workers === 0 || count < (options.minJobsForWorkers ?? MIN_JOBS_FOR_WORKERS)) {
    for (let i = 0; i < count; i += 1) consume(prepareFile(jobAt(i), readFile), i);
    return { onWorkers: 0 };
  }
  const pool = startPool(workers);
  try {
    const results = new Map<number, Prepared>();
    /** Which worker each job went to, until its answer is in. */
    const owner = new Map<number, PoolWorker>();
    let sent = 0;
    let onWorkers = 0;
    let lastHeard = performance.now();
    const inThread = (i: number): Prepared => prepareFile(jobAt(i), readFile);
    const receive = (): boolean => {
      let got = false;
      for (const w of pool.workers) {
        for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) {
          got = true;
          const msg = m.message as WorkerMessage;
          if (msg.type === 'ready') {
            w.ready = true;
            continue;
          }
          if (owner.get(msg.id) !== w) continue; // a job given up on and done here already
          owner.delete(msg.id);
          w.inFlight -= 1;
          // A job the worker could not do (it should not happen: prepareFile catches) is done here.
          if (msg.type === 'done') onWorkers += 1;
          results.set(msg.id, msg.type === 'done' ? msg.result : inThread(msg.id));
        }
      }
      if (got) lastHeard = performance.now();
      return got;
    };
    for (let next = 0; next < count; next += 1) {
      for (;;) {
        const seen = Atomics.load(pool.signal, 0);
        // Take in what the workers posted (results, and that they have started), then keep their windows full.
        receive();
        for (const w of pool.workers) {
          while (w.ready && !w.dead && w.inFlight < WINDOW && sent < count) {
            owner.set(sent, w);
            w.inFlight += 1;
            w.worker.postMessage({ id: sent, job: jobAt(sent) });
            sent += 1;
            lastHeard = performance.now();
          }
        }
        if (results.has(next)) break;
        const waiting = options.waitForWorkers && pool.workers.some((w) => !w.ready && !w.dead);
        if (sent === next && !waiting) {
          // No worker has it (none started yet, or none left): do it here.
          results.set(next, inThread(next));
          sent += 1;
          break;
        }
        if (receive()) continue;
        if ((options.helpWorkers ?? true) && sent < count && results.size < WINDOW && pool.workers.some((w) => w.ready && !w.dead)) {
          // The workers' windows are full and the next result is not in: rather than wait, get a
          // later job ready here. While the workers are the bottleneck (a 10,000-article run) this
          // thread's idle time goes to analysis, as a second worker's would, without its memory.
          results.set(sent, inThread(sent));
          sent += 1;
          continue;
        }
        if (performance.now() - lastHeard > STALL_MS) {
          // Nothing from any worker for a long time: stop them and do their jobs here.
          for (const w of pool.workers) w.dead = true;
          for (const [id] of owner) results.set(id, inThread(id));
          owner.clear();
          continue;
        }
        Atomics.wait(pool.signal, 0, seen, 1000);
      }
      const result = results.get(next)!;
      results.delete(next);
      consume(result, next);
    }
    return { onWorkers };
  } finally {
    pool.close();
  }
}

/**
 * KB_INDEX_WORKERS when set, else one worker on a machine with two cores or more (none on one).
 * On the 2-core machine this was measured on, one worker takes reading and analysis off the
 * thread that writes to SQLite: a cold index of 10,000 articles took 14.1-15.7 s against
 * 17.6-22.3 s with none, and 100,000 took 152 s against 259 s. A second worker took 100,000 no
 * faster (151 s: SQLite's thread is then the bottleneck) and raised the peak RSS to 426 MiB, over
 * the 400 MB budget; the indexer's own idle time (helpWorkers) does better without the memory.
 */
export function defaultWorkers(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const set = Number.parseInt(env.KB_INDEX_WORKERS ?? '', 10);
  if (Number.isInteger(set) && set >= 0) return Math.min(set, cores * 2, 16);
  return cores >= 2 ? 1 : 0;
}

interface PoolWorker {
  worker: Worker;
  port: MessagePort;
  ready: boolean;
  dead: boolean;
  inFlight: number;
}

function startPool(size: number): { workers: PoolWorker[]; signal: Int32Array; close(): void } {
  const shared = new SharedArrayBuffer(4);
  const workers: PoolWorker[] = [];
  for (let i = 0; i < size; i += 1) {
    const { port1, port2 } = new MessageChannel();
    const init: WorkerInit = { port: port2, signal: shared };
    const worker = new Worker(new URL('./prepare-worker.mjs', import.meta.url), { workerData: init, transferList: [port2], resourceLimits: WORKER_LIMITS });
    worker.unref();
    // An error in a worker is handled by giving up on it (see STALL_MS); it must not end the process.
    worker.on('error', () => undefined);
    workers.push({ worker, port: port1, ready: false, dead: false, inFlight: 0 });
  }
  return {
    workers,
    signal: new Int32Array(shared),
    close() {
      for (const w of workers) {
        w.port.close();
        void w.worker.terminate();
      }
    },
  };
}
