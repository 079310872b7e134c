import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STOPWORDS, stem } from '../../src/signals/natural.js';
import { addressTerms, analyzeTerms, splitCamel } from '../../src/signals/terms.js';
import { KB_DIR } from '../helpers/temp-dir.js';

/**
 * The analyzer as it was before its per-token cache: the reference model the cached one must
 * match term for term, in order, for any text and any limit.
 */
function referenceTerms(text: string, limit = 50_000): string[] {
  const out: string[] = [];
  const push = (word: string) => {
    if (word.length < 2 && !/^\d$/.test(word)) return;
    if (STOPWORDS.has(word)) return;
    if (/^\d+$/.test(word) && word.length > 5) return;
    if (/\d/.test(word) && word.length > 14) return;
    if (/^[0-9a-f]{8,}$/.test(word) && /\d/.test(word)) return;
    if (/^x{3,}$/.test(word)) return;
    const s = /\d/.test(word) ? word : stem(word);
    if (s.length >= 2 || /^\d$/.test(s)) out.push(s);
  };
  const clean = text.replace(/(\.[A-Za-z]{1,6}):\d+(?::\d+)?/g, '$1').replace(/", line \d+/g, '"');
  for (const m of clean.matchAll(/[A-Za-z0-9][A-Za-z0-9_$.'-]*/g)) {
    if (out.length >= limit) break;
    const raw = m[0].replace(/[.'_$-]+$/, '');
    if (raw.length > 120) continue;
    const pieces = raw.split(/[._$'-]+/).filter(Boolean);
    if (pieces.length > 1 && /[_-]/.test(raw) && !raw.includes('.')) {
      const joined = pieces.join('').toLowerCase();
      if (joined.length <= 40 && /[a-z]/.test(joined) && pieces.length <= 4) push(joined);
    }
    for (const piece of pieces) {
      const parts = splitCamel(piece);
      if (parts.length > 1) push(piece.toLowerCase());
      for (const p of parts) push(p.toLowerCase());
    }
  }
  // The kinds of address the text names come last (tested on their own below).
  if (out.length < limit) out.push(...addressTerms(text));
  return out;
}

const kbTexts = () =>
  readdirSync(KB_DIR, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));

/** Text made of the pieces the analyzer cares about: identifiers, frames, codes, numbers, noise. */
const logLike = fc
  .array(
    fc.oneof(
      fc.constantFrom('JwtInvalidClaimException', 'com.atlassian.jwt.core.Reader', 'ERR_REQUIRE_ESM', 'utf8mb4-general', 'at', 'the', 'Foo.java:151', 'app.js:10:5', '", line 42', 'HTTPServer', 'x'.repeat(5), 'deadbeef1234', "don't", 'a$b', '4711', '1234567', 'ORA-12514', '__init__', 'v3', 'é'),
      fc.string({ unit: fc.constantFrom('a', 'B', 'c', '9', '.', '_', '-', "'", '$', ' ', '\n', ':'), maxLength: 30 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(' '));

describe('analyzeTerms', () => {
  it('gives the reference terms for every bundled article, the first time and again from its cache', () => {
    for (const text of kbTexts()) {
      const expected = referenceTerms(text);
      expect(analyzeTerms(text)).toEqual(expected);
      expect(analyzeTerms(text)).toEqual(expected);
    }
  });

  it('matches the reference model on any log-like text and limit', () => {
    fc.assert(
      fc.property(logLike, fc.integer({ min: 1, max: 60 }), (text, limit) => {
        expect(analyzeTerms(text, limit)).toEqual(referenceTerms(text, limit));
        expect(analyzeTerms(text)).toEqual(referenceTerms(text));
      }),
      { numRuns: 500 },
    );
  });

  it('returns a fresh array each time, so a caller may change it', () => {
    const first = analyzeTerms('JwtInvalidClaimException thrown');
    first.push('changed');
    expect(analyzeTerms('JwtInvalidClaimException thrown')).not.toContain('changed');
  });
});

describe('the kind of an address as a word', () => {
  it.each([
    ['connect ECONNREFUSED ::1:27017', ['ipv6loopback']],
    ['connect ECONNREFUSED 127.0.0.1:5432', ['ipv4loopback']],
    ['bind() to 0.0.0.0:80 failed', ['ipv4any']],
    ['bind() to [::]:80 failed', ['ipv6any']],
    ['tcp6  0  0 :::8080  :::*  LISTEN', ['ipv6any']],
    ['Connection refused to 10.50.1.20:6379 and 192.168.56.20:9092', ['ipprivate']],
  ])('names the kind in "%s", on both sides of the match', (text, kinds) => {
    expect(addressTerms(text)).toEqual(kinds);
    expect(analyzeTerms(text)).toEqual(expect.arrayContaining(kinds));
  });

  it('leaves versions, public addresses and other IPv6 alone', () => {
    expect(addressTerms('upgraded to 1.10.0.0, dns 8.8.8.8, link fe80::1, a::1b')).toEqual([]);
  });
});
