import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readEvalQueries } from './read-queries.js';

export type QueryKind = 'log' | 'trace' | 'fragment' | 'question' | 'paraphrase' | 'none';
export const QUERY_KINDS: QueryKind[] = ['log', 'trace', 'fragment', 'question', 'paraphrase', 'none'];

export interface LabelledQuery {
  id: string;
  kind: QueryKind;
  text: string;
  /** The article that answers it, or null when the KB does not. */
  expect: string | null;
}

/**
 * Reads every `*.jsonl` in a folder of the bundled labelled queries (see readEvalQueries); a
 * bad line, or a kind the bundled set does not use, is an error naming file and line.
 */
export function loadLabelledQueries(dir: string): LabelledQuery[] {
  const out: LabelledQuery[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    readEvalQueries(join(dir, file)).forEach((q, i) => {
      if (!(QUERY_KINDS as readonly string[]).includes(q.kind)) {
        throw new Error(`${join(dir, file)}: query ${i + 1} (${q.id}) has kind "${q.kind}"; use one of ${QUERY_KINDS.join('/')}`);
      }
      out.push(q as LabelledQuery);
    });
  }
  return out;
}
