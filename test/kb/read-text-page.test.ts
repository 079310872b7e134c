import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sectionText } from '../../src/kb/article.js';
import { readTextPage } from '../../src/kb/read-text-page.js';

const SEED = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'kb', 'seed-article.txt'), 'utf8');

describe('readTextPage on the seed KB page', () => {
  const article = readTextPage(SEED, 'seed-article.txt', 'seed-article');

  it('takes the first line as the title', () => {
    expect(article.title).toBe('Opening a PDF file with the Atlassian Companion app results in a "Failure during JWT authentication" error');
  });

  it('finds the sections by their bare heading words', () => {
    expect(article.sections.map((s) => s.role)).toEqual(['summary', 'diagnosis', 'cause', 'solution']);
    expect(sectionText(article, 'cause')).toMatch(/re-encoding the calls to the backend/);
  });

  it('drops the page boilerplate', () => {
    const all = article.sections.map((s) => s.text).join('\n');
    expect(all).not.toMatch(/Platform Notice|Auto-migrated image|Updated on|Still need help|Atlassian Community|Except Fisheye/);
  });

  it('restores the flattened stack trace to one frame a line', () => {
    const trace = article.snippets.find((s) => s.text.includes('JwtInvalidClaimException'));
    expect(trace?.kind).toBe('stacktrace');
    const lines = trace!.text.split('\n');
    expect(lines[0]).toMatch(/^2020-07-XX 11:XX:44,512 WARN/);
    expect(lines.some((l) => l.startsWith('com.atlassian.jwt.exception.JwtInvalidClaimException: Expecting claim'))).toBe(true);
    expect(lines.filter((l) => l.startsWith('at com.atlassian.jwt.'))).toHaveLength(6);
    expect(trace!.text).not.toMatch(/^1 2 3/);
  });

  it('restores the Apache config block at its tags and directives', () => {
    const config = article.snippets.find((s) => s.text.includes('nocanon'));
    expect(config).toMatchObject({ kind: 'config', lang: 'apache', section: 'solution' });
    expect(config!.text.split('\n')).toEqual([
      '<VirtualHost *:80>',
      '  ServerName confluence.example.com',
      '  ProxyPreserveHost On',
      '  ProxyPass / http://localhost:8090/ nocanon',
      '  ProxyPassReverse / http://localhost:8090/',
      '</VirtualHost>',
    ]);
  });

  it('keeps a one-line code excerpt as a snippet', () => {
    expect(article.snippets[0]).toMatchObject({ section: 'summary', text: 'Unexpected response status code 401 from <your_confluence_server>' });
  });

  it('reports an empty page by path', () => {
    expect(() => readTextPage('\n\n', 'kb/empty.txt', 'empty')).toThrow(/kb\/empty\.txt/);
  });
});
