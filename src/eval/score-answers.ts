/**
 * Scores ranked answers against labelled queries, by the rules of `shared/eval-dev/score.mjs`:
 * `top1` counts an answer that is the expected article (an abstention on an answerable query is
 * a miss, and counted in `falseAbstain`); `mrr5` the reciprocal rank of the expected article
 * among the first five matches; for unanswerable queries `abstained` the share answered with
 * nothing. For `error` queries (short fragments without product context) a twin of the expected
 * article (the same problem in another product) counts as right.
 */

/** One labelled query: `expect` is the answering article's id, null when no article answers. */
export interface EvalQuery {
  id: string;
  kind: string;
  text: string;
  expect: string | null;
}

/** What one system did with one query: the article it answered (null: abstained) and its ranking. */
export interface RankedAnswer {
  answer: string | null;
  matches: readonly string[];
}

export interface AnswerableScore {
  n: number;
  /** Percent answered with the expected article. */
  top1: number;
  mrr5: number;
  /** Percent abstained although an article answers. */
  falseAbstain: number;
}

export interface UnanswerableScore {
  n: number;
  /** Percent rightly answered with nothing. */
  abstained: number;
}

export type KindScore = AnswerableScore | UnanswerableScore;

export interface Miss {
  id: string;
  kind: string;
  expect: string | null;
  got: string | null;
  /** 1-based place of the expected article among the matches, null when absent. */
  rank: number | null;
}

/** Per kind, and ANSWERABLE / UNANSWERABLE over all kinds. */
export interface EvalScores {
  kinds: Record<string, KindScore>;
  misses: Miss[];
}

export type Twins = ReadonlyMap<string, string>;

/** The twin pairs file (`[["a", "b"], ...]`) as a lookup both ways. */
export function twinsOf(pairs: ReadonlyArray<readonly [string, string]>): Twins {
  const twins = new Map<string, string>();
  for (const [a, b] of pairs) {
    twins.set(a, b);
    twins.set(b, a);
  }
  return twins;
}

export function scoreAnswers(queries: readonly EvalQuery[], answers: ReadonlyMap<string, RankedAnswer>, twins: Twins = new Map()): EvalScores {
  const tally = new Map<string, { n: number; nAns: number; ok: number; rr: number; falseAbstain: number }>();
  const bump = (key: string, f: (t: { n: number; nAns: number; ok: number; rr: number; falseAbstain: number }) => void) => {
    let t = tally.get(key);
    if (!t) tally.set(key, (t = { n: 0, nAns: 0, ok: 0, rr: 0, falseAbstain: 0 }));
    f(t);
  };
  const misses: Miss[] = [];
  for (const q of queries) {
    const a = answers.get(q.id) ?? { answer: null, matches: [] };
    const accept = new Set(q.expect === null ? [] : [q.expect]);
    const twin = q.expect === null ? undefined : twins.get(q.expect);
    if (q.kind === 'error' && twin) accept.add(twin);
    const place = a.matches.slice(0, 5).findIndex((id) => accept.has(id));
    const right = q.expect === null ? a.answer === null : a.answer !== null && accept.has(a.answer);
    for (const key of [q.kind, q.expect === null ? 'UNANSWERABLE' : 'ANSWERABLE']) {
      bump(key, (t) => {
        t.n += 1;
        if (q.expect !== null) t.nAns += 1;
        if (right) t.ok += 1;
        if (q.expect !== null && a.answer === null) t.falseAbstain += 1;
        if (place >= 0) t.rr += 1 / (place + 1);
      });
    }
    if (!right) {
      const rank = q.expect === null ? -1 : a.matches.findIndex((id) => accept.has(id));
      misses.push({ id: q.id, kind: q.kind, expect: q.expect, got: a.answer, rank: rank >= 0 ? rank + 1 : null });
    }
  }
  const kinds: Record<string, KindScore> = {};
  for (const [key, t] of tally) {
    kinds[key] =
      t.nAns > 0
        ? { n: t.n, top1: pct(t.ok, t.n), mrr5: round3(t.rr / t.n), falseAbstain: pct(t.falseAbstain, t.n) }
        : { n: t.n, abstained: pct(t.ok, t.n) };
  }
  return { kinds, misses };
}

/** True for the score of answerable queries. */
export function isAnswerable(score: KindScore): score is AnswerableScore {
  return 'top1' in score;
}

function pct(x: number, n: number): number {
  return n ? Math.round((1000 * x) / n) / 10 : 0;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
