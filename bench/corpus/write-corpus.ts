import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateArticle } from './generate-article.js';

/** Bump when the generator's output changes, so cached corpora are written again. */
export const GENERATOR_VERSION = 3;

interface Manifest {
  version: number;
  seed: number;
  articles: number;
}

/** Where the corpus of this size and seed lives (under the git-ignored bench/out/). */
export function corpusDir(outDir: string, seed: number, articles: number): string {
  return join(outDir, `corpus-s${seed}-n${articles}`);
}

/**
 * Writes the corpus as Markdown files, one article at a time (no whole-corpus array), unless
 * the folder already holds this exact corpus. The manifest is written last, so an interrupted
 * run is written again. It is a dot-file: the KB walker skips it.
 */
export function ensureCorpus(dir: string, seed: number, articles: number, onProgress?: (done: number) => void): { written: boolean; ms: number } {
  const manifestFile = join(dir, '.manifest.json');
  if (existsSync(manifestFile)) {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    if (m.version === GENERATOR_VERSION && m.seed === seed && m.articles === articles) return { written: false, ms: 0 };
  }
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  const made = new Set<string>();
  for (let i = 0; i < articles; i += 1) {
    writeArticle(dir, seed, i, 0, made);
    if (onProgress && i % 5000 === 4999) onProgress(i + 1);
  }
  writeFileSync(manifestFile, JSON.stringify({ version: GENERATOR_VERSION, seed, articles } satisfies Manifest));
  return { written: true, ms: performance.now() - started };
}

/** Which articles a re-index run edits: `share` of them, spread over the corpus, different per revision. */
export function changedIndexes(articles: number, share: number, revision: number): number[] {
  const count = Math.max(1, Math.round(articles * share));
  const step = articles / count;
  const offset = (revision * 37) % Math.max(1, Math.floor(step));
  return Array.from({ length: count }, (_, k) => Math.min(articles - 1, Math.floor(k * step) + offset));
}

/** Rewrites these articles at `revision` (0 puts the original text back). */
export function rewriteArticles(dir: string, seed: number, indexes: readonly number[], revision: number): void {
  const made = new Set<string>();
  for (const i of indexes) writeArticle(dir, seed, i, revision, made);
}

function writeArticle(dir: string, seed: number, index: number, revision: number, made: Set<string>): void {
  const a = generateArticle(seed, index, revision);
  const path = join(dir, a.source);
  const folder = dirname(path);
  if (!made.has(folder)) {
    mkdirSync(folder, { recursive: true });
    made.add(folder);
  }
  writeFileSync(path, a.markdown);
}
