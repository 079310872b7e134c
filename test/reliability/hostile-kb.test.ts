import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexReport } from '../../src/kb/index-kb.js';
import { createServices, type Services } from '../../src/services.js';
import { KB_DIR, makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

/**
 * A KB folder with every kind of bad file beside good articles: each bad one is reported by
 * path with a reason a person can act on, and everything else is indexed and answers.
 */
const GOOD = ['proxy/proxy-companion-jwt-qsh-apache-nocanon.md', 'db-jvm/dbjvm-postgres-too-many-clients.md', 'proxy/proxy-ldap-error-49-data-52e-bind-credentials.txt'];

let tmp: string;
let kb: string;
let services: Services;
let report: IndexReport;

const at = (rel: string) => join(kb, rel);
const reasonFor = (rel: string) => report.failed.find((f) => f.path === at(rel))?.reason;
const warningFor = (rel: string) => report.warnings.find((f) => f.path === at(rel))?.reason;

function bigArticle(bytes: number): string {
  let s = '---\nid: big-connection-pool-article\ntitle: Connection pool exhausted under load (a very long article)\n---\n## Summary\n\nThe zanzibarpool connection pool is exhausted.\n\n';
  for (let i = 0; s.length < bytes; i += 1) {
    s += `Paragraph ${i}: service${i % 97} waits on HikariPool-${i % 13} until java.sql.SQLTransientConnectionException is thrown.\n\n`;
    if (i % 400 === 0) s += `## Diagnosis ${i}\n\n\`\`\`\nat com.example.Pool${i}.borrow(Pool.java:1)\n\`\`\`\n\n`;
  }
  return s;
}

beforeAll(() => {
  tmp = makeTempDir('kb-hostile-kb-');
  kb = join(tmp, 'kb');
  for (const rel of GOOD) {
    mkdirSync(join(kb, rel, '..'), { recursive: true });
    copyFileSync(join(KB_DIR, rel), at(rel));
  }
  writeFileSync(at('no-sections.md'), '# Only a title\n');
  writeFileSync(at('headings-only.md'), '# A title\n\n## Summary\n\n## Cause\n\n## Solution\n');
  writeFileSync(at('big.md'), bigArticle(5 * 1024 * 1024));
  writeFileSync(at('huge.md'), `## Summary\n\n${'x '.repeat(4.5 * 1024 * 1024)}`);
  writeFileSync(at('latin1.md'), Buffer.concat([Buffer.from('## Summary\n\nCaf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from(' au lait\n')]));
  writeFileSync(at('not-yaml.md'), '---\ntitle: [unclosed\n\tkey: : value\n---\n## Summary\n\nText.\n');
  writeFileSync(at('binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01, 0x02]));
  writeFileSync(at('empty.md'), '');
  writeFileSync(at('a-first.md'), '---\nid: shared-id\ntitle: First of two\n---\n## Summary\n\nalpha text\n');
  writeFileSync(at('b-second.md'), '---\nid: shared-id\ntitle: Second of two\n---\n## Summary\n\nbeta text\n');
  symlinkSync(kb, at('proxy/loop'));
  symlinkSync(at('no-such-target.md'), at('dangling.md'));
  services = createServices(join(tmp, 'kb.sqlite'));
  report = services.index([kb]);
}, 120_000);

afterAll(() => {
  services.close();
  removeTempDir(tmp);
});

describe('indexing a KB with hostile files', () => {
  it('indexes every good article, the 5 MB one included, and the first of two files sharing an id', () => {
    expect(report.indexed.sort()).toEqual([...GOOD.map(at), at('a-first.md'), at('big.md'), at('latin1.md'), at('not-yaml.md')].sort());
    expect(report.total).toBe(GOOD.length + 4);
    expect(services.answer('JwtInvalidClaimException Expecting claim qsh to have value').answer?.id).toBe('proxy-companion-jwt-qsh-apache-nocanon');
    expect(services.answer('zanzibarpool connection pool exhausted').matches[0]?.id).toBe('big-connection-pool-article');
  });

  it('reports an article with no text under its title', () => {
    expect(reasonFor('no-sections.md')).toMatch(/no text under its title/);
    expect(reasonFor('headings-only.md')).toMatch(/no text under its title/);
  });

  it('reports a file over the size limit, saying to split it', () => {
    expect(reasonFor('huge.md')).toMatch(/larger than \d+ MB; split it/);
  });

  it('keeps invalid UTF-8 with a warning, reports binary content and an empty file', () => {
    expect(warningFor('latin1.md')).toMatch(/not valid UTF-8/);
    expect(reasonFor('binary.txt')).toMatch(/UTF-8|binary/);
    expect(reasonFor('empty.md')).toMatch(/empty/);
  });

  it('keeps an article whose front matter is not YAML, with a warning naming the line', () => {
    expect(warningFor('not-yaml.md')).toMatch(/front matter is not valid YAML.*line \d of the file.*read as key: value lines; skipped line 3/);
    expect(services.articles.getById('not-yaml')).not.toBeNull();
  });

  it('keeps an article whose front matter is not key: value pairs (TOML), with a warning', () => {
    const dir = join(tmp, 'toml-kb');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'toml.md'), '---\ntitle = "TOML is not YAML"\nid = "toml-article"\n---\n## Summary\n\nText about an error.\n');
    const other = createServices(join(tmp, 'toml.sqlite'));
    try {
      const r = other.index([dir]);
      expect(r.failed).toEqual([]);
      expect(r.warnings).toEqual([{ path: join(dir, 'toml.md'), reason: expect.stringMatching(/not valid YAML.*skipped line 2, 3/) }]);
    } finally {
      other.close();
    }
  });

  it('reports the second file of a duplicate id with both paths, and does not overwrite the first', () => {
    const reason = reasonFor('b-second.md') ?? '';
    expect(reason).toContain('shared-id');
    expect(reason).toContain(at('a-first.md'));
    expect(`${at('b-second.md')}: ${reason}`).toContain(at('b-second.md'));
    expect(services.articles.getById('shared-id')?.title).toBe('First of two');
  });

  it('reports a symbolic link loop and a dangling link, and walks each folder once', () => {
    expect(reasonFor('proxy/loop')).toMatch(/loop/);
    expect(reasonFor('dangling.md')).toMatch(/cannot read|broken link/);
    expect(new Set(report.indexed).size).toBe(report.indexed.length);
  });

  it('reports nothing else', () => {
    const expected = ['no-sections.md', 'headings-only.md', 'huge.md', 'binary.txt', 'empty.md', 'b-second.md', 'proxy/loop', 'dangling.md'];
    expect(report.failed.map((f) => f.path).sort()).toEqual(expected.map(at).sort());
    for (const f of report.failed) expect(f.reason.length).toBeGreaterThan(5);
  });

  it('never runs front matter written in JavaScript, and keeps the article with a warning', () => {
    const dir = join(tmp, 'js-kb');
    mkdirSync(dir, { recursive: true });
    const marker = '__kbFrontMatterRan';
    writeFileSync(join(dir, 'evil.md'), `---js\n{ id: 'js-front-matter', title: (globalThis.${marker} = 'ran') }\n---\n## Summary\n\nText about an error.\n`);
    const other = createServices(join(tmp, 'js.sqlite'));
    try {
      const r = other.index([dir]);
      expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
      expect(r.failed).toEqual([]);
      expect(r.warnings).toEqual([{ path: join(dir, 'evil.md'), reason: expect.stringMatching(/never run/) }]);
      expect(other.articles.getById('evil')?.title).toBe('evil');
    } finally {
      delete (globalThis as Record<string, unknown>)[marker];
      other.close();
    }
  });
});
