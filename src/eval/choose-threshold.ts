import type { Outcome } from './evaluate.js';

/** At most this share of answerable queries may go unanswered because of the threshold. */
export const MAX_WRONG_ABSTAIN = 0.04;

/**
 * Picks the abstain threshold that abstains on the most unanswerable queries (then, among those,
 * answers the most answerable ones right) while wrongly abstaining on at most MAX_WRONG_ABSTAIN of
 * the answerable ones.
 */
export function chooseThreshold(outcomes: readonly Outcome[]): number {
  const answerable = outcomes.filter((o) => o.query.expect !== null);
  let best = { t: 0.5, right: -1 };
  for (let t = 0.05; t <= 0.95; t += 0.01) {
    const abstains = (o: Outcome) => o.confidence < t;
    const wrongAbstain = answerable.filter(abstains).length / Math.max(1, answerable.length);
    if (wrongAbstain > MAX_WRONG_ABSTAIN) continue;
    // Abstaining on the unanswerable first, then answering right: the budget of wrong abstains is
    // there to be spent on not answering what the KB does not cover.
    const rightlyAbstained = outcomes.filter((o) => o.query.expect === null && abstains(o)).length;
    const answeredRight = outcomes.filter((o) => o.query.expect !== null && !abstains(o) && o.ranked[0] === o.query.expect).length;
    const right = rightlyAbstained * outcomes.length + answeredRight;
    if (right > best.right) best = { t: Math.round(t * 100) / 100, right };
  }
  return best.t;
}
