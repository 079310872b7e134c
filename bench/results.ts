import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { QueryKind } from './corpus/generate-queries.js';
import type { Machine } from './machine.js';
import type { KindResult } from './measure-queries.js';
import type { RestMemory } from './measure-rest.js';

export interface SizeResult {
  articles: number;
  measuredAt: string;
  command: string;
  machine: Machine;
  runs: { cold: number; incremental: number; queries: number; queriesPerKind: number };
  indexing: {
    /** Medians over the runs. */
    coldMs: number;
    coldArticlesPerSec: number;
    coldPeakRssMiB: number;
    incrementalMs: number;
    incrementalChanged: number;
    incrementalPeakRssMiB: number;
    /** Every run, for spotting noise. */
    coldMsRuns: number[];
    incrementalMsRuns: number[];
    /** CPU time of the cold runs: less sensitive than wall time to other work on the machine. */
    coldCpuMsRuns: number[];
  };
  databaseMiB: number;
  reference: { buildMs: number; databaseMiB: number };
  botAtRest: RestMemory;
  queries: Record<QueryKind, KindResult>;
}

export interface Results {
  note: string;
  seed: number;
  sizes: Record<string, SizeResult>;
}

/**
 * Merges this run's sizes into the results file: a size measured now replaces the old figure,
 * the others are kept with their own date and machine (so `--full` figures survive a quick run).
 */
export function mergeResults(file: string, seed: number, measured: readonly SizeResult[]): Results {
  let results: Results = { note: 'written by `npm run bench`; figures per KB size, newest run per size', seed, sizes: {} };
  if (existsSync(file)) {
    const old = JSON.parse(readFileSync(file, 'utf8')) as Results;
    if (old.seed === seed) results = { ...old, sizes: { ...old.sizes } };
  }
  for (const r of measured) results.sizes[String(r.articles)] = r;
  results.sizes = Object.fromEntries(Object.entries(results.sizes).sort(([a], [b]) => Number(a) - Number(b)));
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}
