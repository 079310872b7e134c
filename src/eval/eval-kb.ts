import { type Calibration, confidenceOf } from '../match/confidence.js';
import type { Services } from '../services.js';
import type { MatchResult } from '../match/matcher.js';
import { createMatcher } from '../match/matcher.js';
import { type Outcome, outcomeOf } from './evaluate.js';
import { loadLabelledQueries } from './labelled-query.js';

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
