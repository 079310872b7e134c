/**
 * Times the bench queries against an index that already exists, without indexing again:
 *
 *   npx tsx bench/time-queries.ts --dir bench/out/run-n10000 --articles 10000 --queries 20 --runs 3
 *
 * DIR must hold kb.sqlite (built by `kb index` over the corpus of that size and seed) and
 * reference.sqlite (plain FTS5). Prints p50/p99 and top-1 per kind, ours vs the reference.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createServices } from '../src/services.js';
import { generateQueries } from './corpus/generate-queries.js';
import { measureQueries } from './measure-queries.js';
import { readThrough } from './page-cache.js';
import { openReference, type ReferenceIndex } from '../src/store/reference-fts.js';
import { round } from './stats.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    articles: { type: 'string' },
    queries: { type: 'string', default: '20' },
    runs: { type: 'string', default: '1' },
    seed: { type: 'string', default: '42' },
    /** Skip plain FTS5 (its traces take a second each at 10,000 articles); its columns then read 0. */
    'no-reference': { type: 'boolean', default: false },
  },
});
if (!values.dir || !values.articles) {
  process.stderr.write('usage: time-queries.ts --dir DIR --articles N [--queries N] [--runs N] [--seed N]\n');
  process.exit(2);
}
const articles = Number(values.articles);
const seed = Number(values.seed);
readThrough([join(values.dir, 'kb.sqlite'), ...(values['no-reference'] ? [] : [join(values.dir, 'reference.sqlite')])]);
const services = createServices(join(values.dir, 'kb.sqlite'), { create: false });
const reference: ReferenceIndex = values['no-reference'] ? { search: () => [], close: () => {} } : openReference(join(values.dir, 'reference.sqlite'));
const started = performance.now();
const result = measureQueries(
  services,
  reference,
  generateQueries(seed, articles, Number(values.queries), 'measure'),
  generateQueries(seed, articles, 3, 'warmup'),
  Number(values.runs),
);
services.close();
reference.close();
const pct = (x: number) => `${Math.round(x * 100)}%`;
process.stdout.write(`${articles} articles, ${values.queries} queries per kind, ${values.runs} runs, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
process.stdout.write('kind       ours p50/p99 ms   fts p50/p99 ms   top-1 ours/fts   answered\n');
for (const [kind, r] of Object.entries(result)) {
  process.stdout.write(
    `${kind.padEnd(10)} ${`${round(r.ours.p50)}/${round(r.ours.p99)}`.padEnd(17)} ${`${round(r.reference.p50)}/${round(r.reference.p99)}`.padEnd(16)} ${`${pct(r.oursTop1)}/${pct(r.referenceTop1)}`.padEnd(16)} ${pct(r.oursAnswered)}\n`,
  );
}
