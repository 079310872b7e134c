import calibration from './calibration.json' with { type: 'json' };
import type { Features } from './score.js';

/**
 * What the confidence model looks at for one candidate: its own evidence and how far it
 * stands above the next-best candidate.
 */
export interface ConfidenceInput extends Features {
  score: number;
  /** score minus the best other candidate's score (negative when another is ahead). */
  margin: number;
  /** Share of the query's strong signals that no article in the KB carries (idf-weighted). */
  unknownSignals: number;
  /** Share of the words of the query's error messages (idf-weighted) missing from the article: its error says something the article does not. */
  messageGap: number;
  /** Share of the query's informative words (idf-weighted, unknown words included) that the article lacks. */
  termGap: number;
  /** How much rare evidence the query and the article share, squashed to [0, 1): m / (m + 5) for idf mass m. */
  sharedMass: number;
  /** 1 when the query carries machine evidence (an exception, error code, status or stack frame). */
  technical: number;
  /** Share of the article's title words (idf-weighted) that the query contains: does the query name the article's problem? */
  titleCoverage: number;
  /** technical × (1 − titleCoverage): a pasted error that does not name the article's problem is likely a near miss. */
  technicalTitleGap: number;
  /**
   * Share of the query's error-message words (else its content words), idf-weighted, found in the
   * article's title and symptoms: an article that only mentions them in passing is about another problem.
   */
  problemCoverage: number;
}

export interface Calibration {
  /** Logistic regression weights, one per ConfidenceInput field, and the bias. */
  weights: Record<keyof ConfidenceInput, number>;
  bias: number;
  /** Below this confidence the matcher abstains. */
  threshold: number;
}

export const CALIBRATION = calibration as Calibration;

export const CONFIDENCE_FEATURES: Array<keyof ConfidenceInput> = [
  'score', 'margin', 'text', 'terms', 'signals', 'frames', 'message', 'pattern', 'unknownSignals', 'messageGap', 'termGap', 'sharedMass', 'technical', 'titleCoverage', 'technicalTitleGap', 'problemCoverage',
];

/**
 * The probability that this candidate is the right answer, from a logistic model fitted on
 * labelled queries (`npm run eval -- --fit` refits it; see README "How matching works").
 */
export function confidenceOf(input: ConfidenceInput, cal: Calibration = CALIBRATION): number {
  let z = cal.bias;
  for (const k of CONFIDENCE_FEATURES) z += (cal.weights[k] ?? 0) * input[k];
  return 1 / (1 + Math.exp(-z));
}
