import { QUERY_KINDS } from './corpus/generate-queries.js';
import type { KindResult } from './measure-queries.js';
import type { SizeResult } from './results.js';
import { growthExponent, round } from './stats.js';

const f = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : '-');
const pad = (s: string, n: number) => s.padStart(n);

/** The plain-text tables `npm run bench` prints. */
export function renderTables(sizes: readonly SizeResult[]): string {
  const lines: string[] = [];
  lines.push('Indexing and memory (medians of the runs; cold = new database, 1% = re-index after editing 1% of the files)');
  lines.push(['articles', 'cold art/s', 'cold s', '1% changed s', 'index peak RSS MiB', 'DB MiB', 'bot at rest RSS MiB', 'ref FTS DB MiB'].map((h, i) => pad(h, i === 0 ? 9 : h.length + 2)).join(''));
  for (const s of sizes) {
    const i = s.indexing;
    lines.push([
      pad(String(s.articles), 9),
      pad(f(i.coldArticlesPerSec, 0), 12),
      pad(f(i.coldMs / 1000, 2), 8),
      pad(f(i.incrementalMs / 1000, 2), 14),
      pad(f(Math.max(i.coldPeakRssMiB, i.incrementalPeakRssMiB), 0), 20),
      pad(f(s.databaseMiB, 1), 8),
      pad(f(s.botAtRest.rssMiB, 0), 21),
      pad(f(s.reference.databaseMiB, 1), 16),
    ].join(''));
  }
  lines.push('');
  lines.push('Query latency in ms (p50 / p95 / p99, in-process after warm-up) and top-1, kb-assistant vs plain FTS5 bm25 (OR of the words)');
  lines.push('(top-1 and answered are shares of the queries in the last column: the timed ones, and for fragments and questions more, answered once untimed)');
  lines.push(`${pad('articles', 9)}  ${'kind'.padEnd(9)}${pad('ours p50/p95/p99', 26)}${pad('ref p50/p95/p99', 30)}${pad('ratio p50', 11)}${pad('ratio p99', 11)}${pad('top-1 ours', 12)}${pad('ref', 6)}${pad('diff', 7)}${pad('answered', 10)}${pad('of', 5)}`);
  for (const s of sizes) {
    for (const kind of QUERY_KINDS) {
      const k = s.queries[kind];
      const trio = (l: { p50: number; p95: number; p99: number }) => `${f(l.p50, 2)} / ${f(l.p95, 2)} / ${f(l.p99, 2)}`;
      lines.push(`${pad(String(s.articles), 9)}  ${kind.padEnd(9)}${pad(trio(k.ours), 26)}${pad(trio(k.reference), 30)}${pad(f(k.ours.p50 / k.reference.p50, 2), 11)}${pad(f(k.ours.p99 / k.reference.p99, 2), 11)}${pad(pct(k.oursTop1), 12)}${pad(pct(k.referenceTop1), 6)}${pad(`${k.oursTop1 >= k.referenceTop1 ? '+' : ''}${Math.round((k.oursTop1 - k.referenceTop1) * 100)}`, 7)}${pad(pct(k.oursAnswered), 10)}${pad(String(top1Count(k)), 5)}`);
    }
  }
  const alone = sizes.filter((s) => QUERY_KINDS.every((k) => s.queries[k].oursAlone));
  if (alone.length) {
    lines.push('kb-assistant alone: other queries, each answered once, with no plain FTS5 query in between, as a bot runs (p50 / p95 / p99 ms)');
    for (const s of alone) {
      const parts = QUERY_KINDS.map((k) => {
        const a = s.queries[k].oursAlone!;
        return `${k} ${f(a.p50, 2)} / ${f(a.p95, 2)} / ${f(a.p99, 2)}`;
      });
      lines.push(`${pad(String(s.articles), 9)}  ${parts.join(', ')} (${s.queries.trace.oursAlone!.queries} queries per kind)`);
    }
  }
  const reads = sizes.filter((s) => QUERY_KINDS.some((k) => s.queries[k].storageReadMiB));
  if (reads.length) {
    lines.push('Read from storage (not the page cache) while the timed queries ran, MiB, kb-assistant / plain FTS5 (/ kb-assistant alone)');
    for (const s of reads) {
      const parts = QUERY_KINDS.map((k) => {
        const r = s.queries[k].storageReadMiB;
        const alone = s.queries[k].oursAlone?.storageReadMiB;
        return `${k} ${r ? `${f(r.ours, 1)} / ${f(r.reference, 1)}${alone === undefined ? '' : ` / ${f(alone, 1)}`}` : '-'}`;
      });
      lines.push(`${pad(String(s.articles), 9)}  ${parts.join(', ')}`);
    }
  }
  const growth = renderGrowth(sizes);
  if (growth.length) lines.push('', ...growth);
  return lines.join('\n');
}

/** Queries top-1 was counted over (results written before it was recorded counted the timed ones). */
function top1Count(k: KindResult): number {
  return k.top1Queries ?? k.queries;
}

/** Cost ∝ size^k between consecutive sizes: k ≤ 1 for indexing is linear or better, k < 1 for queries sub-linear. */
function renderGrowth(sizes: readonly SizeResult[]): string[] {
  if (sizes.length < 2) return [];
  const out = ['Growth exponent k (cost ∝ articles^k) between consecutive sizes: cold index time; query p50 per kind'];
  for (let i = 1; i < sizes.length; i += 1) {
    const a = sizes[i - 1]!;
    const b = sizes[i]!;
    const parts = [`index ${f(growthExponent(a.articles, a.indexing.coldMs, b.articles, b.indexing.coldMs), 2)}`];
    for (const kind of QUERY_KINDS) parts.push(`${kind} ${f(growthExponent(a.articles, a.queries[kind].ours.p50, b.articles, b.queries[kind].ours.p50), 2)}`);
    out.push(`  ${a.articles} → ${b.articles}: ${parts.join(', ')}`);
  }
  return out;
}

/** The same figures as Markdown tables, for the README's Performance section. */
export function renderMarkdown(sizes: readonly SizeResult[]): string {
  const lines = [
    '| articles | cold index (articles/s) | re-index, 1% changed (s) | peak RSS indexing (MiB) | database (MiB) | bot at rest, RSS (MiB) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...sizes.map((s) => `| ${s.articles.toLocaleString('en')} | ${round(s.indexing.coldArticlesPerSec)} | ${f(s.indexing.incrementalMs / 1000, 2)} | ${f(Math.max(s.indexing.coldPeakRssMiB, s.indexing.incrementalPeakRssMiB), 0)} | ${f(s.databaseMiB, 0)} | ${f(s.botAtRest.rssMiB, 0)} |`),
    '',
    '| articles | query | kb-assistant p50 / p99 (ms) | plain FTS5 p50 / p99 (ms) | latency ratio p50 / p99 | kb-assistant alone p50 / p99 (ms) | top-1 kb-assistant | top-1 plain FTS5 | queries timed / top-1 |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of sizes) {
    for (const kind of QUERY_KINDS) {
      const k = s.queries[kind];
      lines.push(`| ${s.articles.toLocaleString('en')} | ${kind} | ${f(k.ours.p50, 1)} / ${f(k.ours.p99, 1)} | ${f(k.reference.p50, 1)} / ${f(k.reference.p99, 1)} | ${f(k.ours.p50 / k.reference.p50, 2)} / ${f(k.ours.p99 / k.reference.p99, 2)} | ${k.oursAlone ? `${f(k.oursAlone.p50, 1)} / ${f(k.oursAlone.p99, 1)}` : '-'} | ${pct(k.oursTop1)} | ${pct(k.referenceTop1)} | ${k.queries} / ${top1Count(k)} |`);
    }
  }
  return lines.join('\n');
}
