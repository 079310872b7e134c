import type { Signal, SignalKind } from '../signals/signal.js';
import { templateWords } from '../signals/mask.js';
import { analyzeTerms } from '../signals/terms.js';
import { createArticleStore } from '../store/article-store.js';
import type { Db } from '../store/database.js';
import { createSearchStore } from '../store/search-store.js';
import { type AnswerGates, type ConfidenceInput, CALIBRATION, type Calibration, confidenceOf } from './confidence.js';
import { compilePatterns, normalizeForPatterns, type PinnedPattern } from './pinned-patterns.js';
import { type InputProblem, prepareQuery } from './prepare-query.js';
import { DEFAULT_SCORE_WEIGHTS, type Features, scoreFeatures } from './score.js';
import { expandQuery } from './expand-query.js';
import { createArticleTermsCache } from './article-terms.js';
import { describeEvidence, type Evidence, newEvidence } from './describe-evidence.js';
import { idf, isCommonWord, type WeightedTerm, weighTerms } from './term-weights.js';

/** One ranked article with the evidence behind its place. */
export interface Match {
  key: number;
  id: string;
  title: string;
  source: string;
  score: number;
  confidence: number;
  features: ConfidenceInput & AnswerGates;
  /** What matched, for people: `JwtInvalidClaimException`, `HTTP 401`, `qsh`, ... */
  evidence: string[];
}

export interface MatchResult {
  /** The best match when confident enough, else null (the matcher abstains). */
  best: Match | null;
  /** Ranked candidates, best first, whether or not it abstained. */
  matches: Match[];
  signals: Signal[];
  problem: InputProblem | null;
  focused: boolean;
}

export interface MatcherOptions {
  /** How many candidates to return. Default 5. */
  limit?: number;
  calibration?: Calibration;
  weights?: Features;
}

/** How much each signal kind counts towards the `signals` feature. Loggers and frames count elsewhere. */
const STRONG_KIND_WEIGHT: Partial<Record<SignalKind, number>> = { exception: 1, code: 1, http: 0.6 };
/** Candidates taken from full-text search and from signal postings. */
const FTS_CANDIDATES = 40;
const POSTINGS_PER_SIGNAL = 200;
/** Terms sent to FTS: the rarest ones carry the query; the rest only cost time. */
const MAX_FTS_TERMS = 40;
/** Content words an answer must share with the query when no signal, pattern or frame matched. */
const MIN_CONTENT_WORDS = 2;
/** An everyday-word expansion counts at this share of its idf. */
const EXPANSION_FACTOR = 0.6;

/**
 * Ranks KB articles for any text. Evidence is combined, not trusted alone: rare signals
 * shared with the article, stack-frame overlap, error-message templates, bm25 full-text rank
 * and term coverage. A calibrated confidence decides whether to answer or abstain.
 */
export function createMatcher(db: Db, defaults: MatcherOptions = {}) {
  const articles = createArticleStore(db);
  const search = createSearchStore(db);
  let generation = '';
  let n = 0;
  let patterns: PinnedPattern[] = [];
  let termCache = new Map<string, number>();
  const articleTerms = createArticleTermsCache(search);

  /** Reloads per-index state when another process (or this one) has re-indexed. */
  function refresh(): void {
    const g = articles.generation();
    if (g === generation && n > 0) return;
    generation = g;
    n = search.articleCount();
    patterns = compilePatterns(articles.pinnedPatterns());
    termCache = new Map();
    articleTerms.clear();
  }

  function match(text: string, options: MatcherOptions = {}): MatchResult {
    refresh();
    const limit = options.limit ?? defaults.limit ?? 5;
    const calibration = options.calibration ?? defaults.calibration ?? CALIBRATION;
    const weights = options.weights ?? defaults.weights ?? DEFAULT_SCORE_WEIGHTS;
    const q = prepareQuery(text);
    const none: MatchResult = { best: null, matches: [], signals: q.signals, problem: q.problem, focused: q.focused };
    if (q.problem || n === 0) return none;

    // Terms: how rare each is; the rarest go to full-text search.
    const expansion = expandQuery(q.text, new Set(q.terms));
    const { known, unknown } = weighTerms(search, q.terms, n, termCache);
    const idfByTerm = new Map(known.map((t) => [t.term, t.idf]));
    const queryTerms = new Set([...q.terms, ...known.map((t) => t.term)]);
    const knownIdf = (t: string) => idfByTerm.get(t) ?? (termCache.get(t) ? idf(termCache.get(t)!, n) : idf(0, n));
    for (const t of weighTerms(search, expansion, n, termCache).known) known.push({ ...t, idf: t.idf * EXPANSION_FACTOR, expanded: true });
    // The rarest words carry the query, but a token with digits in it (a timestamp piece, an id,
    // hex) is rare by accident: it goes last unless it is a short number such as a status or port.
    const pickWeight = (t: WeightedTerm) => t.idf * (/\d/.test(t.term) && !/^\d{3,5}$/.test(t.term) ? 0.1 : 1);
    const ftsTerms = [...known].sort((a, b) => pickWeight(b) - pickWeight(a)).slice(0, MAX_FTS_TERMS);
    const termMass = ftsTerms.reduce((s, t) => s + t.idf, 0);
    // The words of the query's error messages (variable parts masked): a near miss often differs only there.
    // A misspelled word counts as its correction.
    const corrected = new Map(known.filter((t) => t.correctedFrom).map((t) => [t.correctedFrom!, t.term]));
    const messageWordSets = q.signals
      .filter((s) => s.kind === 'message')
      .map((s) => [...new Set(analyzeTerms(s.key))].map((t) => corrected.get(t) ?? t).map((t) => ({ t, w: knownIdf(t) })))
      .filter((ws) => ws.length > 0);
    const messageTerms = [...new Set(messageWordSets.flat().map((m) => m.t))];
    const messageWeights = messageTerms.map((t) => ({ t, w: knownIdf(t) }));
    // The words that say what went wrong: the error messages' words, else the query's content words.
    const focusWeights = (messageTerms.length ? messageWeights : known.filter((t) => !t.expanded).map((t) => ({ t: t.term, w: t.idf }))).filter(
      (m) => !isCommonWord(m.t),
    );
    const focusMass = focusWeights.reduce((s, m) => s + m.w, 0);
    const unknownMass = unknown.filter((t) => q.terms.length <= 40 || messageTerms.includes(t)).length * idf(0, n);

    // Candidates from full-text search ...
    const candidates = new Map<number, Evidence>();
    const get = (key: number) => {
      let e = candidates.get(key);
      if (!e) {
        e = newEvidence();
        candidates.set(key, e);
      }
      return e;
    };
    const hits = search.search(ftsTerms.map((t) => t.term), FTS_CANDIDATES);
    const bestBm25 = hits[0]?.score ?? 0;
    for (const h of hits) get(h.key).bm25 = h.score;

    // ... and from the signals they share with the query.
    let strongMass = 0;
    let unknownStrong = 0;
    let frameMass = 0;
    const queryMessages: Array<{ set: Set<string> }> = [];
    for (const s of q.signals) {
      if (s.kind === 'message') {
        const words = new Set(templateWords(s.key));
        if (words.size >= 2) queryMessages.push({ set: words });
        continue;
      }
      const df = search.signalDocFrequency(s.kind, s.key);
      const w = idf(df, n);
      const kindWeight = STRONG_KIND_WEIGHT[s.kind] ?? 0;
      if (kindWeight > 0) {
        strongMass += kindWeight * idf(Math.max(df, 1), n);
        if (df === 0) unknownStrong += kindWeight * idf(1, n);
      }
      if (s.kind === 'frame' && df > 0) frameMass += w;
      if (df === 0 || df > Math.max(20, n * 0.3)) continue;
      for (const key of search.articlesWithSignal(s.kind, s.key, POSTINGS_PER_SIGNAL)) {
        const e = get(key);
        if (kindWeight > 0) e.strong += kindWeight * w;
        else if (s.kind === 'frame') e.frames += w;
        else if (s.kind === 'logger') e.loggers += w;
        e.matched.push({ signal: s, weight: (kindWeight || (s.kind === 'logger' ? 0.8 : 0.3)) * w });
      }
    }
    const normalized = patterns.length ? normalizeForPatterns(q.text) : '';
    for (const p of patterns) {
      if (p.test(q.text, normalized)) {
        const e = get(p.articleKey);
        e.pattern = true;
        e.matched.push({ signal: { kind: 'message', key: p.source, text: `pattern "${p.source}"` }, weight: 100 });
      }
    }

    // Features and score per candidate.
    const scored = [...candidates.entries()].map(([key, e]) => {
      const at = articleTerms.get(key);
      const terms = at.all;
      let covered = 0;
      const matchedTerms: WeightedTerm[] = [];
      for (const t of ftsTerms) {
        if (terms.has(t.term)) {
          covered += t.idf;
          matchedTerms.push(t);
        }
      }
      let message = 0;
      for (const qm of queryMessages) {
        for (const am of at.messages) {
          let shared = 0;
          for (const w of am.words) if (qm.set.has(w)) shared += 1;
          const inQuery = shared / am.words.length;
          const inArticle = shared / qm.set.size;
          message = Math.max(message, Math.min(inQuery, inArticle) * 0.5 + Math.max(inQuery, inArticle) * 0.5);
        }
      }
      const features: Features = {
        text: bestBm25 > 0 ? e.bm25 / bestBm25 : 0,
        terms: termMass > 0 ? covered / termMass : 0,
        signals: strongMass > 0 ? Math.min(1, e.strong / strongMass) : 0,
        frames: frameMass > 0 ? Math.min(1, e.frames / frameMass) : 0,
        message,
        pattern: e.pattern ? 1 : 0,
      };
      const termGap = termMass + unknownMass > 0 ? 1 - covered / (termMass + unknownMass) : 0;
      const messageGap = bestMessageGap(messageWordSets, at.shown);
      const sharedMass = covered + e.strong + e.loggers + Math.min(e.frames, 5);
      let titleMass = 0;
      let titleHit = 0;
      for (const t of at.title) {
        const w = knownIdf(t);
        titleMass += w;
        if (queryTerms.has(t)) titleHit += w;
      }
      const titleCoverage = titleMass > 0 ? titleHit / titleMass : 0;
      // How much of the article's own error the query carries (only asked of pasted errors).
      let primaryCoverage = 0;
      for (const pm of at.primary) {
        let mass = 0;
        let hit = 0;
        for (const w of pm.words) {
          const iw = knownIdf(w);
          mass += iw;
          if (queryTerms.has(w)) hit += iw;
        }
        if (mass > 0) primaryCoverage = Math.max(primaryCoverage, hit / mass);
      }
      const problem = at.problem;
      const problemCoverage = focusMass > 0 ? focusWeights.reduce((s, m) => s + (problem.has(m.t) ? m.w : 0), 0) / focusMass : 0;
      return { key, e, features, termGap, messageGap, sharedMass, titleCoverage, problemCoverage, primaryCoverage, score: scoreFeatures(features, weights), matchedTerms };
    });
    scored.sort((a, b) => b.score - a.score || a.key - b.key);

    const top = scored.slice(0, Math.max(limit, 2));
    const unknownSignals = strongMass > 0 ? unknownStrong / strongMass : 0;
    const technical = q.signals.some((s) => s.kind !== 'message' && s.kind !== 'logger') ? 1 : 0;
    const matches: Match[] = top.slice(0, limit).flatMap((c, i) => {
      const other = i === 0 ? (top[1]?.score ?? 0) : (top[0]?.score ?? 0);
      // One shared word is not evidence ("happy friday" vs an article mentioning "happy eyeballs"):
      // without a signal, a pattern or a frame, an answer needs two distinct content words in common.
      // A guessed spelling correction ("expenses" as "extensions") is not one of them.
      const contentWords = c.matchedTerms.filter((t) => !t.expanded && !t.correctedFrom && !isCommonWord(t.term)).length;
      const input: ConfidenceInput & AnswerGates = {
        ...c.features,
        score: c.score,
        margin: c.score - other,
        unknownSignals,
        messageGap: c.messageGap,
        termGap: c.termGap,
        sharedMass: c.sharedMass / (c.sharedMass + 5),
        technical,
        titleCoverage: c.titleCoverage,
        technicalTitleGap: technical * (1 - c.titleCoverage),
        problemCoverage: c.problemCoverage,
        primaryGap: messageWordSets.length > 0 && articleTerms.get(c.key).primary.length > 0 ? 1 - c.primaryCoverage : 0,
        thinEvidence: contentWords < MIN_CONTENT_WORDS && c.e.strong === 0 && !c.e.pattern && c.e.frames === 0 ? 1 : 0,
      };
      const a = articles.headerByKey(c.key);
      if (!a) return [];
      const confidence = confidenceOf(input, calibration);
      return [{
        key: c.key,
        id: a.id,
        title: a.title,
        source: a.source,
        score: round(c.score),
        confidence: round(confidence),
        features: input,
        evidence: describeEvidence(c.e, c.matchedTerms, q.text),
      }];
    });
    const first = matches[0];
    const best = first && first.confidence >= calibration.threshold ? first : null;
    return { best, matches, signals: q.signals, problem: null, focused: q.focused };
  }

  return { match, refresh };
}

export type Matcher = ReturnType<typeof createMatcher>;

/**
 * How much of the query's best-explained error message the article lacks (idf-weighted share
 * of its words, 0 when the query has no message): an answer should explain at least one of the
 * errors pasted, while the other lines of a log may be noise.
 */
function bestMessageGap(messages: ReadonlyArray<ReadonlyArray<{ t: string; w: number }>>, terms: ReadonlySet<string>): number {
  let best = 1;
  for (const words of messages) {
    let mass = 0;
    let missing = 0;
    for (const m of words) {
      mass += m.w;
      if (!terms.has(m.t)) missing += m.w;
    }
    if (mass > 0) best = Math.min(best, missing / mass);
  }
  return messages.length ? best : 0;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
