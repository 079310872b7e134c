import { Worker } from 'node:worker_threads';

/**
 * Calls `fn` of `module` (a file URL or path) on a worker thread; resolves with its result, or
 * with `{ stopped: true }` when it has not returned after `deadlineMs` (the worker is then
 * terminated, which stops even a regex that would run for hours).
 */
export function callInWorker<T>(module: URL, fn: string, args: unknown[], deadlineMs: number): Promise<{ stopped: false; result: T } | { stopped: true }> {
  const worker = new Worker(new URL('./run-in-worker.mjs', import.meta.url), { workerData: { module: module.href, fn, args } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ stopped: true });
    }, deadlineMs);
    worker.once('message', (result: T) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve({ stopped: false, result });
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
