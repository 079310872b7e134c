import { extractSignals } from '../signals/extract-signals.js';
import type { Signal } from '../signals/signal.js';
import { analyzeWithVariable } from '../signals/terms.js';

/** The most text a single question is analyzed over; longer pastes are focused on their error lines. */
export const MAX_QUERY_CHARS = 64 * 1024;

export type InputProblem = 'empty' | 'binary';

export interface PreparedQuery {
  /** The text the matcher works on (focused when the input was long). */
  text: string;
  /** What was wrong with the input, when nothing can be matched. */
  problem: InputProblem | null;
  /** True when the input was longer than MAX_QUERY_CHARS and only its telling lines were kept. */
  focused: boolean;
  signals: Signal[];
  /** Unique analyzed terms, in order of first appearance. */
  terms: string[];
  /** The terms that only come from tokens with digits (hosts, ids, counts): see analyzeWithVariable. */
  variable: Set<string>;
  /**
   * The numbers (3 to 5 digits: statuses, ports, codes) on the lines that say what went wrong
   * (error lines, exceptions, trace lines); null when no line does (a question, a fragment),
   * where every number the text holds is part of what went wrong.
   */
  tellingNumbers: Set<string> | null;
  /**
   * Numbers that only appear inside dates and times of day (`03:12:45`, `2025-08-08`,
   * `12/Jun/2025`): when a line was logged, never what went wrong.
   */
  clockNumbers: Set<string>;
}

const TELLING = /\b(ERROR|FATAL|SEVERE|CRITICAL|WARN|Exception|Error|Caused by|Traceback|panic|failed|refused|denied|timed? ?out)\b|^\s+at |^\s*File "/;

export function prepareQuery(input: string): PreparedQuery {
  const empty = (problem: InputProblem): PreparedQuery => ({ text: '', problem, focused: false, signals: [], terms: [], variable: new Set(), tellingNumbers: null, clockNumbers: new Set() });
  if (!input || !input.trim()) return empty('empty');
  if (looksBinary(input)) return empty('binary');
  let text = input.replace(/\u0000/g, '');
  let focused = false;
  if (text.length > MAX_QUERY_CHARS) {
    text = focus(text, MAX_QUERY_CHARS);
    focused = true;
  }
  const signals = extractSignals(text);
  const analyzed = analyzeWithVariable(text, 20_000);
  const terms = [...new Set(analyzed.terms)];
  if (terms.length === 0 && signals.length === 0) return { ...empty('empty'), text };
  return { text, problem: null, focused, signals, terms, variable: analyzed.variable, tellingNumbers: tellingNumbers(text), clockNumbers: clockNumbers(text) };
}

/** A date and time of day, as logs stamp their lines: its numbers tell nothing. */
const TIMESTAMP = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?/g;

/** A date or a time of day in any of the usual spellings: ISO, syslog, Apache's, a bare time. */
const CLOCK =
  /(?<![\w.])(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[.,]\d{1,9})?)?|\d{1,2}\/[A-Za-z]{3}\/\d{4}(?::\d{2}:\d{2}:\d{2})?|\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,9})?)(?![\w])/g;

/** The numbers of the text's dates and times that it does not also hold on their own (see PreparedQuery.clockNumbers). */
function clockNumbers(text: string): Set<string> {
  const inClocks = new Set<string>();
  for (const m of text.matchAll(CLOCK)) for (const n of m[0].match(/\d+/g) ?? []) inClocks.add(n);
  if (inClocks.size === 0) return inClocks;
  for (const m of text.replace(CLOCK, ' ').matchAll(/(?<![\w.])\d+(?![\w.])/g)) inClocks.delete(m[0]);
  return inClocks;
}

/** The 3-5 digit numbers on telling lines, or null when no line tells (see PreparedQuery.tellingNumbers). */
function tellingNumbers(text: string): Set<string> | null {
  let telling = false;
  const numbers = new Set<string>();
  for (const line of text.split('\n')) {
    if (!TELLING.test(line)) continue;
    telling = true;
    for (const m of line.replace(TIMESTAMP, ' ').matchAll(/(?<![\w.])\d{3,5}(?![\w.])/g)) numbers.add(m[0]);
  }
  return telling ? numbers : null;
}

/** Keeps the lines that tell what went wrong (and the trace lines after them), up to `max` characters. */
function focus(text: string, max: number): string {
  const lines = text.split('\n');
  const keep: string[] = [];
  let size = 0;
  let after = 0;
  for (const line of lines) {
    const l = line.length > 2000 ? line.slice(0, 2000) : line;
    if (TELLING.test(l)) after = 3;
    else if (after > 0) after -= 1;
    else continue;
    if (size + l.length + 1 > max) break;
    keep.push(l);
    size += l.length + 1;
  }
  return keep.length ? keep.join('\n') : text.slice(0, max);
}

/** Control characters or replacement characters in more than 5% of a sample: not text a person pasted. */
function looksBinary(text: string): boolean {
  const sample = text.length > 8192 ? text.slice(0, 8192) : text;
  let bad = 0;
  for (let i = 0; i < sample.length; i += 1) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad += 1;
  }
  return bad / sample.length > 0.05;
}
