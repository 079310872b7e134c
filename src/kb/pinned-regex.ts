import { RE2JS } from 're2js';

/**
 * The pattern language of an article's `patterns:` (see src/match/pinned-patterns.ts for how
 * they count): `/regex/flags` on RE2's linear-time engine, or a plain string. Here so that the
 * reader can tell a KB author which patterns can never match, and the matcher compiles the rest.
 */

/** The longest regex source compiled: RE2's program grows with it, and so does the time per character. */
export const MAX_PATTERN_CHARS = 1000;
/** The most of a query a regex reads (the matcher's own cap, src/match/prepare-query.ts MAX_QUERY_CHARS). */
export const MAX_PATTERN_INPUT_CHARS = 64 * 1024;

const FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0 };

/** A `/regex/flags` pattern on the linear-time engine, or null when RE2 cannot run it. */
export function compilePinnedRegex(source: string, flags: string): { test(text: string): boolean } | null {
  if (source.length > MAX_PATTERN_CHARS) return null;
  let bits = 0;
  for (const f of flags) bits |= FLAGS[f] ?? 0;
  try {
    const rx = RE2JS.compile(source, bits);
    return { test: (text) => rx.test(text.length > MAX_PATTERN_INPUT_CHARS ? text.slice(0, MAX_PATTERN_INPUT_CHARS) : text) };
  } catch {
    return null;
  }
}

/** A `/regex/flags` pattern, split; null for a plain string. */
export function regexParts(pattern: string): { source: string; flags: string } | null {
  const re = /^\/(.+)\/([imsu]*)$/s.exec(pattern);
  return re ? { source: re[1]!, flags: re[2]! } : null;
}

/** Why a pinned pattern can never match (it is ignored), or null when it can. */
export function patternProblem(pattern: string): string | null {
  const re = regexParts(pattern);
  if (!re) return pattern.trim().length >= 4 ? null : `pattern "${pattern}" is shorter than 4 characters and is ignored`;
  if (re.source.length > MAX_PATTERN_CHARS) return `pattern ${pattern.slice(0, 40)}... is over ${MAX_PATTERN_CHARS} characters and is ignored`;
  return compilePinnedRegex(re.source, re.flags) ? null : `pattern ${pattern.slice(0, 80)} cannot run on the linear-time engine (no lookaround or backreferences) and is ignored`;
}
