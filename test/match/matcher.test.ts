import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/reply/answer.js';
import { createServices, type Services } from '../../src/services.js';
import { FIXTURES_DIR, KB_DIR, makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

const QSH = 'proxy-companion-jwt-qsh-apache-nocanon';
const EXPIRED = 'proxy-companion-jwt-expired-node-clock-skew';

/** The seed page's Diagnosis excerpt as a user pastes it: one flattened log line, gutter numbers dropped. */
const SEED_LOG = readFileSync(join(FIXTURES_DIR, 'kb', 'seed-article.txt'), 'utf8')
  .split('\n')
  .find((line) => line.includes('JwtInvalidClaimException'))!
  .replace(/^1(?: \d+)* /, '');

let tmp: string;
let services: Services;

beforeAll(() => {
  tmp = makeTempDir('kb-matcher-');
  services = createServices(join(tmp, 'kb.sqlite'));
  const report = services.index([KB_DIR]);
  expect(report.failed).toEqual([]);
});

afterAll(() => {
  services.close();
  removeTempDir(tmp);
});

const ask = (text: string): Answer => services.answer(text);

describe('matching errors to the bundled KB', () => {
  it('answers the seed log line with the nocanon article and its Apache fix', () => {
    expect(SEED_LOG).toMatch(/^2020-07-XX 11:XX:44,512 WARN .*JwtInvalidClaimException/);
    const { answer } = ask(SEED_LOG);
    expect(answer?.id).toBe(QSH);
    expect(answer?.snippets.find((s) => s.section === 'solution')?.text).toMatch(/ProxyPass\s+\/\s+\S+\s+nocanon/);
    expect(answer?.source).toBe('proxy/proxy-companion-jwt-qsh-apache-nocanon.md');
  });

  it('answers the confusable sibling, a JwtExpiredException trace, with the clock skew article', () => {
    const result = ask(`2025-03-05 10:03:17,442 WARN [http-nio-8090-exec-7] [jwt.internal.sal.DefaultAuthenticationResultHandler] createAndSendFailure Failure during JWT authentication
com.atlassian.jwt.exception.JwtExpiredException: Expired at Wed Mar 05 10:01:55 UTC 2025 and time is now Wed Mar 05 10:03:17 UTC 2025 (30 seconds leeway is allowed)
	at com.atlassian.jwt.core.reader.NimbusJwtReader.read(NimbusJwtReader.java:120)
	at com.atlassian.jwt.core.reader.NimbusJwtReader.readAndVerify(NimbusJwtReader.java:57)`);
    expect(result.answer?.id).toBe(EXPIRED);
    expect(result.matches[0]?.id).toBe(EXPIRED);
    expect(result.matches.find((m) => m.id === QSH)?.confidence ?? 0).toBeLessThan(result.answer!.confidence);
  });

  it('finds the article from a misspelled class name fragment', () => {
    expect(ask('JwtInvalidClaimExeption').answer?.id).toBe(QSH);
    expect(ask('getting JwtInvalidClaimExeption for qsh').answer?.id).toBe(QSH);
  });

  it('ranks matches by score, with confidences in [0, 1], the answer first', () => {
    const result = ask(SEED_LOG);
    expect(result.matches.length).toBeGreaterThan(1);
    const scores = result.matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const m of result.matches) {
      expect(m.confidence).toBeGreaterThanOrEqual(0);
      expect(m.confidence).toBeLessThanOrEqual(1);
    }
    expect(result.matches[0]).toMatchObject({ id: result.answer?.id, confidence: result.answer?.confidence });
  });

  it('honours the limit on the number of matches', () => {
    expect(services.answer(SEED_LOG, { limit: 2 }).matches).toHaveLength(2);
  });
});

describe('matching any input without throwing', () => {
  it.each([
    '"',
    '"unterminated quote JwtInvalidClaimException',
    '*',
    'jwt*',
    'NEAR(',
    'NEAR(JwtInvalidClaimException qsh, 2)',
    '-',
    '-nocanon',
    ':',
    'title:jwt',
    'AND OR NOT',
    'qsh AND',
    '^',
    '^qsh',
    '(((qsh',
    'qsh)))',
    '{col1 col2}: x',
  ])('matches %j without an FTS5 syntax error', (text) => {
    expect(() => ask(text)).not.toThrow();
  });

  it('reads FTS5 operators in a paste as plain words', () => {
    expect(ask('NEAR(JwtInvalidClaimException qsh, 2)').answer?.id).toBe(QSH);
  });

  it.each(['', '   ', '\n\t \r\n'])('reports %j as empty', (text) => {
    expect(ask(text)).toMatchObject({ answer: null, matches: [], problem: 'empty' });
  });

  it('reports random bytes as binary', () => {
    const junk = randomBytes(4096).toString('latin1');
    expect(ask(junk)).toMatchObject({ answer: null, matches: [], problem: 'binary' });
  });

  it('focuses a 1 MB paste on its error lines and still answers', () => {
    const filler = '2025-03-05 10:00:00,000 INFO [main] [c.a.c.Startup] all systems nominal, nothing to see here\n';
    const huge = `${filler.repeat(6000)}${SEED_LOG}\n${filler.repeat(6000)}`.slice(0, 1024 * 1024);
    expect(huge.length).toBe(1024 * 1024);
    const result = ask(huge);
    expect(result.focused).toBe(true);
    expect(result.problem).toBeNull();
    expect(result.answer?.id).toBe(QSH);
  });
});

describe('abstaining', () => {
  it.each(['anyone up for lunch?', 'thanks, that fixed it :)', 'good morning everyone!', 'happy friday all'])(
    'does not answer off-topic chat: %j',
    (text) => {
      expect(ask(text).answer).toBeNull();
    },
  );
});
