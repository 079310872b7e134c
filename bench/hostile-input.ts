/**
 * `npm run bench:hostile`: how long every analyzer, the whole answer and a whole-log scan take on
 * the inputs that make backtracking regexes explode (40,000-character messages and 2 MB files of
 * each pathological shape, and random repeated patterns), against the bounds below. Prints the
 * slowest calls and exits 1 when one is over its bound. Linear code takes a few milliseconds on
 * 40,000 characters; a quadratic pattern takes seconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createServices } from '../src/services.js';
import { ANALYZERS, FILE, type Fn, matchingOf, pathological, SLACK_MESSAGE, soup } from './hostile-shapes.js';

/** Every analyzer, on 40,000 characters of anything. */
const BOUND_40K_MS = 200;
/** The whole answer (analyze, search, score, render model) or a scan, on 40,000 characters. */
const BOUND_40K_ANSWER_MS = 400;
/** Any one call on a 2 MB file. */
const BOUND_2MB_MS = 4000;

const dir = mkdtempSync(join(tmpdir(), 'kb-bench-hostile-'));
const services = createServices(join(dir, 'kb.sqlite'));
services.index([join(import.meta.dirname, '..', 'kb')]);
const matching = matchingOf(services);

interface Timing {
  what: string;
  ms: number;
  bound: number;
}
const timings: Timing[] = [];

/** The best of two runs (a first run may pay for a collection), recorded against its bound. */
function time(what: string, fn: Fn, text: string, bound: number): void {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 2; i += 1) {
    const started = performance.now();
    fn(text);
    best = Math.min(best, performance.now() - started);
  }
  timings.push({ what, ms: best, bound });
}

for (const [shape, text] of Object.entries(pathological(SLACK_MESSAGE))) {
  for (const [name, fn] of Object.entries(ANALYZERS)) time(`${name} on 40,000 × ${shape}`, fn, text, BOUND_40K_MS);
  for (const [name, fn] of Object.entries(matching)) time(`${name} on 40,000 × ${shape}`, fn, text, BOUND_40K_ANSWER_MS);
}
fc.sample(soup(SLACK_MESSAGE), { numRuns: 25, seed: 20240607 }).forEach((text, i) => {
  for (const [name, fn] of Object.entries(ANALYZERS)) time(`${name} on random pattern ${i + 1}`, fn, text, BOUND_40K_MS);
  time(`answer on random pattern ${i + 1}`, matching.answer!, text, BOUND_40K_ANSWER_MS);
});
const files = pathological(FILE);
for (const shape of ['a.a.a.a', 'a.a.a lines', 'a.a.a ending in an exception', 'ten thousand bare at lines', 'at with dots and no call', 'email-like', 'key blocks without end', 'unclosed slack links', 'unclosed dotnet frame', 'caused by', 'error then brackets', 'space a']) {
  for (const [name, fn] of Object.entries({ ...ANALYZERS, ...matching })) time(`${name} on 2 MB × ${shape}`, fn, files[shape]!, BOUND_2MB_MS);
}
services.close();
rmSync(dir, { recursive: true, force: true });

const over = timings.filter((t) => t.ms > t.bound);
console.log(`${timings.length} calls timed; the slowest:`);
for (const t of [...timings].sort((a, b) => b.ms / b.bound - a.ms / a.bound).slice(0, 10)) console.log(`  ${t.ms.toFixed(1).padStart(8)} ms (bound ${t.bound})  ${t.what}`);
if (over.length) {
  console.log(`\n${over.length} over their bound:`);
  for (const t of over) console.log(`  ${t.ms.toFixed(0)} ms > ${t.bound} ms  ${t.what}`);
  process.exitCode = 1;
} else console.log('\nevery call within its bound');
