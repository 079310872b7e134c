import { mkdtempSync, rmSync } from 'node:fs';
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
