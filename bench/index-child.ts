/**
 * One `kb index` run in a process of its own, so each run's peak memory is its own: the bench
 * spawns `node --import tsx bench/index-child.ts KB_DIR DB_FILE` and reads one JSON line.
 * It calls the real CLI entry (src/cli/main.ts), timing it from inside (no Node start-up).
 */
import { Writable } from 'node:stream';
import { main } from '../src/cli/main.js';

const [kbDir, dbFile] = process.argv.slice(2);
if (!kbDir || !dbFile) {
  process.stderr.write('usage: index-child.ts KB_DIR DB_FILE\n');
  process.exit(2);
}
let output = '';
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    output += chunk.toString();
    done();
  },
});
const started = performance.now();
const cpu = process.cpuUsage();
const code = await main(['index', '--kb', kbDir, '--db', dbFile], { stdout: capture, stderr: capture });
const ms = performance.now() - started;
const cpuUsed = process.cpuUsage(cpu);
// "indexed 12, unchanged 3, removed 0, failed 0 — 15 articles in ..."
const counts = /indexed (\d+), unchanged (\d+), removed (\d+), failed (\d+)/.exec(output);
process.stdout.write(
  `${JSON.stringify({
    code,
    ms,
    cpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
    maxRssKiB: process.resourceUsage().maxRSS,
    indexed: Number(counts?.[1] ?? 0),
    unchanged: Number(counts?.[2] ?? 0),
    removed: Number(counts?.[3] ?? 0),
    failed: Number(counts?.[4] ?? 0),
    output: code === 0 ? '' : output.slice(0, 2000),
  })}\n`,
);
