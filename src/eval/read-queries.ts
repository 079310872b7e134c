import { readFileSync } from 'node:fs';
import { type EvalQuery, type Twins, twinsOf } from './score-answers.js';

/** Reads labelled queries, one JSON object a line; a bad line is an error naming the file and line. */
export function readEvalQueries(file: string): EvalQuery[] {
  const out: EvalQuery[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let q: Partial<EvalQuery>;
      try {
        q = JSON.parse(line) as Partial<EvalQuery>;
      } catch {
        throw new Error(`${file}:${i + 1} is not JSON; expected {"id", "kind", "text", "expect"}`);
      }
      const expectOk = q.expect === null || q.expect === undefined || typeof q.expect === 'string';
      if (typeof q.text !== 'string' || !expectOk || (q.id === undefined && q.kind === undefined)) {
        throw new Error(`${file}:${i + 1} needs {"id", "kind", "text", "expect": article id or null}`);
      }
      out.push({ id: String(q.id ?? `line-${i + 1}`), kind: String(q.kind ?? 'query'), text: q.text, expect: q.expect ?? null });
    });
  return out;
}

/** Reads a twins file: a JSON array of [articleA, articleB] pairs. */
export function readTwins(file: string): Twins {
  let pairs: unknown;
  try {
    pairs = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not JSON (${(err as Error).message}); expected [["article-a", "article-b"], ...]`);
  }
  if (!Array.isArray(pairs) || !pairs.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'string'))) {
    throw new Error(`${file} must be a JSON array of [articleA, articleB] pairs`);
  }
  return twinsOf(pairs as Array<[string, string]>);
}
