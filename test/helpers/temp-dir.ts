import { type Dirent, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under the system temp dir; pass it to removeTempDir when done. */
export function makeTempDir(prefix = 'kb-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The repository folders tests read from. */
export const REPO_DIR = join(import.meta.dirname, '..', '..');
export const KB_DIR = join(REPO_DIR, 'kb');
export const FIXTURES_DIR = join(REPO_DIR, 'test', 'fixtures');

/** How many articles the bundled KB holds (its .md, .txt and .html files but README.md), so a team that adds one keeps a green suite. */
export function bundledArticleCount(): number {
  return (readdirSync(KB_DIR, { recursive: true, withFileTypes: true }) as Dirent[]).filter(
    (e) => e.isFile() && /\.(md|markdown|txt|html?)$/i.test(e.name) && e.name.toLowerCase() !== 'readme.md',
  ).length;
}
