import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * An index run refused before it changed anything: a KB folder that is not there (a typo in
 * `--kb` or KB_DIR), or a run that would leave an index that had articles with none. The
 * message says what to do.
 */
export class IndexRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexRefusedError';
  }
}

/** Throws IndexRefusedError naming each KB folder that does not exist or is not a folder. */
export function checkKbFolders(roots: readonly string[]): void {
  const bad: string[] = [];
  for (const root of roots) {
    try {
      if (!statSync(root).isDirectory()) bad.push(`${root} is not a folder`);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      bad.push(code === 'ENOENT' || code === 'ENOTDIR' ? `${root} does not exist` : `${root} cannot be read (${code ?? 'error'})`);
    }
  }
  if (bad.length) {
    throw new IndexRefusedError(`KB folder ${bad.join('; ')}; nothing was changed. Pass the KB folder with --kb DIR (the bot: KB_DIR)`);
  }
}

/** Throws IndexRefusedError: this run would remove every one of the index's `articles`. */
export function refuseEmptying(roots: readonly string[], articles: number): never {
  throw new IndexRefusedError(
    `no article could be indexed from ${roots.map((r) => resolve(r)).join(', ')}, so this run would remove all ${articles} articles of the index; nothing was changed. ` +
      'Check the KB folder, or run `kb index --allow-empty` to empty the index on purpose',
  );
}
