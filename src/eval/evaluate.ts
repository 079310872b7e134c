import type { AnswerGates, ConfidenceInput } from '../match/confidence.js';
import type { MatchResult } from '../match/matcher.js';
import { type LabelledQuery, QUERY_KINDS, type QueryKind } from './labelled-query.js';

/** What happened to one labelled query. */
export interface Outcome {
  query: LabelledQuery;
  /** Ranked ids, best first. */
  ranked: string[];
  /** The answered id, null when the matcher abstained. */
  answered: string | null;
  top: (ConfidenceInput & AnswerGates) | null;
  confidence: number;
}

export function outcomeOf(query: LabelledQuery, result: MatchResult): Outcome {
  return {
    query,
    ranked: result.matches.map((m) => m.id),
    answered: result.best?.id ?? null,
    top: result.matches[0]?.features ?? null,
    confidence: result.matches[0]?.confidence ?? 0,
  };
}

export interface KindMetrics {
  kind: QueryKind | 'answerable' | 'logs+fragments' | 'questions+paraphrases';
  n: number;
  /** Right article ranked first. */
  top1: number;
  /** Mean reciprocal rank of the right article within the first five. */
  mrr5: number;
  /** Right article answered (ranked first and not abstained). */
  answeredRight: number;
  /** Answerable, but the matcher abstained. */
  wronglyAbstained: number;
  /** Unanswerable, and the matcher abstained (only for kind "none"). */
  rightlyAbstained: number;
  /** Top-1 of plain FTS5 on the same queries (see referenceTops), when it was run. */
  referenceTop1?: number;
}

/** `referenceTops`: plain FTS5's first article per query id, to put its top-1 beside ours. */
export function metrics(outcomes: readonly Outcome[], referenceTops?: ReadonlyMap<string, string>): KindMetrics[] {
  const groups: Array<[KindMetrics['kind'], (o: Outcome) => boolean]> = [
    ...QUERY_KINDS.map((k): [QueryKind, (o: Outcome) => boolean] => [k, (o) => o.query.kind === k]),
    ['logs+fragments', (o) => ['log', 'trace', 'fragment'].includes(o.query.kind)],
    ['questions+paraphrases', (o) => ['question', 'paraphrase'].includes(o.query.kind)],
    ['answerable', (o) => o.query.expect !== null],
  ];
  return groups.map(([kind, pick]) => {
    const os = outcomes.filter(pick);
    const n = os.length;
    const frac = (f: (o: Outcome) => boolean) => (n ? os.filter(f).length / n : 0);
    const rr = (o: Outcome) => {
      const i = o.ranked.slice(0, 5).indexOf(o.query.expect ?? '\u0000');
      return i < 0 ? 0 : 1 / (i + 1);
    };
    const row: KindMetrics = {
      kind,
      n,
      top1: frac((o) => o.query.expect !== null && o.ranked[0] === o.query.expect),
      mrr5: n ? os.reduce((s, o) => s + rr(o), 0) / n : 0,
      answeredRight: frac((o) => o.query.expect !== null && o.answered === o.query.expect),
      wronglyAbstained: frac((o) => o.query.expect !== null && o.answered === null),
      rightlyAbstained: frac((o) => o.query.expect === null && o.answered === null),
    };
    if (referenceTops) row.referenceTop1 = frac((o) => o.query.expect !== null && referenceTops.get(o.query.id) === o.query.expect);
    return row;
  });
}

export function formatMetrics(rows: readonly KindMetrics[]): string {
  const pct = (x: number) => x.toFixed(3);
  const withReference = rows.some((r) => r.referenceTop1 !== undefined);
  const head = `kind                    n   top-1   MRR@5   answered-right  wrongly-abstained  rightly-abstained${withReference ? '  plain-FTS5-top-1' : ''}`;
  const lines = rows.map((r) =>
    [
      r.kind.padEnd(22),
      String(r.n).padStart(3),
      pct(r.top1).padStart(7),
      pct(r.mrr5).padStart(7),
      pct(r.answeredRight).padStart(15),
      pct(r.wronglyAbstained).padStart(18),
      r.kind === 'none' ? pct(r.rightlyAbstained).padStart(18) : '—'.padStart(18),
      ...(withReference ? [r.kind === 'none' ? '—'.padStart(17) : pct(r.referenceTop1 ?? 0).padStart(17)] : []),
    ].join(' '),
  );
  return [head, ...lines].join('\n');
}
