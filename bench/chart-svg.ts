import { QUERY_KINDS, type QueryKind } from './corpus/generate-queries.js';
import type { SizeResult } from './results.js';

const COLORS: Record<QueryKind, string> = { trace: '#1f77b4', trace200: '#9467bd', fragment: '#d62728', question: '#2ca02c' };
const PANEL = { width: 440, height: 300, left: 58, right: 30, top: 34, bottom: 44 };

/**
 * Latency against KB size, log-log, one panel for p50 and one for p99: kb-assistant solid,
 * plain FTS5 dashed, a colour per query kind. Plain SVG, no dependencies, so it can be committed.
 */
export function renderLatencyChart(sizes: readonly SizeResult[], caption: string): string {
  const xs = sizes.map((s) => s.articles);
  const all = sizes.flatMap((s) => QUERY_KINDS.flatMap((k) => [s.queries[k].ours, s.queries[k].reference].flatMap((l) => [l.p50, l.p99])));
  const yMin = 10 ** Math.floor(Math.log10(Math.max(0.01, Math.min(...all.filter((v) => v > 0)))));
  const yMax = niceCeiling(Math.max(...all));
  const xMin = 10 ** Math.floor(Math.log10(Math.min(...xs)));
  const xMax = 10 ** Math.ceil(Math.log10(Math.max(...xs)));
  const width = PANEL.width * 2 + 20;
  const height = PANEL.height + 70;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
  ];
  (['p50', 'p99'] as const).forEach((p, i) => parts.push(panel(sizes, p, i * (PANEL.width + 20), { xMin, xMax, yMin, yMax })));
  // Legend.
  let x = 12;
  const y = PANEL.height + 28;
  for (const k of QUERY_KINDS) {
    parts.push(`<line x1="${x}" y1="${y}" x2="${x + 22}" y2="${y}" stroke="${COLORS[k]}" stroke-width="2"/><text x="${x + 27}" y="${y + 4}">${k}</text>`);
    x += 95;
  }
  parts.push(`<line x1="${x}" y1="${y}" x2="${x + 22}" y2="${y}" stroke="#444" stroke-width="2"/><text x="${x + 27}" y="${y + 4}">kb-assistant</text>`);
  x += 110;
  parts.push(`<line x1="${x}" y1="${y}" x2="${x + 22}" y2="${y}" stroke="#444" stroke-width="2" stroke-dasharray="5,4"/><text x="${x + 27}" y="${y + 4}">plain FTS5 bm25 (OR of words)</text>`);
  parts.push(`<text x="12" y="${height - 10}" fill="#555">${escape(caption)}</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function panel(sizes: readonly SizeResult[], p: 'p50' | 'p99', offsetX: number, r: { xMin: number; xMax: number; yMin: number; yMax: number }): string {
  const w = PANEL.width - PANEL.left - PANEL.right;
  const h = PANEL.height - PANEL.top - PANEL.bottom;
  const sx = (v: number) => offsetX + PANEL.left + ((Math.log10(v) - Math.log10(r.xMin)) / (Math.log10(r.xMax) - Math.log10(r.xMin))) * w;
  const sy = (v: number) => PANEL.top + h - ((Math.log10(v) - Math.log10(r.yMin)) / (Math.log10(r.yMax) - Math.log10(r.yMin))) * h;
  const out: string[] = [`<text x="${offsetX + PANEL.left}" y="20" font-size="13" font-weight="bold">Query latency ${p} (ms) against KB size (articles)</text>`];
  for (let e = Math.log10(r.yMin); e <= Math.log10(r.yMax) + 1e-9; e += 1) {
    const y = sy(10 ** e);
    out.push(`<line x1="${offsetX + PANEL.left}" y1="${y}" x2="${offsetX + PANEL.left + w}" y2="${y}" stroke="#e5e5e5"/><text x="${offsetX + PANEL.left - 6}" y="${y + 4}" text-anchor="end">${fmt(10 ** e)}</text>`);
  }
  for (let e = Math.log10(r.xMin); e <= Math.log10(r.xMax); e += 1) {
    const x = sx(10 ** e);
    out.push(`<line x1="${x}" y1="${PANEL.top}" x2="${x}" y2="${PANEL.top + h}" stroke="#e5e5e5"/><text x="${x}" y="${PANEL.top + h + 16}" text-anchor="middle">${(10 ** e).toLocaleString('en')}</text>`);
  }
  out.push(`<rect x="${offsetX + PANEL.left}" y="${PANEL.top}" width="${w}" height="${h}" fill="none" stroke="#999"/>`);
  if (p === 'p99') {
    // The targets at 100,000 articles: p99 under 25 ms (200-line trace), under 10 ms (fragment).
    for (const [ms, label, kind] of [[25, 'target trace200 p99', 'trace200'], [10, 'target fragment p99', 'fragment']] as const) {
      if (ms < r.yMin || ms > r.yMax) continue;
      const y = sy(ms);
      out.push(`<line x1="${offsetX + PANEL.left}" y1="${y}" x2="${offsetX + PANEL.left + w}" y2="${y}" stroke="${COLORS[kind]}" stroke-width="1" stroke-dasharray="1,3"/><text x="${offsetX + PANEL.left + w - 4}" y="${y + 12}" text-anchor="end" fill="${COLORS[kind]}" font-size="10">${label} (${ms} ms)</text>`);
    }
  }
  for (const k of QUERY_KINDS) {
    for (const engine of ['ours', 'reference'] as const) {
      const pts = sizes.map((s) => `${sx(s.articles).toFixed(1)},${sy(Math.max(r.yMin, s.queries[k][engine][p])).toFixed(1)}`);
      const dash = engine === 'reference' ? ' stroke-dasharray="5,4"' : '';
      out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${COLORS[k]}" stroke-width="2"${dash}/>`);
      for (const pt of pts) out.push(`<circle cx="${pt.split(',')[0]}" cy="${pt.split(',')[1]}" r="2.5" fill="${COLORS[k]}"/>`);
    }
  }
  return out.join('\n');
}

/** The next 1, 2 or 5 times a power of ten at or above v. */
function niceCeiling(v: number): number {
  const base = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * base).find((x) => x >= v) ?? 10 * base;
}

function fmt(v: number): string {
  return v >= 1 ? String(Math.round(v)) : String(Number(v.toPrecision(1)));
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
