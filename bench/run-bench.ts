/**
 * `npm run bench`: indexing and matching speed of kb-assistant from 100 to 100,000 articles,
 * against plain SQLite FTS5 on the same generated corpus and queries.
 *
 *   npm run bench                          sizes 100, 1,000, 10,000 (2-3 minutes)
 *   npm run bench -- --full                and 100,000 (about 15 minutes)
 *   npm run bench -- --articles 5000       one size (repeat the flag or use commas for more)
 *   options: --runs N         1%-re-index runs, and cold runs below 10,000 articles (3); when
 *                             given, also timing passes over the queries (else 1)
 *            --cold-runs N    cold index runs per size (3 below 10,000 articles, else 1)
 *            --queries N      queries per kind (100, 50, 20, 15 by size: plain FTS5 needs
 *                             about a second per pasted trace at 10,000 articles)
 *            --top1-queries N fragments and questions top-1 is counted over (100): the timed
 *                             ones and more, answered once untimed
 *            --seed N (42), --no-save (print only)
 *
 * Writes bench/results.json (newest figures per size), docs/bench-latency.svg, and Markdown
 * tables to bench/out/results.md. Corpora are cached under bench/out/ (git-ignored).
 */
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createServices } from '../src/services.js';
import { generateQueries, QUERY_KINDS, type QueryKind } from './corpus/generate-queries.js';
import { corpusDir, ensureCorpus } from './corpus/write-corpus.js';
import { renderLatencyChart } from './chart-svg.js';
import { describeMachine } from './machine.js';
import { databaseBytes, measureIndexing, runIndex } from './measure-indexing.js';
import { measureAlone, measureQueries } from './measure-queries.js';
import { measureBotAtRest } from './measure-rest.js';
import { readThrough } from './page-cache.js';
import { buildReference, openReference } from '../src/store/reference-fts.js';
import { corpusDocs } from './corpus-docs.js';
import { renderMarkdown, renderTables } from './report.js';
import { mergeResults, type SizeResult } from './results.js';
import { median } from './stats.js';

const BENCH_DIR = import.meta.dirname;
const REPO = join(BENCH_DIR, '..');
const DEFAULT_SIZES = [100, 1_000, 10_000];
const FULL_SIZES = [...DEFAULT_SIZES, 100_000];
const WARMUP_PER_KIND = 3;
/** Queries per kind timed for kb-assistant alone (see measureAlone): enough for a p99 that is not one query. */
const ALONE_PER_KIND = 100;

const { values } = parseArgs({
  options: {
    articles: { type: 'string', multiple: true },
    full: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'cold-runs': { type: 'string' },
    queries: { type: 'string' },
    'top1-queries': { type: 'string' },
    seed: { type: 'string', default: '42' },
    'no-save': { type: 'boolean', default: false },
  },
});

const positive = (name: string, v: string | undefined): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`bench: --${name} takes a whole number of 1 or more (got ${v})\n`);
    process.exit(2);
  }
  return n;
};
const sizes = values.articles?.length
  ? values.articles.flatMap((a) => a.split(',')).map((a) => positive('articles', a.replace(/_/g, '')))
  : values.full ? FULL_SIZES : DEFAULT_SIZES;
const runs = positive('runs', values.runs ?? '3');
/**
 * Queries per kind: fewer at the larger sizes, where plain FTS5 takes a second or more for one
 * pasted trace (bm25 over the OR of hundreds of words), so that the default run stays short.
 */
const queriesFor = (articles: number): number =>
  values.queries ? positive('queries', values.queries) : articles <= 100 ? 100 : articles <= 1_000 ? 50 : articles <= 10_000 ? 20 : 15;
/**
 * Fragments and questions top-1 is counted over: many more than are timed, since one query of 15
 * is 7 points. Both engines answer them in well under a second even at 100,000 articles; a pasted
 * trace takes plain FTS5 seconds there, so traces count the timed ones only.
 */
const top1Queries = positive('top1-queries', values['top1-queries'] ?? '100');
const SCORED_KINDS: readonly QueryKind[] = ['fragment', 'question'];
const seed = positive('seed', values.seed);
const outDir = join(BENCH_DIR, 'out');
mkdirSync(outDir, { recursive: true });

const sqlite = (new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
const machine = describeMachine(sqlite);
const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, '');
const log = (line: string) => process.stdout.write(`${line}\n`);
log(`kb-assistant bench: sizes ${sizes.join(', ')}; ${runs} runs; ${sizes.map((n) => queriesFor(n)).join('/')} queries per kind; seed ${seed}`);
log(`machine: ${machine.nproc} CPUs, ${machine.cpu}, ${machine.ramGiB} GiB RAM, Node ${machine.node}, SQLite ${machine.sqlite}, load ${machine.loadAtStart}`);

const started = performance.now();
const measured: SizeResult[] = [];
for (const articles of sizes) {
  const dir = corpusDir(outDir, seed, articles);
  const work = join(outDir, `run-n${articles}`);
  mkdirSync(work, { recursive: true });
  const dbFile = join(work, 'kb.sqlite');
  const refFile = join(work, 'reference.sqlite');

  const corpus = ensureCorpus(dir, seed, articles, (done) => log(`  ${articles}: written ${done} articles`));
  log(`\n${articles} articles: corpus ${corpus.written ? `written in ${(corpus.ms / 1000).toFixed(1)} s` : 'cached'} (${dir})`);

  const coldRuns = values['cold-runs'] ? positive('cold-runs', values['cold-runs']) : articles >= 10_000 ? 1 : runs;
  const indexing = measureIndexing({
    kbDir: dir,
    dbFile,
    seed,
    articles,
    coldRuns,
    incrementalRuns: runs,
    onRun: (what, r) => log(`  index ${what}: ${(r.ms / 1000).toFixed(2)} s, peak RSS ${r.peakRssMiB.toFixed(0)} MiB (indexed ${r.indexed}, unchanged ${r.unchanged})`),
  });
  runIndex(dir, dbFile); // the edited files were put back: bring the index in line before querying
  const dbMiB = databaseBytes(dbFile) / 1024 / 1024;

  const ref = buildReference(refFile, corpusDocs(dir));
  ref.close();
  log(`  reference FTS5 built in ${(ref.ms / 1000).toFixed(2)} s`);

  const perKind = queriesFor(articles);
  // Both engines' files in the page cache before timing, as a running bot has its index (see readThrough).
  const cached = readThrough([dbFile, `${dbFile}-wal`, refFile, `${refFile}-wal`]);
  log(`  read ${(cached / 1024 / 1024).toFixed(0)} MiB of index files into the page cache`);
  const services = createServices(dbFile, { create: false });
  const reference = openReference(refFile);
  // One timing pass over the queries unless --runs asks for more (each query is a sample).
  const queryRuns = values.runs ? runs : 1;
  // The first perKind queries of each kind are timed; the next ones, up to top1Queries, only scored.
  const timed = generateQueries(seed, articles, perKind, 'measure');
  const scoredOnly = generateQueries(seed, articles, top1Queries, 'measure', SCORED_KINDS).filter((q) => q.index >= perKind);
  const queries = measureQueries(services, reference, timed, generateQueries(seed, articles, WARMUP_PER_KIND, 'warmup'), queryRuns, scoredOnly);
  // Ours again, on queries it has not seen, without plain FTS5 between two of them, as a bot runs: cheap at any size.
  // Its index is read into the page cache again first: at 100,000 articles plain FTS5's queries
  // take minutes, long enough for this VM to page out what was read before (see page-cache.ts).
  readThrough([dbFile, `${dbFile}-wal`]);
  const alone = measureAlone(services, generateQueries(seed, articles, ALONE_PER_KIND, 'alone'));
  for (const kind of QUERY_KINDS) queries[kind].oursAlone = alone[kind];
  services.close();
  reference.close();
  log(`  queries timed (${perKind} per kind, ${queryRuns} runs; kb-assistant alone ${alone.trace.queries} more); top-1 over ${SCORED_KINDS.map((k) => `${queries[k].top1Queries} ${k}s`).join(', ')}`);

  const botAtRest = await measureBotAtRest({ kbDir: dir, dbFile, cwd: work, port: await freePort() });
  log(`  bot at rest: ${botAtRest.rssMiB.toFixed(0)} MiB RSS (ready in ${(botAtRest.startMs / 1000).toFixed(1)} s)`);

  const coldMs = median(indexing.cold.map((r) => r.ms));
  measured.push({
    articles,
    measuredAt: new Date().toISOString(),
    command,
    machine,
    runs: { cold: coldRuns, incremental: runs, queries: queryRuns, queriesPerKind: perKind },
    indexing: {
      coldMs,
      coldArticlesPerSec: articles / (coldMs / 1000),
      coldPeakRssMiB: median(indexing.cold.map((r) => r.peakRssMiB)),
      incrementalMs: median(indexing.incremental.map((r) => r.ms)),
      incrementalChanged: indexing.incremental[0]?.changed ?? 0,
      incrementalPeakRssMiB: median(indexing.incremental.map((r) => r.peakRssMiB)),
      coldMsRuns: indexing.cold.map((r) => Math.round(r.ms)),
      incrementalMsRuns: indexing.incremental.map((r) => Math.round(r.ms)),
      coldCpuMsRuns: indexing.cold.map((r) => Math.round(r.cpuMs)),
    },
    databaseMiB: dbMiB,
    reference: { buildMs: ref.ms, databaseMiB: databaseBytes(refFile) / 1024 / 1024 },
    botAtRest,
    queries,
  });
}

log(`\n${renderTables(measured)}`);
log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);

if (!values['no-save']) {
  const resultsFile = join(BENCH_DIR, 'results.json');
  const results = mergeResults(resultsFile, seed, measured);
  const all = Object.values(results.sizes);
  const caption = `npm run bench, seed ${seed}: ${machine.nproc} CPUs (${machine.cpu}), ${machine.ramGiB} GiB RAM, Node ${machine.node}, SQLite ${machine.sqlite}; ${new Date().toISOString().slice(0, 10)}`;
  mkdirSync(join(REPO, 'docs'), { recursive: true });
  writeFileSync(join(REPO, 'docs', 'bench-latency.svg'), renderLatencyChart(all, caption));
  writeFileSync(join(outDir, 'results.md'), `${renderMarkdown(all)}\n`);
  log(`wrote bench/results.json, docs/bench-latency.svg, bench/out/results.md`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
