import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../services.js';
import type { IndexReport } from '../kb/index-kb.js';
import { referenceFor } from './eval-kb.js';
import { type EvalQuery, type EvalScores, type RankedAnswer, scoreAnswers, type Twins } from './score-answers.js';

/** Everything `kb eval` measured: what was indexed, our scores and plain FTS5's on the same queries. */
export interface KbEvalResult {
  indexed: number;
  files: number;
  failed: IndexReport['failed'];
  warnings: IndexReport['warnings'];
  queries: number;
  ours: EvalScores;
  fts5: EvalScores;
  /** Median and slowest milliseconds a query took us. */
  ms: { p50: number; max: number };
}

/**
 * Indexes `kbDirs` into a temporary database, answers every query, and scores the answers beside
 * plain FTS5 (bm25 over each file's whole text, the OR of the query's words, never abstaining).
 * The temporary database is removed afterwards.
 */
export function evaluateOnKb(kbDirs: readonly string[], queries: readonly EvalQuery[], twins: Twins): KbEvalResult {
  const dir = mkdtempSync(join(tmpdir(), 'kb-eval-'));
  const services = createServices(join(dir, 'eval.sqlite'));
  try {
    const report = services.index(kbDirs);
    const ours = new Map<string, RankedAnswer>();
    const timings: number[] = [];
    for (const q of queries) {
      const started = performance.now();
      const a = services.answer(q.text, { limit: 5 });
      timings.push(performance.now() - started);
      ours.set(q.id, { answer: a.answer?.id ?? null, matches: a.matches.map((m) => m.id) });
    }
    const reference = referenceFor(services);
    const fts = new Map<string, RankedAnswer>();
    for (const q of queries) {
      const matches = reference.search(q.text, 5);
      fts.set(q.id, { answer: matches[0] ?? null, matches });
    }
    reference.close();
    timings.sort((a, b) => a - b);
    return {
      indexed: report.total,
      files: report.indexed.length + report.unchanged + report.failed.length,
      failed: report.failed,
      warnings: report.warnings,
      queries: queries.length,
      ours: scoreAnswers(queries, ours, twins),
      fts5: scoreAnswers(queries, fts, twins),
      ms: { p50: round(timings[Math.floor(timings.length / 2)] ?? 0), max: round(timings.at(-1) ?? 0) },
    };
  } finally {
    services.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
