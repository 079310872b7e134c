import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RestMemory {
  /** Resident memory of the idle bot after start-up (MiB). */
  rssMiB: number;
  /** Its peak so far: start-up, including the up-to-date check of the KB (MiB). */
  peakMiB: number;
  /** Start to ready, the index already up to date (ms). */
  startMs: number;
}

const REPO = join(import.meta.dirname, '..');

/**
 * Starts the real bot (`npm start`'s entry, bin/start.mjs) against the local Slack playground on
 * the given index, waits until it is ready and idle, and reads its memory from /proc. The bot is
 * run with the benchmark's folder as working directory, so no .env (and no Slack token) is read.
 */
export function measureBotAtRest(opts: { kbDir: string; dbFile: string; cwd: string; port: number; idleMs?: number }): Promise<RestMemory> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(REPO, 'bin', 'start.mjs')], {
    cwd: opts.cwd,
    env: { ...process.env, KB_DB: opts.dbFile, KB_DIR: opts.kbDir, PORT: String(opts.port), SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      child.kill('SIGTERM');
      fn();
    };
    const timeout = setTimeout(() => finish(() => reject(new Error(`the bot did not start within 10 minutes: ${out.slice(-500)}`))), 600_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (!/Open http/.test(out)) return;
      const startMs = performance.now() - started;
      child.stdout.off('data', onData);
      setTimeout(() => {
        try {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
          finish(() => resolve({ rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024, startMs }));
        } catch (err) {
          finish(() => reject(err as Error));
        }
      }, opts.idleMs ?? 2000);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => finish(() => reject(new Error(`the bot exited (${code}) before it was ready: ${out.slice(-500)}`))));
  });
}
