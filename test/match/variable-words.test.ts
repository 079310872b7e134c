import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatcher, type Matcher } from '../../src/match/matcher.js';
import { createServices, type Services } from '../../src/services.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

/**
 * Words that a paste only has inside host names and ids (`cache-17.prod.local`) are the
 * installation's, not the problem's: an article that merely shares them must not gain from them
 * as it would from the same words written out.
 */
let tmp: string;
let services: Services;
let matcher: Matcher;

beforeAll(() => {
  tmp = makeTempDir('kb-variable-');
  const kb = join(tmp, 'kb');
  mkdirSync(kb);
  writeFileSync(
    join(kb, 'profiles.md'),
    '---\nid: prod-local-profiles\ntitle: Prod and local profiles mix up settings\n---\n## Summary\n\nThe prod profile and the local profile share one settings file, so local settings leak into prod.\n\n## Solution\n\nKeep prod and local settings in separate files.\n',
  );
  writeFileSync(
    join(kb, 'redis.md'),
    '---\nid: redis-etimedout\ntitle: \'Redis cache fails with "Error: connect ETIMEDOUT"\'\n---\n## Summary\n\nThe application logs `Error: connect ETIMEDOUT` when the Redis cache cannot be reached within the connect timeout.\n\n## Solution\n\nOpen the Redis port in the firewall between the application and the cache.\n',
  );
  services = createServices(join(tmp, 'kb.sqlite'));
  expect(services.index([kb]).failed).toEqual([]);
  matcher = createMatcher(services.db);
});

afterAll(() => {
  services.close();
  removeTempDir(tmp);
});

const termsFeatureOf = (text: string, id: string) => matcher.match(text).matches.find((m) => m.id === id)?.features.terms ?? 0;

describe('words of host names and ids', () => {
  it('count for little: an article sharing only them gains less than from the same words written out', () => {
    const inHost = termsFeatureOf('Error: connect ETIMEDOUT cache-17.prod.local:6379', 'prod-local-profiles');
    const written = termsFeatureOf('Error: connect ETIMEDOUT cache prod local 6379', 'prod-local-profiles');
    expect(written).toBeGreaterThan(0);
    expect(inHost).toBeLessThan(written / 2);
  });

  it('leave the article about the error first', () => {
    expect(matcher.match('Error: connect ETIMEDOUT cache-17.prod.local:6379').matches[0]?.id).toBe('redis-etimedout');
  });
});
