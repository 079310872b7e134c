import { readFileSync } from 'node:fs';
import { walkKb } from '../src/kb/walk-kb.js';
import type { ReferenceDoc } from '../src/store/reference-fts.js';

/**
 * The generated corpus's articles for the reference index, in the order `kb index` walks them
 * (dot-files such as the manifest skipped): each file, its id from the front matter.
 */
export function* corpusDocs(dir: string): Generator<ReferenceDoc> {
  for (const { path } of walkKb([dir]).files) {
    const body = readFileSync(path, 'utf8');
    yield { id: /^id:\s*(\S+)\s*$/m.exec(body)?.[1] ?? path, body };
  }
}
