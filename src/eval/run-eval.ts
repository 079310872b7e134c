/**
 * `npm run eval`: indexes the bundled KB into a fresh in-memory database, runs every labelled
 * query in test/eval/queries, and prints per-kind top-1, MRR@5 and abstain rates, with the top-1
 * of plain FTS5 on the same KB and queries beside them.
 *   --fit        refit the confidence model on these queries, choose its threshold on the hold-out
 *                (test/eval/holdout), and write src/match/calibration.json
 *   --cross DIR  another KB in shared/eval-dev's layout (articles/, queries.jsonl, twins.json): the
 *                shipped model on it, and a model fitted there on the bundled sets
 *   --cv K       K-fold cross-validated figures (the model fitted without the fold it is scored on)
 *   --misses     list the queries it gets wrong
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Calibration, CALIBRATION } from '../match/confidence.js';
import { createServices } from '../services.js';
import { confidenceOfRows, evaluateKb, referenceFor, referenceTops } from './eval-kb.js';
import { formatMetrics, metrics, type Outcome } from './evaluate.js';
import { fitCalibration, outcomesOnKb, summarize } from './cross-kb.js';
import { readEvalQueries, readTwins } from './read-queries.js';


const ROOT = join(import.meta.dirname, '..', '..');

const { values } = parseArgs({
  options: { fit: { type: 'boolean' }, cv: { type: 'string' }, misses: { type: 'boolean' }, kb: { type: 'string' }, queries: { type: 'string' }, cross: { type: 'string' } },
});
const services = createServices(':memory:');
services.index([values.kb ?? join(ROOT, 'kb')]);
const timings: number[] = [];
const outcomes = evaluateKb(services, values.queries ?? join(ROOT, 'test', 'eval', 'queries'), timings);
const reference = referenceFor(services);
const tops = referenceTops(reference, outcomes.map((o) => o.query));
reference.close();
const sorted = [...timings].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

let calibration: Calibration = CALIBRATION;
const holdout = () => evaluateKb(services, join(ROOT, 'test', 'eval', 'holdout'));
if (values.fit) {
  calibration = fitCalibration(outcomes, holdout());
  writeFileSync(join(ROOT, 'src', 'match', 'calibration.json'), `${JSON.stringify(calibration, null, 2)}\n`);
  console.log('wrote src/match/calibration.json');
}
const scored = confidenceOfRows(outcomes, calibration);
console.log(
  `${outcomes.length} queries against ${services.articles.stats().articles} articles; matching took ${pct(0.5).toFixed(2)} ms median, ${pct(0.95).toFixed(2)} ms p95, ${pct(1).toFixed(2)} ms max a query\n`,
);
console.log(formatMetrics(metrics(scored, tops)));
console.log('plain-FTS5-top-1: SQLite FTS5 bm25 over each article file as it is, the OR of the query\'s words (what the benchmark compares with too)');

if (values.cv) {
  const k = Number(values.cv);
  const folds: Outcome[] = [];
  for (let f = 0; f < k; f += 1) {
    const train = outcomes.filter((_, i) => i % k !== f);
    const test = outcomes.filter((_, i) => i % k === f);
    folds.push(...confidenceOfRows(test, fitCalibration(train, train)));
  }
  console.log(`\n${k}-fold cross-validated (confidence model fitted without the queries it is scored on):`);
  console.log(formatMetrics(metrics(folds)));
}

if (values.misses) {
  console.log('\nMisses:');
  for (const o of scored) {
    const right = o.query.expect === null ? o.answered === null : o.answered === o.query.expect;
    if (right) continue;
    const what = o.query.expect === null ? `answered ${o.answered}` : o.answered === null ? `abstained (top ${o.ranked[0]})` : `answered ${o.answered}`;
    console.log(`- ${o.query.id} [${o.query.kind}] expect ${o.query.expect} → ${what} conf=${o.confidence.toFixed(2)} rank=${o.query.expect ? o.ranked.indexOf(o.query.expect) + 1 : '-'}`);
    console.log(`    ${o.query.text.replace(/\s+/g, ' ').slice(0, 160)}`);
  }
}
if (values.cross) {
  const dir = values.cross;
  const other = outcomesOnKb([join(dir, 'articles')], readEvalQueries(join(dir, 'queries.jsonl')), readTwins(join(dir, 'twins.json')));
  const held = holdout();
  const there = fitCalibration(other, held);
  const rows: Array<[string, Outcome[], Calibration]> = [
    [`shipped model (fitted on the bundled queries, threshold ${calibration.threshold} on their hold-out) on ${dir}`, other, calibration],
    [`shipped model on the bundled queries`, outcomes, calibration],
    [`shipped model on the bundled hold-out`, held, calibration],
    [`fitted on ${dir} (threshold ${there.threshold} on the bundled hold-out) on the bundled queries`, outcomes, there],
    [`fitted on ${dir} on the bundled hold-out`, held, there],
  ];
  console.log('\nConfidence across KBs: answered right / wrongly abstained (answerable), rightly abstained (unanswerable)');
  for (const [what, os, cal] of rows) {
    const s = summarize(os, cal);
    console.log(`  ${(s.answeredRight * 100).toFixed(1)}% / ${(s.wronglyAbstained * 100).toFixed(1)}%, ${(s.rightlyAbstained * 100).toFixed(1)}%  ${what}`);
  }
}
services.close();
