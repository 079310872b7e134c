import { articleId, faultAt } from './generate-article.js';
import { fillVariables, gerund } from './names.js';
import { forKey, type Rng } from './prng.js';
import { noiseLine, renderErrorEvent } from './render-trace.js';
import { QUESTION_OPENERS } from './shapes.js';
import type { Fault } from './fault.js';

/** `trace`: a paste of 20-300 lines; `trace200`: exactly 200 lines (the latency target's shape). */
export const QUERY_KINDS = ['trace', 'trace200', 'fragment', 'question'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface BenchQuery {
  id: string;
  kind: QueryKind;
  /** Its place among the queries of its kind and purpose: the first N of a larger set are the set of N. */
  index: number;
  text: string;
  /** The id of the article that answers it. */
  expect: string;
}

/**
 * Queries whose right answer is known: each is made from one article's facts with other hosts,
 * ids, timestamps and thread names than the article shows, the way a user's own paste differs.
 * `purpose` separates the warm-up set from the measured one (other articles, other values).
 */
export function generateQueries(
  seed: number,
  articles: number,
  perKind: number,
  purpose: 'measure' | 'warmup' | 'alone',
  kinds: readonly QueryKind[] = QUERY_KINDS,
): BenchQuery[] {
  const out: BenchQuery[] = [];
  for (const kind of kinds) {
    for (let j = 0; j < perKind; j += 1) {
      const rng = forKey(seed, 'query', purpose, kind, j);
      const f = faultAt(seed, rng.int(0, articles - 1));
      out.push({ id: `${purpose}-${kind}-${j}`, kind, index: j, text: queryText(kind, f, rng), expect: articleId(f) });
    }
  }
  return out;
}

function queryText(kind: QueryKind, f: Fault, rng: Rng): string {
  switch (kind) {
    case 'trace':
      return pastedTrace(f, rng, rng.int(20, 300));
    case 'trace200':
      return pastedTrace(f, rng, 200);
    case 'fragment':
      return fragment(f, rng);
    case 'question':
      return question(f, rng);
  }
}

/** Log lines around the error event, the event with a long trace, exactly `lines` lines. */
function pastedTrace(f: Fault, rng: Rng, lines: number): string {
  const perFrame = f.product.stack === 'python' || f.product.stack === 'go' ? 2 : 1;
  const ownLines = (f.libFrames.length + f.ownFrames.length + f.groupFrames.length) * perFrame + 6;
  const frameworkFrames = Math.max(2, Math.round((lines * 0.7 - ownLines) / perFrame));
  const event = renderErrorEvent(f, rng, { frameworkFrames, chain: rng.chance(0.7) });
  const out: string[] = [];
  if (rng.chance(0.4)) out.push(`${rng.pick(['seeing this since', 'started', 'any idea? happens'])} ${f.trigger}, ${f.product.name} log:`);
  const before = Math.max(0, Math.min(lines - event.length - out.length, Math.round(lines * 0.15)));
  for (let i = 0; i < before; i += 1) out.push(noiseLine(f, rng));
  out.push(...event.slice(0, Math.max(1, lines - out.length)));
  while (out.length < lines) out.push(noiseLine(f, rng));
  return out.join('\n');
}

/** An error message as someone copies it: with or without the exception, or just its tail. */
function fragment(f: Fault, rng: Rng): string {
  const message = fillVariables(f.message, rng);
  const simple = f.base.exception.split('.').pop()!;
  const r = rng.next();
  if (r < 0.4) return `${simple}: ${message}`;
  if (r < 0.8) return message;
  const tail = message.slice(f.base.head.length).replace(/^[\s:\-[\]]+/, '');
  return tail.length >= 20 ? tail : message;
}

/** A question in plain words: what fails, maybe the product, the component and when. */
function question(f: Fault, rng: Rng): string {
  const reasonWords = f.reason.split(' ');
  const reason = rng.chance(0.6) ? f.reason : reasonWords.slice(0, Math.max(2, reasonWords.length - 2)).join(' ');
  const parts = [
    rng.pick(QUESTION_OPENERS),
    rng.chance(0.5) ? `${f.product.name}` : '',
    rng.chance(0.4) ? f.component.toLowerCase() : '',
    rng.pick([`${gerund(f.operation)} the ${f.object} fails`, `cannot ${f.operation} ${f.object}`, `${f.object} ${f.operation} error`]),
    rng.pick(['because', 'with', '-', 'when']),
    reason,
    rng.chance(0.5) ? f.trigger : '',
  ];
  return `${parts.filter(Boolean).join(' ')}?`;
}
