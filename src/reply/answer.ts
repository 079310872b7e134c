import { type SectionRole, type Snippet, type SnippetKind } from '../kb/article.js';
import type { Match, MatchResult } from '../match/matcher.js';
import type { InputProblem } from '../match/prepare-query.js';
import { type SignalSummary, summarizeSignals } from '../signals/signal.js';
import type { StoredArticle } from '../store/article-store.js';

/** The best article, with what a person needs to act on it. */
export interface AnswerArticle {
  id: string;
  title: string;
  source: string;
  url: string | null;
  product: string | null;
  confidence: number;
  score: number;
  /** "high" or "medium": the word shown to people. */
  level: ConfidenceLevel;
  evidence: string[];
  summary: string;
  cause: string;
  diagnosis: string;
  solution: string;
  /** The fix snippets first (solution sections), then the rest. */
  snippets: Array<{ kind: SnippetKind; lang: string | null; text: string; section: SectionRole }>;
}

export interface AnswerMatch {
  id: string;
  title: string;
  source: string;
  confidence: number;
  score: number;
}

/** One answer to one query: what every surface (CLI, Slack, playground) renders. */
export interface Answer {
  answer: AnswerArticle | null;
  matches: AnswerMatch[];
  signals: SignalSummary;
  /** Why nothing could be matched, when the input itself was the problem. */
  problem: InputProblem | null;
  /** True when a long input was cut down to its error lines before matching. */
  focused: boolean;
}

/** The word shown to people. Only answers past the abstain threshold get one, so there is no "low". */
export type ConfidenceLevel = 'high' | 'medium';

/**
 * Candidates worth showing beside (or instead of) the answer: close enough in score to the best
 * one that a person might want them. The rest are noise in a Slack message.
 */
export function relatedMatches(answer: Answer, max = 3): AnswerMatch[] {
  const best = answer.matches[0]?.score ?? 0;
  return answer.matches.filter((m) => m.id !== answer.answer?.id && m.score >= best * 0.5).slice(0, max);
}

export function confidenceLevel(confidence: number): ConfidenceLevel {
  return confidence >= 0.8 ? 'high' : 'medium';
}

/** Builds the Answer from a match result, loading the best article's sections. */
export function buildAnswer(result: MatchResult, load: (key: number) => StoredArticle | null): Answer {
  const best = result.best ? load(result.best.key) : null;
  return {
    answer: best && result.best ? answerArticle(best, result.best) : null,
    matches: result.matches.map((m) => ({ id: m.id, title: m.title, source: m.source, confidence: m.confidence, score: m.score })),
    signals: summarizeSignals(result.signals),
    problem: result.problem,
    focused: result.focused,
  };
}

function answerArticle(a: StoredArticle, m: Match): AnswerArticle {
  const text = (role: SectionRole) =>
    a.sections
      .filter((s) => s.role === role)
      .map((s) => s.text)
      .join('\n\n')
      .trim();
  const order: SectionRole[] = ['solution', 'diagnosis', 'summary', 'cause', 'environment', 'other'];
  const snippets = [...a.snippets]
    .sort((x: Snippet, y: Snippet) => order.indexOf(x.section) - order.indexOf(y.section))
    .map((s) => ({ kind: s.kind, lang: s.lang, text: s.text, section: s.section }));
  return {
    id: a.id,
    title: a.title,
    source: a.source,
    url: a.url,
    product: a.product,
    confidence: m.confidence,
    score: m.score,
    level: confidenceLevel(m.confidence),
    evidence: m.evidence,
    summary: text('summary'),
    cause: text('cause'),
    diagnosis: text('diagnosis'),
    solution: text('solution'),
    snippets,
  };
}
