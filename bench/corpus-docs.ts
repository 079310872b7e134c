import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReferenceDoc } from '../src/store/reference-fts.js';

/** The generated corpus's articles for the reference index: each Markdown file, its id from the front matter. */
export function* corpusDocs(dir: string): Generator<ReferenceDoc> {
  for (const path of markdownFiles(dir)) {
    const body = readFileSync(path, 'utf8');
    yield { id: /^id:\s*(\S+)\s*$/m.exec(body)?.[1] ?? path, body };
  }
}

/** The corpus's Markdown files, one folder at a time (dot-files such as the manifest skipped). */
function* markdownFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* markdownFiles(path);
    else if (entry.name.endsWith('.md')) yield path;
  }
}
