import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** A file's size and mtime, or null when it is gone or not a regular file. */
export type FileStatNow = { size: number; mtimeMs: number } | null;

export interface BackgroundStat {
  /** The stat of paths[i]: the worker's when it got there first, else taken here and now. */
  get(i: number): FileStatNow;
  close(): void;
}

/** Below this many files a worker thread costs more than it saves: they are statted on this thread. */
export const MIN_FILES_FOR_WORKER = 2000;
/** The worker keeps nothing: a small heap is enough, and leaves less behind. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 };
/** How long to wait for the worker to finish the one file it is statting (it takes microseconds). */
const WAIT_MS = 100;

/**
 * Stats `paths` on a worker thread while this thread goes on with other work (a re-index scans
 * the files the index knows meanwhile: at 100,000 files each half takes about half a second).
 * Each file is statted once, by whichever thread claims it first, so `get` never waits for the
 * worker to reach a file, and gives what statSync would have given here.
 */
export function statInBackground(paths: readonly string[], minFiles = MIN_FILES_FOR_WORKER): BackgroundStat {
  if (paths.length < minFiles) return { get: (i) => statNow(paths[i]!), close: () => undefined };
  // Per file: 0 unclaimed, 1 being statted, 2 done; then size and mtime (size -1: no file).
  const state = new SharedArrayBuffer(4 * paths.length);
  const results = new SharedArrayBuffer(16 * paths.length);
  const claims = new Int32Array(state);
  const out = new Float64Array(results);
  // The paths go as UTF-8 bytes in shared memory, with where each ends: cloning 100,000 strings
  // into the worker would cost time here and leave memory behind after it has stopped.
  const ends = new SharedArrayBuffer(4 * paths.length);
  const endAt = new Uint32Array(ends);
  let total = 0;
  for (let i = 0; i < paths.length; i += 1) endAt[i] = total += Buffer.byteLength(paths[i]!);
  const bytes = new SharedArrayBuffer(total);
  const view = Buffer.from(bytes);
  for (let i = 0, at = 0; i < paths.length; i += 1) at += view.write(paths[i]!, at);
  let worker: Worker | null = null;
  try {
    worker = new Worker(new URL('./stat-worker.mjs', import.meta.url), { workerData: { bytes, ends, state, results }, resourceLimits: WORKER_LIMITS });
    worker.unref();
    // A worker that fails leaves its files unclaimed (or one claimed, see get): they are statted here.
    worker.on('error', () => undefined);
  } catch {
    worker = null;
  }
  return {
    get(i) {
      const claimed = Atomics.compareExchange(claims, i, 0, 1) === 0;
      // Claimed here, or the worker stopped while statting it: statted here, and kept for the next ask.
      if (claimed || (Atomics.load(claims, i) === 1 && Atomics.wait(claims, i, 1, WAIT_MS) === 'timed-out')) {
        const now = statNow(paths[i]!);
        out[2 * i] = now ? now.size : -1;
        out[2 * i + 1] = now ? now.mtimeMs : -1;
        Atomics.store(claims, i, 2);
        return now;
      }
      const size = out[2 * i]!;
      return size < 0 ? null : { size, mtimeMs: out[2 * i + 1]! };
    },
    close() {
      if (worker) void worker.terminate();
      worker = null;
    },
  };
}

function statNow(path: string): FileStatNow {
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    return st && st.isFile() ? { size: st.size, mtimeMs: st.mtimeMs } : null;
  } catch {
    return null;
  }
}
