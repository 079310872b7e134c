import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePinnedRegex, MAX_PATTERN_CHARS } from '../../src/kb/pinned-regex.js';
import { compilePatterns } from '../../src/match/pinned-patterns.js';
import { callInWorker } from '../helpers/worker-call.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir.js';
import { ADVERSARIAL_PATTERNS } from './pinned-adversarial.js';

/**
 * Issue 18, item 7: `patterns: ["/(a+)+$/"]` was compiled as a JavaScript RegExp and run on whole
 * queries: 24 characters took 464 ms, doubling per character, and one 30-character mention
 * blocked the bot for 12 s. Pinned patterns run on RE2's linear-time engine now.
 *
 * The adversarial runs happen on a worker thread that the test stops if it has not finished
 * after DEADLINE_MS: a backtracking engine would take longer than the age of the universe on
 * these inputs, and would hang the test run rather than fail it. They take tens of ms here.
 */
const DEADLINE_MS = 20_000;
const ADVERSARIAL = new URL('./pinned-adversarial.ts', import.meta.url);

let tmp: string;
beforeAll(() => {
  tmp = makeTempDir('kb-pinned-');
});
afterAll(() => removeTempDir(tmp));

describe('pinned regexes run in linear time', () => {
  it(`finishes every adversarial pattern on every adversarial input (stopped after ${DEADLINE_MS / 1000} s otherwise)`, async () => {
    const run = await callInWorker<{ compiled: number; matched: number; tests: number }>(ADVERSARIAL, 'runPatterns', [], DEADLINE_MS);
    expect(run).toMatchObject({ stopped: false });
    if (!run.stopped) {
      expect(run.result.compiled).toBe(ADVERSARIAL_PATTERNS.length);
      expect(run.result.tests).toBe(ADVERSARIAL_PATTERNS.length * 5);
    }
  }, 30_000);

  it('answers a 31-character mention against a KB article that pins /(a+)+$/', async () => {
    const run = await callInWorker<{ answered: boolean }>(ADVERSARIAL, 'answerAgainstBomb', [tmp], DEADLINE_MS);
    expect(run).toEqual({ stopped: false, result: { answered: true, problem: null } });
  }, 30_000);
});

describe('pinned regexes mean what they meant', () => {
  const match = (pattern: string, text: string) => {
    const [p] = compilePatterns([{ key: 7, patterns: [pattern] }]);
    return p ? p.test(text, text.toLowerCase().replace(/\s+/g, ' ')) : null;
  };

  it('honours the i, m and s flags, and anchors', () => {
    expect(match("/Expecting claim 'qsh'/", "JwtInvalidClaimException: Expecting claim 'qsh' to have value")).toBe(true);
    expect(match("/expecting CLAIM 'qsh'/", "Expecting claim 'qsh'")).toBe(false);
    expect(match("/expecting CLAIM 'qsh'/i", "Expecting claim 'qsh'")).toBe(true);
    expect(match('/^FATAL:/', 'x\nFATAL: too many clients')).toBe(false);
    expect(match('/^FATAL:/m', 'x\nFATAL: too many clients')).toBe(true);
    expect(match('/begin.end/', 'begin\nend')).toBe(false);
    expect(match('/begin.end/s', 'begin\nend')).toBe(true);
    expect(match('/ORA-\\d{5}: TNS/', 'ORA-12514: TNS:listener')).toBe(true);
  });

  it('ignores what RE2 cannot run (lookaround, backreferences) and over-long sources, as it ignores invalid ones', () => {
    expect(match('/(?<=user )root/', 'user root')).toBeNull();
    expect(match('/(a)\\1/', 'aa')).toBeNull();
    expect(match('/([unclosed/', 'x')).toBeNull();
    expect(compilePinnedRegex('a'.repeat(MAX_PATTERN_CHARS + 1), '')).toBeNull();
    expect(compilePinnedRegex('a'.repeat(MAX_PATTERN_CHARS), '')).not.toBeNull();
  });

  it('keeps plain strings as case-insensitive substrings of the normalized text', () => {
    expect(match('Too  Many Clients', 'FATAL: sorry, too many\tclients already')).toBe(true);
    expect(match('abc', 'abc')).toBeNull();
  });
});
