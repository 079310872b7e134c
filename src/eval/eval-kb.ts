import { readFileSync } from 'node:fs';
import { type Calibration, confidenceOf } from '../match/confidence.js';
import { buildReference, type ReferenceIndex } from '../store/reference-fts.js';
import type { Services } from '../services.js';
import type { MatchResult } from '../match/matcher.js';
import { createMatcher } from '../match/matcher.js';
import { type Outcome, outcomeOf } from './evaluate.js';
import { type LabelledQuery, loadLabelledQueries } from './labelled-query.js';

/** Runs every labelled query in `dir` against an indexed KB; `timings` receives each query's milliseconds. */
export function evaluateKb(services: Services, dir: string, timings: number[] = []): Outcome[] {
  const matcher = createMatcher(services.db);
  return loadLabelledQueries(dir).map((q) => {
    const started = performance.now();
    const result: MatchResult = matcher.match(q.text);
    timings.push(performance.now() - started);
    return outcomeOf(q, result);
  });
}

/** Re-scores outcomes under another calibration (the ranking does not depend on it). */
export function confidenceOfRows(outcomes: readonly Outcome[], cal: Calibration): Outcome[] {
  return outcomes.map((o) => {
    const confidence = o.top ? confidenceOf(o.top, cal) : 0;
    return { ...o, confidence, answered: confidence >= cal.threshold ? (o.ranked[0] ?? null) : null };
  });
}

/**
 * Plain FTS5 over the same KB (see src/store/reference-fts.ts), in memory: each indexed article's
 * file as it is, under the article's id.
 */
export function referenceFor(services: Services): ReferenceIndex {
  return buildReference(':memory:', (function* () {
    for (const a of services.articles.list()) yield { id: a.id, body: readFileSync(a.path, 'utf8') };
  })());
}

/** The reference's first article for each labelled query, by query id (absent when it found none). */
export function referenceTops(reference: ReferenceIndex, queries: readonly LabelledQuery[]): Map<string, string> {
  const tops = new Map<string, string>();
  for (const q of queries) {
    const top = reference.search(q.text, 1)[0];
    if (top !== undefined) tops.set(q.id, top);
  }
  return tops;
}
