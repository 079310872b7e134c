import { type Signal, type SignalKind, signalId } from '../signals/signal.js';
import { templateWords } from '../signals/mask.js';
import { analyzeTerms } from '../signals/terms.js';
import { createArticleStore } from '../store/article-store.js';
import type { Db } from '../store/database.js';
import { createSearchStore, type FtsTotals } from '../store/search-store.js';
import { type AnswerGates, type ConfidenceInput, CALIBRATION, type Calibration, confidenceOf } from './confidence.js';
import { compilePatterns, normalizeForPatterns, type PinnedPattern } from './pinned-patterns.js';
import { type InputProblem, prepareQuery } from './prepare-query.js';
import { DEFAULT_SCORE_WEIGHTS, type Features, scoreFeatures } from './score.js';
import { expandQuery } from './expand-query.js';
import { createArticleTermsCache } from './article-terms.js';
import { bm25, bm25Ceiling, bm25Query } from './bm25.js';
import { countQueryWords, queryWords } from './query-words.js';
import { gatherCandidates, type Lead, type LeadSignal } from './candidates.js';
import { describeEvidence, type Evidence, newEvidence, surfaceForms } from './describe-evidence.js';
import { type Correction, idf, isCommonWord, type WeightedTerm, weighTerms } from './term-weights.js';

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
  /** Candidates read and scored in full. */
  read: number;
}

export interface MatcherOptions {
  /** How many candidates to return. Default 5. */
  limit?: number;
  /**
   * Read and score every shortlisted candidate instead of stopping once the answer and the
   * runner-up are settled (a check that stopping changes neither).
   */
  readAll?: boolean;
  calibration?: Calibration;
  weights?: Features;
}

/** A query signal that counts as evidence for an article that carries it. */
interface EvidenceSignal extends LeadSignal {
  signal: Signal;
  id: string;
  /** Its idf. */
  w: number;
  /** Its weight in the `signals` feature (0 for frames and loggers). */
  kindWeight: number;
}

/** How much each signal kind counts towards the `signals` feature. Loggers and frames count elsewhere. */
const STRONG_KIND_WEIGHT: Partial<Record<SignalKind, number>> = { exception: 1, code: 1, http: 0.6 };
/** Candidates whose text and signals are read and scored in full, the best on the evidence that found them. */
const MAX_SCORED = 64;
/** Terms sent to FTS: the rarest ones carry the query; the rest only cost time. */
const MAX_FTS_TERMS = 40;
/** Content words an answer must share with the query when no signal, pattern or frame matched... */
const MIN_CONTENT_WORDS = 2;
/** ...unless it has (nearly) every informative word of the query: a gap of at most this. */
const WHOLE_QUERY_GAP = 0.05;
/** A word only seen in the variable parts of the query (host names, ids) counts at this share of its idf. */
const VARIABLE_FACTOR = 0.1;
/**
 * How many of the best candidates rerankByDistinctWords compares (reading goes on until these
 * are those a full read gives), and how much it can add.
 */
const RERANK_DEPTH = 3;
/** sharedMass is half-way at the weight of this many words found in one article each. */
const SHARED_MASS_RARE_WORDS = 1.35;
const DISTINCT_WEIGHT = 0.05;
/** An everyday-word expansion counts at this share of its idf. */
const EXPANSION_FACTOR = 0.3;

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
  let corrections = new Map<string, Correction | null>();
  let totals: FtsTotals | null = null;
  const articleTerms = createArticleTermsCache(search);

  /**
   * Forgets the per-index state after this process re-indexed: the next match reloads it. (It
   * would notice the new generation anyway, unless two runs finished within one millisecond.)
   */
  function invalidate(): void {
    generation = '';
    n = 0;
  }

  /** Reloads per-index state when another process (or this one) has re-indexed. */
  function refresh(): void {
    const g = articles.generation();
    if (g === generation && n > 0) return;
    generation = g;
    n = search.articleCount();
    totals = search.ftsTotals();
    patterns = compilePatterns(articles.pinnedPatterns());
    termCache = new Map();
    corrections = new Map();
    articleTerms.clear();
  }

  function match(text: string, options: MatcherOptions = {}): MatchResult {
    refresh();
    const limit = options.limit ?? defaults.limit ?? 5;
    const calibration = options.calibration ?? defaults.calibration ?? CALIBRATION;
    const weights = options.weights ?? defaults.weights ?? DEFAULT_SCORE_WEIGHTS;
    const q = prepareQuery(text);
    const none: MatchResult = { best: null, matches: [], signals: q.signals, problem: q.problem, focused: q.focused, read: 0 };
    if (q.problem || n === 0) return none;

    // Terms: how rare each is; the rarest go to full-text search.
    const expansion = expandQuery(q.text, new Set(q.terms));
    const { known, unknown } = weighTerms(search, q.terms, n, termCache, corrections);
    const idfByTerm = new Map(known.map((t) => [t.term, t.idf]));
    const queryTerms = new Set([...q.terms, ...known.map((t) => t.term)]);
    const knownIdf = (t: string) => idfByTerm.get(t) ?? (termCache.get(t) ? idf(termCache.get(t)!, n) : idf(0, n));
    for (const t of weighTerms(search, expansion, n, termCache, corrections).known) known.push({ ...t, idf: t.idf * EXPANSION_FACTOR, expanded: true });
    // The rarest words carry the query, but a token with digits in it (a timestamp piece, an id,
    // hex) is rare by accident: it goes last unless it is a short number such as a status or port.
    // So is a number that only appears on the lines of a log that say nothing went wrong (a count,
    // a duration, a port of another connection): in a long paste such numbers are many, and would
    // crowd out the words of the error.
    const codeTerms = new Set(q.signals.filter((s) => STRONG_KIND_WEIGHT[s.kind]).flatMap((s) => analyzeTerms(s.key)));
    const incidentalNumber = (term: string) =>
      (q.clockNumbers.has(term) && !codeTerms.has(term)) || (q.tellingNumbers !== null && /^\d{3,5}$/.test(term) && !q.tellingNumbers.has(term) && !codeTerms.has(term));
    const pickWeight = (t: WeightedTerm) => t.idf * ((/\d/.test(t.term) && !/^\d{3,5}$/.test(t.term)) || incidentalNumber(t.term) ? 0.1 : 1);
    const ftsTerms = [...known].sort((a, b) => pickWeight(b) - pickWeight(a)).slice(0, MAX_FTS_TERMS);
    // A word only seen inside the variable parts of the paste (the `prod` and `local` of a host
    // name, the letters of an id) is this occurrence's detail, not the problem's: it counts for
    // little when an article has it too. Numbers on telling lines keep their weight (a status, a
    // port, a version), and so do the words of an error code the query carries (ORA-12514).
    const evidenceScale = (term: string) => ((q.variable.has(term) && !/\d/.test(term) && !codeTerms.has(term)) || incidentalNumber(term) ? VARIABLE_FACTOR : 1);
    const termMass = ftsTerms.reduce((s, t) => s + t.idf * evidenceScale(t.term), 0);
    // The words of the query's error messages (variable parts masked): a near miss often differs only there.
    // A misspelled word counts as its correction.
    const corrected = new Map(known.filter((t) => t.correctedFrom).map((t) => [t.correctedFrom!, t.term]));
    const messageWordSets = q.signals
      .filter((s) => s.kind === 'message')
      .map((s) => [...new Set(analyzeTerms(s.key))].map((t) => corrected.get(t) ?? t).map((t) => ({ t, w: knownIdf(t) })))
      .filter((ws) => ws.length > 0);
    const messageWeights = [...new Map(messageWordSets.flat().map((m) => [m.t, m])).values()];
    const messageTerms = messageWeights.map((m) => m.t);
    // The words that say what went wrong: the error messages' words, else the query's content words.
    const focusWeights = (messageTerms.length ? messageWeights : known.filter((t) => !t.expanded).map((t) => ({ t: t.term, w: t.idf }))).filter(
      (m) => !isCommonWord(m.t),
    );
    const focusMass = focusWeights.reduce((s, m) => s + m.w, 0);
    const unknownMass = unknown.filter((t) => q.terms.length <= 40 || messageTerms.includes(t)).length * idf(0, n);

    // The query's signals: how rare each is, and which count as evidence when an article carries them.
    let strongMass = 0;
    let unknownStrong = 0;
    let frameMass = 0;
    const queryMessages: Array<{ set: Set<string> }> = [];
    const evidenceSignals: EvidenceSignal[] = [];
    const messageSignals: LeadSignal[] = [];
    const signalDfs = search.signalDocFrequencies(q.signals);
    for (const s of q.signals) {
      const df = signalDfs.get(signalId(s.kind, s.key)) ?? 0;
      if (s.kind === 'message') {
        const words = new Set(templateWords(s.key));
        if (words.size >= 2) queryMessages.push({ set: words });
        messageSignals.push({ kind: s.kind, key: s.key, df });
        continue;
      }
      const w = idf(df, n);
      const kindWeight = STRONG_KIND_WEIGHT[s.kind] ?? 0;
      if (kindWeight > 0) {
        strongMass += kindWeight * idf(Math.max(df, 1), n);
        if (df === 0) unknownStrong += kindWeight * idf(1, n);
      }
      if (s.kind === 'frame' && df > 0) frameMass += w;
      if (df === 0 || df > Math.max(20, n * 0.3)) continue;
      evidenceSignals.push({ kind: s.kind, key: s.key, signal: s, id: signalId(s.kind, s.key), df, w, kindWeight });
    }
    const patternsHit = new Map<number, string[]>();
    const normalized = patterns.length ? normalizeForPatterns(q.text) : '';
    for (const p of patterns) if (p.test(q.text, normalized)) patternsHit.set(p.articleKey, [...(patternsHit.get(p.articleKey) ?? []), p.source]);

    // Candidates through the index (rare words and signals, conjunctions of common words, the
    // same error message, pinned patterns), ranked on that evidence; only the best are read.
    const { leads, complete } = gatherCandidates(
      search,
      ftsTerms.map((t) => ({ term: t.term, df: t.df, weight: pickWeight(t), probeWeight: t.expanded ? 0 : t.idf * (/\d/.test(t.term) || q.variable.has(t.term) ? 0.1 : 1) })),
      [...evidenceSignals, ...messageSignals],
      patternsHit.keys(),
    );
    const pickWeightOf = new Map<string, number>();
    for (const t of ftsTerms) pickWeightOf.set(t.term, Math.max(pickWeightOf.get(t.term) ?? 0, pickWeight(t) * evidenceScale(t.term)));
    /** Ranking features from the weight of the evidence an article shares, each as a share of the query's. */
    const featuresOf = (key: number, e: { text: number; covered: number; strong: number; frames: number; message: number }): Features => ({
      text: e.text,
      terms: share(e.covered, termMass),
      signals: share(e.strong, strongMass),
      frames: share(e.frames, frameMass),
      message: e.message,
      pattern: patternsHit.has(key) ? 1 : 0,
    });
    const lowerBound = (key: number, lead: Lead) => {
      let shared = 0;
      for (const t of lead.terms) shared += pickWeightOf.get(t) ?? 0;
      // A lead's signal index past the evidence signals is one of its error messages.
      const { strong, frames } = signalWeight(lead.signals.flatMap((i) => evidenceSignals[i] ?? []));
      const message = lead.signals.some((i) => i >= evidenceSignals.length) ? 1 : 0;
      const terms = share(shared, termMass);
      return scoreFeatures(featuresOf(key, { text: terms, covered: shared, strong, frames, message }), weights);
    };
    const shortlist = [...leads.entries()]
      .map(([key, lead]) => ({ key, bound: lowerBound(key, lead) }))
      .sort((a, b) => b.bound - a.bound || a.key - b.key)
      .slice(0, MAX_SCORED);

    // Evidence per shortlisted article, from its own terms and signals.
    const words = queryWords([...ftsTerms.map((t) => t.term), ...messageTerms, ...focusWeights.map((m) => m.t)]);
    const slot = (t: string) => words.index.get(t)!;
    const rankQuery = bm25Query(
      words,
      ftsTerms.map((t) => ({ term: t.term, df: t.df, scale: evidenceScale(t.term) })),
      totals?.rows ?? n,
      totals?.averageLength ?? 0,
    );
    // Reads one candidate and works out everything its score needs but the text feature, which is
    // relative to the best bm25 read (see scoreOf).
    const readOne = (key: number) => {
      const at = articleTerms.get(key);
      const e = newEvidence();
      for (const source of patternsHit.get(key) ?? []) {
        e.pattern = true;
        e.matched.push({ signal: { kind: 'message', key: source, text: `pattern "${source}"` }, weight: 100 });
      }
      for (const s of evidenceSignals) {
        if (!at.signals.has(s.id)) continue;
        if (s.kindWeight > 0) e.strong += s.kindWeight * s.w;
        else if (s.signal.kind === 'frame') e.frames += s.w;
        else if (s.signal.kind === 'logger') e.loggers += s.w;
        e.matched.push({ signal: s.signal, weight: (s.kindWeight || (s.signal.kind === 'logger' ? 0.8 : 0.3)) * s.w });
      }
      const counts = countQueryWords(at.columns, words);
      e.bm25 = bm25(counts.weighted, at.length, rankQuery);
      let covered = 0;
      const matchedTerms: WeightedTerm[] = [];
      for (const t of ftsTerms) {
        if (counts.weighted[slot(t.term)]! > 0) {
          covered += t.idf * evidenceScale(t.term);
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
      const features = featuresOf(key, { text: 0, covered, strong: e.strong, frames: e.frames, message });
      return { key, at, e, counts, covered, matchedTerms, features, rest: scoreFeatures(features, weights) };
    };
    type Read = ReturnType<typeof readOne>;

    /** A read candidate's ranking features and score, its text relative to the best bm25 read. */
    const scoreOf = (r: Read, bestBm25: number) => {
      const features: Features = { ...r.features, text: bestBm25 > 0 ? r.e.bm25 / bestBm25 : 0 };
      return { ...r, features, score: scoreFeatures(features, weights) };
    };

    // The most an unread candidate could score, from what the index already says of it: a term or
    // signal listed in full (see Gathered.complete) that its lead lacks, it lacks; anything else
    // it may have. Its bm25 is at most bm25Ceiling, its message overlap at most 1.
    const ceilingOf = (key: number) => {
      const lead = leads.get(key)!;
      const mayHave = (t: string) => lead.terms.has(t) || !complete.terms.has(t);
      let covered = 0;
      for (const t of ftsTerms) if (mayHave(t.term)) covered += t.idf * evidenceScale(t.term);
      const carried = new Set(lead.signals);
      const { strong, frames } = signalWeight(evidenceSignals.filter((_, i) => carried.has(i) || !complete.signals.has(i)));
      const rest = scoreFeatures(featuresOf(key, { text: 0, covered, strong, frames, message: 1 }), weights);
      return { bm25: bm25Ceiling(rankQuery, (i) => mayHave(words.words[i]!)), rest };
    };
    // Reading stops once no unread candidate could beat the third best read (the few that
    // rerankByDistinctWords puts in order) nor raise the best bm25 (which every text feature is
    // relative to): the answer, the runner-up and every score and confidence are those a full
    // read gives; the later places are the best of those read.
    // The bound on an unread candidate's bm25 counts every word it may have at its most: a word
    // whose articles are listed in full (a rare one, or a common one the index keeps postings of)
    // it has only if its lead says so. A 200-line trace at 100,000 articles reads 7 of 64 on
    // average (48 when common words were not known per candidate).
    const prune = !(options.readAll ?? defaults.readAll ?? false) && Object.values(weights).every((w) => w >= 0);
    const ceilings = prune ? shortlist.map(({ key }) => ceilingOf(key)) : [];
    const read: Read[] = [];
    /** A score without its text feature (`rest`) plus that feature for a bm25 relative to `best`. */
    const withText = (rest: number, bm: number, best: number) => rest + (best > 0 ? weights.text * (bm / best) : 0);
    let bestBm25 = 0;
    for (let i = 0; i < shortlist.length; i += 1) {
      const r = readOne(shortlist[i]!.key);
      read.push(r);
      bestBm25 = Math.max(bestBm25, r.e.bm25);
      if (!prune || read.length < RERANK_DEPTH || i + 1 === shortlist.length) continue;
      let unreadBest = 0;
      let raisesBest = false;
      for (let j = i + 1; j < ceilings.length && !raisesBest; j += 1) {
        raisesBest = ceilings[j]!.bm25 > bestBm25;
        unreadBest = Math.max(unreadBest, withText(ceilings[j]!.rest, ceilings[j]!.bm25, bestBm25));
      }
      if (raisesBest) continue;
      if (unreadBest < kthHighest(read, (x) => withText(x.rest, x.e.bm25, bestBm25), RERANK_DEPTH) - 1e-9) break;
    }

    const scored = read.map((r) => scoreOf(r, bestBm25));
    scored.sort((a, b) => b.score - a.score || a.key - b.key);
    rerankByDistinctWords(scored, ftsTerms, (r, t) => r.counts.weighted[slot(t)]! > 0, (t) => t.idf * evidenceScale(t.term), DISTINCT_WEIGHT);

    // What the confidence model asks of the few candidates shown, and only of them.
    const inQuery = (t: string) => queryTerms.has(t);
    const weighed = (words: readonly string[]) => words.map((t) => ({ t, w: knownIdf(t) }));

    const top = scored.slice(0, Math.max(limit, 2));
    const unknownSignals = strongMass > 0 ? unknownStrong / strongMass : 0;
    const technical = q.signals.some((s) => s.kind !== 'message' && s.kind !== 'logger') ? 1 : 0;
    const surface = surfaceForms(q.text);
    const matches: Match[] = top.slice(0, limit).flatMap((c, i) => {
      const other = i === 0 ? (top[1]?.score ?? 0) : (top[0]?.score ?? 0);
      // One shared word is not evidence ("happy friday" vs an article mentioning "happy eyeballs"):
      // without a signal, a pattern or a frame, an answer needs two distinct content words in common.
      // A guessed spelling correction ("expenses" as "extensions") is not one of them.
      const contentWords = c.matchedTerms.filter((t) => !t.expanded && !t.correctedFrom && !isCommonWord(t.term)).length;
      const { at, e, counts, covered } = c;
      const sharedMass = covered + e.strong + e.loggers + Math.min(e.frames, 5);
      const termGap = termMass + unknownMass > 0 ? 1 - covered / (termMass + unknownMass) : 0;
      const titleCoverage = sharedShare(weighed(at.title), inQuery) ?? 0;
      // How much of the article's own error the query carries (only asked of pasted errors).
      const primaryCoverage = Math.max(0, ...at.primary.map((pm) => sharedShare(weighed(pm.words), inQuery) ?? 0));
      const input: ConfidenceInput & AnswerGates = {
        ...c.features,
        score: c.score,
        margin: c.score - other,
        unknownSignals,
        messageGap: bestMessageGap(messageWordSets, (t) => counts.shown[slot(t)] === 1),
        termGap,
        // As a share of what a few rare words weigh in this KB (idf grows with its size).
        sharedMass: sharedMass / (sharedMass + SHARED_MASS_RARE_WORDS * idf(1, n)),
        technical,
        titleCoverage,
        technicalTitleGap: technical * (1 - titleCoverage),
        problemCoverage: focusMass > 0 ? focusWeights.reduce((s, m) => s + (counts.inProblem[slot(m.t)] ? m.w : 0), 0) / focusMass : 0,
        primaryGap: messageWordSets.length > 0 && at.primary.length > 0 ? 1 - primaryCoverage : 0,
        // A short query the article covers whole ("HTTPS required", "504 sH--") is not thin.
        thinEvidence: contentWords < MIN_CONTENT_WORDS && termGap > WHOLE_QUERY_GAP && c.e.strong === 0 && !c.e.pattern && c.e.frames === 0 ? 1 : 0,
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
        evidence: describeEvidence(c.e, c.matchedTerms, surface),
      }];
    });
    const first = matches[0];
    const best = first && first.confidence >= calibration.threshold ? first : null;
    return { best, matches, signals: q.signals, problem: null, focused: q.focused, read: read.length };
  }

  return { match, invalidate };
}

export type Matcher = ReturnType<typeof createMatcher>;

/**
 * How much of the query's best-explained error message the article lacks (idf-weighted share
 * of its words, 0 when the query has no message): an answer should explain at least one of the
 * errors pasted, while the other lines of a log may be noise.
 */
function bestMessageGap(messages: ReadonlyArray<ReadonlyArray<{ t: string; w: number }>>, shown: (term: string) => boolean): number {
  let best = 1;
  for (const words of messages) {
    const share = sharedShare(words, shown);
    if (share !== null) best = Math.min(best, 1 - share);
  }
  return messages.length ? best : 0;
}

/** The weighted share of `words` for which `has` holds; null when they weigh nothing. */
function sharedShare(words: ReadonlyArray<{ t: string; w: number }>, has: (word: string) => boolean): number | null {
  let mass = 0;
  let hit = 0;
  for (const { t, w } of words) {
    mass += w;
    if (has(t)) hit += w;
  }
  return mass > 0 ? hit / mass : null;
}

/** How much some of the query's signals weigh in the `signals` feature (strong) and the `frames` feature. */
function signalWeight(signals: readonly EvidenceSignal[]): { strong: number; frames: number } {
  let strong = 0;
  let frames = 0;
  for (const s of signals) {
    if (s.kindWeight > 0) strong += s.kindWeight * s.w;
    else if (s.signal.kind === 'frame') frames += s.w;
  }
  return { strong, frames };
}

/**
 * Among the few best candidates, the words they all share (the error they have in common) tell
 * them apart no more than the words none of them has: what decides is the words some have and
 * others not ("fork" against "paging file" for the same MISCONF error). Each of the first
 * RERANK_DEPTH candidates is placed as if it scored `weight` times its share of the weight of those
 * distinguishing query words more. Relative to the candidates at hand, so it holds on any KB.
 */
function rerankByDistinctWords<C extends { score: number; key: number }>(
  scored: C[],
  terms: readonly WeightedTerm[],
  has: (candidate: C, term: string) => boolean,
  weightOf: (term: WeightedTerm) => number,
  weight: number,
): void {
  const top = scored.slice(0, RERANK_DEPTH);
  if (top.length < 2 || weight <= 0) return;
  const gains = new Array<number>(top.length).fill(0);
  let mass = 0;
  for (const t of terms) {
    if (t.expanded) continue;
    const present = top.map((c) => has(c, t.term));
    const n = present.filter(Boolean).length;
    if (n === 0 || n === top.length) continue;
    const w = weightOf(t);
    mass += w;
    present.forEach((p, i) => {
      if (p) gains[i]! += w;
    });
  }
  if (mass <= 0) return;
  // Only the order changes: scores (and the confidence read from them) stay the evidence's.
  const boosted = new Map(top.map((c, i) => [c, c.score + weight * (gains[i]! / mass)]));
  const at = (c: C) => boosted.get(c) ?? c.score;
  scored.sort((a, b) => at(b) - at(a) || a.key - b.key);
}

/** The `k`th highest score of `items` (at least k), in one pass: the loop that reads candidates asks it after every read. */
function kthHighest<T>(items: readonly T[], score: (item: T) => number, k: number): number {
  const best: number[] = [];
  for (const item of items) {
    const s = score(item);
    if (best.length === k && s <= best[k - 1]!) continue;
    let at = best.length < k ? best.length : k - 1;
    while (at > 0 && best[at - 1]! < s) at -= 1;
    best.splice(at, 0, s);
    if (best.length > k) best.pop();
  }
  return best[k - 1] ?? Number.NEGATIVE_INFINITY;
}

/** `part` as a share of `mass`, at most 1 (0 when the query has no such evidence). */
function share(part: number, mass: number): number {
  return mass > 0 ? Math.min(1, part / mass) : 0;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
