import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type QueryKind = 'log' | 'trace' | 'fragment' | 'question' | 'paraphrase' | 'none';
export const QUERY_KINDS: QueryKind[] = ['log', 'trace', 'fragment', 'question', 'paraphrase', 'none'];

export interface LabelledQuery {
  id: string;
  kind: QueryKind;
  text: string;
  /** The article that answers it, or null when the KB does not. */
  expect: string | null;
}

/** Reads every `*.jsonl` in a folder of labelled queries; a bad line is an error naming file and line. */
export function loadLabelledQueries(dir: string): LabelledQuery[] {
  const out: LabelledQuery[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      let q: LabelledQuery;
      try {
        q = JSON.parse(line) as LabelledQuery;
      } catch {
        throw new Error(`${join(dir, file)}:${i + 1} is not valid JSON`);
      }
      if (!QUERY_KINDS.includes(q.kind) || typeof q.text !== 'string' || (q.expect !== null && typeof q.expect !== 'string')) {
        throw new Error(`${join(dir, file)}:${i + 1} needs {"id", "kind": one of ${QUERY_KINDS.join('/')}, "text", "expect"}`);
      }
      out.push(q);
    });
  }
  return out;
}
