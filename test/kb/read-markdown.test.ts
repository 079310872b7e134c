import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sectionText } from '../../src/kb/article.js';
import { readArticle } from '../../src/kb/read-article.js';
import { ArticleReadError } from '../../src/kb/read-error.js';
import { readMarkdown } from '../../src/kb/read-markdown.js';
import { FIXTURES_DIR } from '../helpers/temp-dir.js';

const PATH = join(FIXTURES_DIR, 'kb', 'markdown-article.md');
const SOURCE = readFileSync(PATH, 'utf8');

describe('readMarkdown on a full article', () => {
  const article = readMarkdown(SOURCE, PATH, 'markdown-article');

  it('takes id, title, product, tags, url and patterns from the front matter', () => {
    expect(article).toMatchObject({
      id: 'jira-reindex-lock-nfs-local-home',
      title: 'Jira re-index fails with "LockObtainFailedException" when the local home is on NFS',
      product: 'Jira',
      tags: ['jira', 'lucene', 'index', 'nfs'],
      url: 'https://kb.example.com/jira/reindex-lock-nfs',
      patterns: ['Lock obtain timed out: NativeFSLock', '/LockObtainFailedException.*write\\.lock/i'],
    });
  });

  it('prefers the front matter title and does not keep the # h1 as a section', () => {
    expect(article.sections.map((s) => s.heading)).not.toContain('Jira re-index lock on NFS');
  });

  it('gives each ## section its role by heading', () => {
    expect(article.sections.map((s) => [s.heading, s.role])).toEqual([
      ['Symptoms', 'summary'],
      ['Environment', 'environment'],
      ['Diagnosis', 'diagnosis'],
      ['Cause', 'cause'],
      ['Resolution', 'solution'],
      ['Option 1: move the index only', 'solution'],
      ['Option 2: point jira.home at local storage', 'solution'],
      ['Workaround', 'solution'],
      ['Related articles', 'other'],
    ]);
  });

  it('lets a sub-heading without a role of its own inherit its parent section', () => {
    expect(sectionText(article, 'solution')).toMatch(/rsync -a/);
    expect(sectionText(article, 'other')).not.toMatch(/rsync|jira\.home=/);
  });

  it('turns fenced code into snippets with language, kind and section', () => {
    expect(article.snippets.map((s) => ({ kind: s.kind, lang: s.lang, section: s.section }))).toEqual([
      { kind: 'log', lang: 'log', section: 'summary' },
      { kind: 'stacktrace', lang: 'java', section: 'diagnosis' },
      { kind: 'command', lang: 'bash', section: 'solution' },
      { kind: 'config', lang: 'properties', section: 'solution' },
      { kind: 'config', lang: 'xml', section: 'solution' },
    ]);
  });

  it('keeps the snippet text verbatim, without the fence', () => {
    const trace = article.snippets.find((s) => s.kind === 'stacktrace');
    expect(trace?.text.split('\n')[0]).toBe(
      'org.apache.lucene.store.LockObtainFailedException: Lock obtain timed out: NativeFSLock@/var/atlassian/jira/caches/indexesV1/issues/write.lock',
    );
    expect(trace?.text).not.toMatch(/```/);
  });

  it('guesses the language of an untagged fence from its shape', () => {
    const context = article.snippets.find((s) => s.text.startsWith('<Context'));
    expect(context).toMatchObject({ lang: 'xml', kind: 'config', section: 'solution' });
  });

  it('keeps each snippet in its section text as a fenced block', () => {
    expect(sectionText(article, 'diagnosis')).toMatch(/^Look for the Lucene exception[\s\S]*\n```java\norg\.apache\.lucene/);
  });
});

describe('readMarkdown without front matter', () => {
  const source = '# Confluence will not start: Synchrony port 8091 in use\n\n## Problem\n\nStartup stops.\n\n## Fix\n\nFree the port.\n';

  it('takes the title from the # h1', () => {
    expect(readMarkdown(source, 'kb/synchrony.md', 'synchrony').title).toBe('Confluence will not start: Synchrony port 8091 in use');
  });

  it('uses the file name as id, through readArticle', () => {
    const article = readArticle(Buffer.from(source), '/srv/kb/atlassian/confluence-synchrony-port.md');
    expect(article.id).toBe('confluence-synchrony-port');
    expect(article.sections.map((s) => s.role)).toEqual(['summary', 'solution']);
  });

  it('falls back to the id as title when there is neither front matter title nor h1', () => {
    expect(readMarkdown('## Cause\n\nA stale lock file.\n', 'kb/stale-lock.md', 'stale-lock').title).toBe('stale-lock');
  });

  it('accepts comma-separated tags', () => {
    const article = readMarkdown('---\ntags: jira, lucene ,  nfs\n---\n## Summary\n\nx\n', 'kb/a.md', 'a');
    expect(article.tags).toEqual(['jira', 'lucene', 'nfs']);
  });

  it('reads the role of a heading written with emphasis (`## **Resolution**`)', () => {
    const article = readMarkdown('# T\n\n## **Resolution**\n\nRestart the node.\n', 'kb/t.md', 't');
    expect(article.sections[0]?.role).toBe('solution');
    expect(sectionText(article, 'solution')).toBe('Restart the node.');
  });
});

describe('readMarkdown on broken input', () => {
  it('reads front matter that is not valid YAML as key: value lines, with a warning naming the line', () => {
    const source = '---\ntitle: Docker pull: x509: certificate signed by unknown authority\ntags: [docker, tls\nproduct: Docker\n---\n## Summary\n\nx\n';
    const article = readMarkdown(source, 'kb/proxy/broken.md', 'broken');
    expect(article).toMatchObject({ title: 'Docker pull: x509: certificate signed by unknown authority', tags: ['docker', 'tls'], product: 'Docker' });
    expect(article.warnings).toEqual([expect.stringMatching(/^front matter is not valid YAML \(.*line 2 of the file\); read as key: value lines$/)]);
  });

  it('reads bounded front matter: an alias bomb is refused as YAML, and nothing it would expand is kept', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i += 1) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const source = `---\n${levels.join('\n')}\ntags: *i\ntitle: Bomb\n---\n## Summary\n\nx\n`;
    const article = readMarkdown(source, 'kb/bomb.md', 'bomb');
    expect(article.title).toBe('Bomb');
    expect(JSON.stringify(article).length).toBeLessThan(2000);
    expect(article.warnings?.[0]).toMatch(/alias/i);
  });

  it('reads a bold pseudo-heading (`**Root cause:**`) as a section', () => {
    const article = readMarkdown('# T\n\n**Root cause:** the pool is too small.\n\n**Fix**\n\nRaise maximumPoolSize.\n', 'kb/t.md', 't');
    expect(article.sections.map((s) => [s.role, s.text])).toEqual([
      ['cause', 'the pool is too small.'],
      ['solution', 'Raise maximumPoolSize.'],
    ]);
  });

  it('takes a first line of its own as the title when there is neither front matter title nor # heading', () => {
    expect(readMarkdown('Pods stuck in Pending\n\n## Cause\n\nNo node has room.\n', 'kb/p.md', 'p').title).toBe('Pods stuck in Pending');
  });

  it('rejects an article with front matter but no text', () => {
    expect(() => readMarkdown('---\ntitle: Only a title\n---\n', 'kb/empty.md', 'empty')).toThrow(ArticleReadError);
  });
});

describe('readMarkdown on pinned patterns that can never match', () => {
  it('keeps the article and warns of each such pattern', () => {
    const source = '---\ntitle: T\npatterns:\n  - "/foo(?=bar)/"\n  - "ab"\n  - "/JwtInvalidClaimException/"\n---\n## Summary\n\nx\n';
    const article = readMarkdown(source, 'kb/t.md', 't');
    expect(article.patterns).toHaveLength(3);
    expect(article.warnings).toEqual([expect.stringMatching(/foo\(\?=bar\).*cannot run on the linear-time engine/), expect.stringMatching(/"ab" is shorter than 4 characters/)]);
  });
});
