/**
 * `npm run eval`: indexes the bundled KB into a fresh in-memory database, runs every labelled
 * query in test/eval/queries, and prints per-kind top-1, MRR@5 and abstain rates, with the top-1
 * of plain FTS5 on the same KB and queries beside them.
 *   --fit        refit the confidence model on these queries and write src/match/calibration.json
 *   --cv K       K-fold cross-validated figures (the model fitted without the fold it is scored on)
 *   --misses     list the queries it gets wrong
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Calibration, CALIBRATION, gated } from '../match/confidence.js';
import { createServices } from '../services.js';
import { confidenceOfRows, evaluateKb, referenceFor, referenceTops } from './eval-kb.js';
import { formatMetrics, metrics, type Outcome } from './evaluate.js';
import { fitLogistic, type TrainingRow } from './fit-calibration.js';
import { chooseThreshold } from './choose-threshold.js';

const ROOT = join(import.meta.dirname, '..', '..');

const { values } = parseArgs({
  options: { fit: { type: 'boolean' }, cv: { type: 'string' }, misses: { type: 'boolean' }, kb: { type: 'string' }, queries: { type: 'string' } },
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
if (values.fit) {
  calibration = fitCalibration(outcomes);
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
    folds.push(...confidenceOfRows(test, fitCalibration(train)));
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
services.close();

function fitCalibration(train: readonly Outcome[]): Calibration {
  // The model is fitted on the candidates no gate rules out: the gates decide the others.
  const rows: TrainingRow[] = train
    .filter((o) => o.top && !gated(o.top))
    .map((o) => ({ x: o.top!, y: o.query.expect !== null && o.ranked[0] === o.query.expect ? 1 : 0 }));
  const model = fitLogistic(rows);
  return { ...model, threshold: chooseThreshold(confidenceOfRows(train, { ...model, threshold: 0 })) };
}
