/**
 * Pure scoring: turns the evidence gathered for one candidate into a ranking score.
 * Every feature is in [0, 1]; the weights say how much each kind of evidence counts.
 */
export interface Features {
  /** bm25 of the article relative to the best bm25 for this query. */
  text: number;
  /** Share of the query's informative terms (idf-weighted) that the article contains. */
  terms: number;
  /** Share of the query's strong signals (exceptions, codes, HTTP statuses; idf-weighted) that the article carries. */
  signals: number;
  /** Share of the query's known stack frames (idf-weighted) that the article's traces contain. */
  frames: number;
  /** Best overlap of a query error-message template with one of the article's. */
  message: number;
  /** 1 when one of the article's pinned patterns matches the query. */
  pattern: number;
}

export const DEFAULT_SCORE_WEIGHTS: Features = {
  text: 0.3,
  terms: 0.3,
  signals: 0.25,
  frames: 0.1,
  message: 0.15,
  pattern: 0.4,
};

export function scoreFeatures(f: Features, w: Features = DEFAULT_SCORE_WEIGHTS): number {
  return w.text * f.text + w.terms * f.terms + w.signals * f.signals + w.frames * f.frames + w.message * f.message + w.pattern * f.pattern;
}
