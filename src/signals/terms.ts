import { STOPWORDS, stem } from './natural.js';

/**
 * The one text analyzer: the same function turns KB text into index terms and pasted text
 * into query terms, so they always meet. Lower-cases, splits identifiers (dots, underscores,
 * camelCase) while also keeping the whole identifier, drops stop words and noise numbers,
 * and stems with Porter.
 */
export function analyzeTerms(text: string, limit = 50_000): string[] {
  const out: string[] = [];
  forEachToken(withoutLineNumbers(text), (token) => {
    if (out.length >= limit) return false;
    const terms = termsOfToken(token);
    for (let k = 0; k < terms.length; k += 1) out.push(terms[k]!);
    return true;
  });
  if (out.length < limit) out.push(...addressTerms(text));
  return out;
}

/**
 * Which kind of address a text names, as a word: loopback (`127.0.0.1`, `::1`), any
 * (`0.0.0.0`, `[::]`), private (`10.x`, `192.168.x`, `172.16-31.x`). The address itself is the
 * installation's, but its kind is often the problem: a service on `::1` but not `127.0.0.1`, one
 * bound to loopback that a remote host cannot reach, two listeners on `0.0.0.0` and `[::]`.
 */
export function addressTerms(text: string): string[] {
  if (!text.includes('.') && !text.includes('::')) return [];
  const found = new Set<string>();
  for (const m of text.matchAll(ADDRESS)) {
    const a = m[0];
    found.add(
      a.startsWith('127.') ? 'ipv4loopback' : a === '0.0.0.0' ? 'ipv4any' : /^\[?::1\]?$/.test(a) ? 'ipv6loopback' : a.includes(':') ? 'ipv6any' : 'ipprivate',
    );
  }
  return [...found];
}

const ADDRESS =
  /(?<![\w.:[])(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|0\.0\.0\.0|10\.\d{1,3}\.\d{1,3}\.\d{1,3}|192\.168\.\d{1,3}\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3})(?![\w.])|(?<![\w:])(?:\[::1?\]|::1(?![\w.])|:::(?=\d))/g;

/** Line and column numbers of stack frames (`Foo.java:151`, `app.js:10:5`, `line 42`) are not evidence. */
function withoutLineNumbers(text: string): string {
  return text.replace(/(\.[A-Za-z]{1,6}):\d+(?::\d+)?/g, '$1').replace(/", line \d+/g, '"');
}

/**
 * analyzeTerms of a paste, and in the same pass its variable words: the terms that only come
 * from tokens with a digit in them (`cache-17.prod.local`, `'OD-36974'`, `281`), the parts of a
 * log line (hosts, ids, counts) that log-template miners mask. A term also seen in a token
 * without digits is not one of them.
 */
export function analyzeWithVariable(text: string, limit = 50_000): { terms: string[]; variable: Set<string> } {
  const terms: string[] = [];
  const variable = new Set<string>();
  const constant = new Set<string>();
  forEachToken(withoutLineNumbers(text), (token) => {
    if (terms.length >= limit) return false;
    const into = /\d/.test(token) ? variable : constant;
    const found = termsOfToken(token);
    for (let i = 0; i < found.length; i += 1) {
      terms.push(found[i]!);
      into.add(found[i]!);
    }
    return true;
  });
  if (terms.length < limit) terms.push(...addressTerms(text));
  for (const t of constant) variable.delete(t);
  return { terms, variable };
}

/** ASCII letters and digits: where a token starts. */
const ALNUM = new Uint8Array(128);
/** What a token goes on with: letters, digits and _ $ . ' - */
const TOKEN_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c += 1) {
  const ch = String.fromCharCode(c);
  ALNUM[c] = /[A-Za-z0-9]/.test(ch) ? 1 : 0;
  TOKEN_CHAR[c] = /[A-Za-z0-9_$.'-]/.test(ch) ? 1 : 0;
}

/**
 * Calls `visit` with each token of `text` (/[A-Za-z0-9][A-Za-z0-9_$.'-]*\/, scanned by hand: no
 * match object per token) until it returns false.
 */
function forEachToken(text: string, visit: (token: string) => boolean): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c >= 128 || !ALNUM[c]) {
      i += 1;
      continue;
    }
    const start = i;
    i += 1;
    while (i < n && (c = text.charCodeAt(i)) < 128 && TOKEN_CHAR[c]) i += 1;
    if (!visit(text.slice(start, i))) return;
  }
}

/**
 * The terms of one token, remembered: words, class names and frames repeat across articles and
 * pastes, and splitting, filtering and stemming them again was most of the cost of indexing.
 * The result depends on the token alone, so the cache cannot change what analyzeTerms returns.
 */
const tokenCache = new Map<string, readonly string[]>();
/**
 * Entries kept (then the cache starts again). A cache this size holds the words that repeat; at
 * 50,000 tokens (and 200,000 stems) the caches of the indexer's threads held about 60 MiB more at
 * the peak of a 100,000-article run (376 against 311 MiB), in the same time.
 */
const TOKEN_CACHE_MAX = 20_000;
const STEM_CACHE_MAX = 50_000;
/** Longer tokens are rarely seen twice (and would cost memory to keep). */
const CACHED_TOKEN_LENGTH = 64;
const NO_TERMS: readonly string[] = [];

function termsOfToken(token: string): readonly string[] {
  const cached = tokenCache.get(token);
  if (cached) return cached;
  const found: string[] = [];
  const raw = token.replace(/[.'_$-]+$/, '');
  if (raw.length <= 120) {
    const pieces = raw.split(/[._$'-]+/).filter(Boolean);
    if (pieces.length > 1 && /[_-]/.test(raw) && !raw.includes('.')) {
      const joined = pieces.join('').toLowerCase();
      // A compound like ERR_REQUIRE_ESM or utf8mb4-general is a term of its own as well as its parts.
      if (joined.length <= 40 && /[a-z]/.test(joined) && pieces.length <= 4) push(found, joined);
    }
    for (const piece of pieces) addWord(found, piece);
  }
  const terms = found.length ? found : NO_TERMS;
  // Ids, timestamps and hex (three digits in a row) are seldom seen twice: not worth a slot.
  if (token.length <= CACHED_TOKEN_LENGTH && !/\d{3}/.test(token)) {
    if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear();
    tokenCache.set(ownCopy(token), terms);
  }
  return terms;
}

/**
 * A copy of a string that does not keep the text it was cut from alive: V8 represents a match
 * of 13+ characters as a view into the whole input, and a cache key must not pin a 64 KB paste.
 */
function ownCopy(s: string): string {
  return s.length < 13 ? s : `${s} `.slice(0, -1);
}

function addWord(out: string[], word: string): void {
  const parts = splitCamel(word);
  if (parts.length > 1) push(out, word.toLowerCase());
  for (const p of parts) push(out, p.toLowerCase());
}

/** `JwtInvalidClaimException` → Jwt, Invalid, Claim, Exception; `HTTPServer` → HTTP, Server. */
export function splitCamel(word: string): string[] {
  if (word.length > 60 || !/[a-z][A-Z]|[A-Z][A-Z][a-z]/.test(word)) return [word];
  return word.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/).filter(Boolean);
}

const stemCache = new Map<string, string>();

function push(out: string[], word: string): void {
  if (word.length < 2 && !/^\d$/.test(word)) return;
  if (STOPWORDS.has(word)) return;
  if (/^\d+$/.test(word) && word.length > 5) return; // ids, ports, pids and times, not evidence
  if (/\d/.test(word) && word.length > 14) return; // hashes, trace ids
  if (/^[0-9a-f]{8,}$/.test(word) && /\d/.test(word)) return;
  if (/^x{3,}$/.test(word)) return; // placeholder runs in KB pages
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /\d/.test(word) ? word : stem(word);
    if (stemCache.size > STEM_CACHE_MAX) stemCache.clear();
    stemCache.set(word, s);
  }
  if (s.length >= 2 || /^\d$/.test(s)) out.push(s);
}
