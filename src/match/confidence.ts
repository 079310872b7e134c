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
  /**
   * For the query's best-explained error message: the share of its words (idf-weighted) missing
   * from what the article shows of its error (title, symptoms, snippets). 0 without messages.
   */
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
  /**
   * For a query that carries error messages: the share of the article's own error (its message
   * that shares the most words with its title; idf-weighted) that the query lacks. 0 otherwise.
   */
  primaryGap: number;
}

/**
 * Evidence too thin to answer on, whatever the model says: the matcher abstains. Not model
 * features (their labels would be decided by the rule), but kept with them so that the
 * evaluation re-scores exactly what the matcher decides.
 */
export interface AnswerGates {
  /**
   * 1 when nothing but one shared word links the query and the article: no signal, pattern or
   * frame, and fewer than two content words in common ("happy friday" vs "happy eyeballs").
   */
  thinEvidence: number;
}

/**
 * The pasted error an answer must explain: when the query carries error messages, the article
 * must contain more than this share (idf-weighted) of the words of at least one of them, unless
 * one of its pinned patterns matched. Otherwise it is about another error that shares a class,
 * a code or a few words with this one (a deadlock vs a lock-wait timeout).
 */
export const MAX_MESSAGE_GAP = 0.5;

export type ModelFeature = (typeof CONFIDENCE_FEATURES)[number];

export interface Calibration {
  /** Logistic regression weights, one per model feature, and the bias. */
  weights: Record<ModelFeature, number>;
  bias: number;
  /** Below this confidence the matcher abstains. */
  threshold: number;
}

export const CALIBRATION = calibration as Calibration;

export const CONFIDENCE_FEATURES = [
  'score', 'margin', 'text', 'terms', 'signals', 'frames', 'message', 'pattern', 'unknownSignals', 'messageGap', 'termGap', 'sharedMass', 'technical', 'titleCoverage', 'technicalTitleGap', 'problemCoverage', 'primaryGap',
] as const satisfies ReadonlyArray<keyof ConfidenceInput>;

/** True when a gate rules the candidate out, whatever the model says. */
export function gated(input: ConfidenceInput & AnswerGates): boolean {
  return input.thinEvidence > 0 || (input.pattern === 0 && input.messageGap > MAX_MESSAGE_GAP);
}

/**
 * The probability that this candidate is the right answer, from a logistic model fitted on
 * labelled queries (`npm run eval -- --fit` refits it; see README "How matching works"), held
 * below the threshold when a gate rules it out.
 */
export function confidenceOf(input: ConfidenceInput & AnswerGates, cal: Calibration = CALIBRATION): number {
  let z = cal.bias;
  for (const k of CONFIDENCE_FEATURES) z += (cal.weights[k] ?? 0) * input[k];
  const p = 1 / (1 + Math.exp(-z));
  return gated(input) ? Math.min(p, cal.threshold / 2) : p;
}
