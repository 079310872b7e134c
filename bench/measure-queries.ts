import type { Services } from '../src/services.js';
import { type BenchQuery, QUERY_KINDS, type QueryKind } from './corpus/generate-queries.js';
import type { ReferenceIndex } from '../src/store/reference-fts.js';
import { median, percentile } from './stats.js';
import { storageReadBytes } from './storage-reads.js';

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
}

export interface KindResult {
  /** Queries timed. */
  queries: number;
  /**
   * Queries top-1 and answered are counted over: the timed ones and those only scored (see
   * measureQueries). Missing in results written before it was recorded: the timed ones.
   */
  top1Queries?: number;
  ours: Latency;
  reference: Latency;
  /** Share of queries whose expected article is ranked first. */
  oursTop1: number;
  referenceTop1: number;
  /** Share answered (not abstained) with the expected article. */
  oursAnswered: number;
  /**
   * kb-assistant's latency on other queries of the kind, each answered once in a pass of its own
   * (measureAlone): no plain FTS5 query, which takes seconds at 100,000 articles, between two of
   * ours, as in a running bot. Missing in older results.
   */
  oursAlone?: Latency & { queries: number; storageReadMiB?: number };
  /**
   * MiB read from storage, not the page cache, while each engine answered the timed queries (all
   * runs; see storageReadBytes). Missing where the system does not say, and in older results.
   */
  storageReadMiB?: { ours: number; reference: number };
}

/**
 * Latency of services.answer (what the bot runs for every message) and of the reference, on the
 * same queries, in this process after a warm-up on other queries. Each run times every query
 * once, interleaving kinds and the two engines so that noise on the machine hits all alike; the
 * figure per kind is the median over runs of that run's percentile. Top-1 counts the timed
 * queries and `scoredOnly`, which both engines answer once, untimed: a top-1 over 15 queries
 * moves 7 points with one query, too coarse to show what a change costs.
 */
export function measureQueries(
  services: Services,
  reference: ReferenceIndex,
  queries: readonly BenchQuery[],
  warmup: readonly BenchQuery[],
  runs: number,
  scoredOnly: readonly BenchQuery[] = [],
): Record<QueryKind, KindResult> {
  for (const q of warmup) {
    services.answer(q.text);
    reference.search(q.text);
  }
  const order = interleave(queries);
  const perRun: Array<Record<QueryKind, { ours: number[]; reference: number[] }>> = [];
  const top1 = new Map<string, { ours: boolean; reference: boolean; answered: boolean }>();
  const storageRead: Partial<Record<QueryKind, { ours: number; reference: number }>> = {};
  const score = (q: BenchQuery, answer: ReturnType<Services['answer']>, ids: readonly string[]) =>
    top1.set(q.id, { ours: answer.matches[0]?.id === q.expect, reference: ids[0] === q.expect, answered: answer.answer?.id === q.expect });
  for (let r = 0; r < runs; r += 1) {
    const times = Object.fromEntries(QUERY_KINDS.map((k) => [k, { ours: [] as number[], reference: [] as number[] }])) as Record<QueryKind, { ours: number[]; reference: number[] }>;
    for (const q of order) {
      const r0 = storageReadBytes();
      const t0 = performance.now();
      const answer = services.answer(q.text);
      const t1 = performance.now();
      const r1 = storageReadBytes();
      const ids = reference.search(q.text, 1);
      const t2 = performance.now();
      const r2 = storageReadBytes();
      times[q.kind].ours.push(t1 - t0);
      times[q.kind].reference.push(t2 - t1);
      if (r0 !== null && r1 !== null && r2 !== null) {
        const read = (storageRead[q.kind] ??= { ours: 0, reference: 0 });
        read.ours += r1 - r0;
        read.reference += r2 - r1;
      }
      if (r === 0) score(q, answer, ids);
    }
    perRun.push(times);
  }
  for (const q of scoredOnly) score(q, services.answer(q.text), reference.search(q.text, 1));
  const latency = (pick: (t: { ours: number[]; reference: number[] }) => number[], kind: QueryKind): Latency => ({
    p50: median(perRun.map((t) => percentile(pick(t[kind]), 50))),
    p95: median(perRun.map((t) => percentile(pick(t[kind]), 95))),
    p99: median(perRun.map((t) => percentile(pick(t[kind]), 99))),
  });
  return Object.fromEntries(
    QUERY_KINDS.map((kind) => {
      const mine = [...queries, ...scoredOnly].filter((q) => q.kind === kind).map((q) => top1.get(q.id)!);
      const share = (f: (x: { ours: boolean; reference: boolean; answered: boolean }) => boolean) => (mine.length ? mine.filter(f).length / mine.length : Number.NaN);
      const result: KindResult = {
        queries: queries.filter((q) => q.kind === kind).length,
        top1Queries: mine.length,
        ours: latency((t) => t.ours, kind),
        reference: latency((t) => t.reference, kind),
        oursTop1: share((x) => x.ours),
        referenceTop1: share((x) => x.reference),
        oursAnswered: share((x) => x.answered),
      };
      const read = storageRead[kind];
      if (read) result.storageReadMiB = { ours: read.ours / 2 ** 20, reference: read.reference / 2 ** 20 };
      return [kind, result];
    }),
  ) as Record<QueryKind, KindResult>;
}

/**
 * Latency of services.answer alone on `queries`, which the process has not answered before,
 * each once (kinds interleaved as in measureQueries), after measureQueries has warmed it up.
 */
export function measureAlone(services: Services, queries: readonly BenchQuery[]): Record<QueryKind, NonNullable<KindResult['oursAlone']>> {
  const times = Object.fromEntries(QUERY_KINDS.map((k) => [k, [] as number[]])) as Record<QueryKind, number[]>;
  const read = Object.fromEntries(QUERY_KINDS.map((k) => [k, 0])) as Record<QueryKind, number>;
  let reads = true;
  for (const q of interleave(queries)) {
    const r0 = storageReadBytes();
    const t0 = performance.now();
    services.answer(q.text);
    times[q.kind].push(performance.now() - t0);
    const r1 = storageReadBytes();
    if (r0 === null || r1 === null) reads = false;
    else read[q.kind] += r1 - r0;
  }
  return Object.fromEntries(
    QUERY_KINDS.map((k) => [
      k,
      {
        p50: percentile(times[k], 50),
        p95: percentile(times[k], 95),
        p99: percentile(times[k], 99),
        queries: times[k].length,
        ...(reads ? { storageReadMiB: read[k] / 2 ** 20 } : {}),
      },
    ]),
  ) as Record<QueryKind, NonNullable<KindResult['oursAlone']>>;
}

/** Round-robin over the kinds: trace, fragment, question, trace, ... */
function interleave(queries: readonly BenchQuery[]): BenchQuery[] {
  const byKind = QUERY_KINDS.map((k) => queries.filter((q) => q.kind === k));
  const out: BenchQuery[] = [];
  for (let i = 0; out.length < queries.length; i += 1) for (const list of byKind) if (list[i]) out.push(list[i]!);
  return out;
}
