/**
 * An indexing worker thread: reads, parses and analyzes the files the indexer sends
 * (prepareFile), and posts each result on its port, counting it in the shared signal so the
 * indexer, which waits synchronously, wakes up.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareFile, type PrepareJob } from './prepare-file.js';
import type { WorkerInit, WorkerMessage } from './prepare-pool.js';
import { createFileReader } from './read-kb-file.js';

const { port, signal } = workerData as WorkerInit;
const posted = new Int32Array(signal);
const readFile = createFileReader();

function post(message: WorkerMessage): void {
  port.postMessage(message);
  Atomics.add(posted, 0, 1);
  Atomics.notify(posted, 0);
}

parentPort!.on('message', ({ id, job }: { id: number; job: PrepareJob }) => {
  try {
    post({ type: 'done', id, result: prepareFile(job, readFile) });
  } catch (err) {
    post({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
  }
});
post({ type: 'ready' });
