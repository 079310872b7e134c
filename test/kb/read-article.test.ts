import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArticle } from '../../src/kb/read-article.js';
import { ArticleReadError } from '../../src/kb/read-error.js';
import { FIXTURES_DIR } from '../helpers/temp-dir.js';

/** The ArticleReadError readArticle throws for these bytes (fails the test when it throws nothing else). */
function readError(bytes: Uint8Array, path: string): ArticleReadError {
  try {
    readArticle(bytes, path);
  } catch (err) {
    if (err instanceof ArticleReadError) return err;
    throw err;
  }
  throw new Error(`readArticle accepted ${path}`);
}

const MD = '---\ntitle: Docker socket permission denied\n---\n## Cause\n\nThe user is not in the docker group.\n';

describe('readArticle', () => {
  it('picks the reader by file extension, case-insensitively', () => {
    expect(readArticle(Buffer.from(MD), '/kb/docker-socket.MD').title).toBe('Docker socket permission denied');
    const seed = readArticle(readFileSync(join(FIXTURES_DIR, 'kb', 'seed-article.txt')), '/kb/seed-article.txt');
    expect(seed).toMatchObject({ id: 'seed-article', title: expect.stringMatching(/^Opening a PDF file with the Atlassian Companion app/) });
    const html = readArticle(Buffer.from('<h1>Pod stuck in Pending</h1><h2>Cause</h2><p>Insufficient cpu.</p>'), '/kb/k8s/pending.htm');
    expect(html).toMatchObject({ id: 'pending', title: 'Pod stuck in Pending' });
  });

  it('strips a UTF-8 byte order mark before reading the front matter', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MD)]);
    expect(readArticle(bytes, '/kb/bom.md').title).toBe('Docker socket permission denied');
  });

  it('keeps an article with bytes that are not valid UTF-8, with a warning', () => {
    // "Résumé" saved as Latin-1: 0xE9 alone is not UTF-8.
    const latin1 = Buffer.from('## Summary\n\nR\u00e9sum\u00e9 of the problem\n', 'latin1');
    const article = readArticle(latin1, '/kb/legacy/latin1.md');
    expect(article.sections[0]?.text).toBe('R\u00e9sum\u00e9 of the problem');
    expect(article.warnings).toEqual([expect.stringMatching(/not valid UTF-8 \(2 stray bytes, read as Windows-1252/)]);
  });

  it.each([
    ['little-endian', 'utf16le', [0xff, 0xfe]],
    ['big-endian', 'utf16be', [0xfe, 0xff]],
  ])('reads UTF-16 %s text by its byte order mark (a Windows "Unicode" save)', (_name, encoding, bom) => {
    const text = 'Pod stuck in Pending\n\nCause\nInsufficient cpu on every node.\n';
    const body = encoding === 'utf16le' ? Buffer.from(text, 'utf16le') : Buffer.from(text, 'utf16le').swap16();
    const article = readArticle(Buffer.concat([Buffer.from(bom), body]), '/kb/notepad.txt');
    expect(article).toMatchObject({ title: 'Pod stuck in Pending', sections: [{ role: 'cause', text: 'Insufficient cpu on every node.' }] });
    expect(article.warnings).toBeUndefined();
  });

  it('rejects NUL bytes as binary content, naming the path', () => {
    const bytes = Buffer.from('## Summary\n\nlooks like text\u0000\u0000\u0000 but is not\n');
    const err = readError(bytes, '/kb/blob.md');
    expect(err.path).toBe('/kb/blob.md');
    expect(err.reason).toMatch(/binary|NUL/);
  });

  it.each([
    ['an empty file', ''],
    ['a file of blank lines', '\n \n\t\n'],
    ['a file with only a byte order mark', '\ufeff'],
  ])('rejects %s, naming the path', (_name, text) => {
    const err = readError(Buffer.from(text), '/kb/empty.md');
    expect(err.path).toBe('/kb/empty.md');
    expect(err.reason).toMatch(/empty/);
  });

  it.each(['/kb/runbook.pdf', '/kb/notes.rst', '/kb/Makefile'])('rejects the unsupported file %s, naming the path and the types it reads', (path) => {
    const err = readError(Buffer.from('Some text\n\nSummary\n\nmore text\n'), path);
    expect(err.path).toBe(path);
    expect(err.message.startsWith(`${path}: `)).toBe(true);
    expect(err.reason).toMatch(/\.md.*\.txt.*\.html/);
  });

  it('rejects a front matter id that is not a plain identifier', () => {
    const err = readError(Buffer.from('---\nid: "two words"\n---\n## Summary\n\nx\n'), '/kb/odd-id.md');
    expect(err.path).toBe('/kb/odd-id.md');
    expect(err.reason).toMatch(/two words/);
  });
});
