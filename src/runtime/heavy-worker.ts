/**
 * A heavy-work thread of the bot (see heavy-work.ts): answers, file scans or index runs on its
 * own connection to the index, one job at a time, so the bot's event loop keeps acknowledging
 * Slack while they run. The index is read in one snapshot per job, as on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createServices, type Services } from '../services.js';
import { retryWhileBusy } from '../store/slack-store.js';
import { answerInOneSnapshot, type HeavyJob, type HeavyResult, scanInOneSnapshot, type WorkerInit } from './heavy-work.js';

const { dbFile } = workerData as WorkerInit;
let services: Services | null = null;
const open = () => (services ??= createServices(dbFile, { create: false, longRunning: true }));

async function run(job: HeavyJob): Promise<unknown> {
  switch (job.kind) {
    case 'answer':
      return answerInOneSnapshot(open(), job.text);
    case 'scan':
      return scanInOneSnapshot(open(), job.text);
    case 'index': {
      // Its own connection, closed after the run: a run's page cache and analyzer caches go with it.
      const s = createServices(dbFile, { longRunning: true });
      try {
        // Another index run (`npx kb index`) may hold the write lock: wait for it on this thread.
        return await retryWhileBusy(s.db, () => s.index(job.roots, job.options), job.waitMs);
      } finally {
        s.close();
      }
    }
  }
}

parentPort!.on('message', (job: HeavyJob & { id: number }) => {
  void run(job).then(
    (result) => parentPort!.postMessage({ id: job.id, ok: true, result } satisfies HeavyResult),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      const code = (err as { code?: unknown } | null)?.code;
      parentPort!.postMessage({ id: job.id, ok: false, error: { name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}) } } satisfies HeavyResult);
    },
  );
});
