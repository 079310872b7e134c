import { type Calibration, gated } from '../match/confidence.js';
import { createMatcher } from '../match/matcher.js';
import { createServices } from '../services.js';
import { chooseThreshold } from './choose-threshold.js';
import { confidenceOfRows } from './eval-kb.js';
import type { Outcome } from './evaluate.js';
import { fitLogistic, type TrainingRow } from './fit-calibration.js';
import type { LabelledQuery } from './labelled-query.js';
import type { EvalQuery, Twins } from './score-answers.js';

/**
 * The confidence model is fitted on one set of labelled queries and its threshold chosen on
 * another, so that neither figure is measured on what it was fitted on. `npm run eval -- --fit`
 * fits on the bundled queries and chooses the threshold on their hold-out; `--cross DIR` shows
 * how that model does on another KB, and how one fitted there does here.
 */
export function fitCalibration(train: readonly Outcome[], thresholdOn: readonly Outcome[]): Calibration {
  // Fitted on the candidates no gate rules out: the gates decide the others.
  const rows: TrainingRow[] = train.filter((o) => o.top && !gated(o.top)).map((o) => ({ x: o.top!, y: o.query.expect !== null && o.ranked[0] === o.query.expect ? 1 : 0 }));
  const model = fitLogistic(rows);
  return { ...model, threshold: chooseThreshold(confidenceOfRows(thresholdOn, { ...model, threshold: 0 })) };
}

/**
 * Every query of another KB answered against it (indexed into memory). For an `error` query a
 * twin of the expected article counts as right (as in score.mjs): it is relabelled so.
 */
export function outcomesOnKb(kbDirs: readonly string[], queries: readonly EvalQuery[], twins: Twins): Outcome[] {
  const services = createServices(':memory:');
  try {
    services.index(kbDirs);
    const matcher = createMatcher(services.db);
    return queries.map((q) => {
      const r = matcher.match(q.text, { limit: 5 });
      const ranked = r.matches.map((m) => m.id);
      const twin = q.expect === null ? undefined : twins.get(q.expect);
      const expect = q.kind === 'error' && twin !== undefined && ranked[0] === twin ? twin : q.expect;
      // Outcomes only read a query's id, text and expected article here, never its kind.
      const query = { ...q, expect } as unknown as LabelledQuery;
      return { query, ranked, answered: r.best?.id ?? null, top: r.matches[0]?.features ?? null, confidence: r.matches[0]?.confidence ?? 0 };
    });
  } finally {
    services.close();
  }
}

export interface AbstainSummary {
  answerable: number;
  unanswerable: number;
  answeredRight: number;
  wronglyAbstained: number;
  rightlyAbstained: number;
}

/** Under a calibration: the shares answered right and wrongly abstained (answerable), rightly abstained (unanswerable). */
export function summarize(outcomes: readonly Outcome[], cal: Calibration): AbstainSummary {
  const scored = confidenceOfRows(outcomes, cal);
  const answerable = scored.filter((o) => o.query.expect !== null);
  const unanswerable = scored.filter((o) => o.query.expect === null);
  const share = (xs: readonly Outcome[], f: (o: Outcome) => boolean) => (xs.length ? xs.filter(f).length / xs.length : 0);
  return {
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    answeredRight: share(answerable, (o) => o.answered === o.query.expect),
    wronglyAbstained: share(answerable, (o) => o.answered === null),
    rightlyAbstained: share(unanswerable, (o) => o.answered === null),
  };
}
