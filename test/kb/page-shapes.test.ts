import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readArticle } from '../../src/kb/read-article.js';

/**
 * KB pages as web sites render them, generated: made-up menu words, breadcrumbs, cookie banners
 * and dates before the title, vendor section words or none, flattened code, and a footer after
 * the body. Whatever the shape, the article is read with its title and body, without the chrome.
 */
const word = fc.constantFrom('portal', 'support', 'cloud', 'account', 'menu', 'home', 'docs', 'status', 'billing', 'partners', 'login', 'blog', 'careers', 'search', 'learn', 'community', 'pricing');
const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
const navLine = fc.array(word, { minLength: 1, maxLength: 2 }).map((ws) => ws.map(cap).join(' '));
const crumb = fc
  .tuple(fc.array(word, { minLength: 2, maxLength: 4 }), fc.constantFrom(' / ', ' > ', ' › ', ' » ', ' | '))
  .map(([ws, sep]) => ws.map(cap).join(sep));
const menuBar = fc.array(word, { minLength: 3, maxLength: 7 }).map((ws) => ws.map(cap).join('   '));
const categories = fc.array(word, { minLength: 2, maxLength: 4 }).map((ws) => ws.map(cap).join(' · '));
const banner = fc
  .array(fc.array(word, { minLength: 4, maxLength: 9 }).map((ws) => `${cap(ws.join(' '))}.`), { minLength: 2, maxLength: 3 })
  .map((ss) => ss.join(' '));
const date = fc.constantFrom('January 27, 2025', '2024-11-03', '3 Mar 2026', 'Feb 6, 2026 at 10:40 AM');
const meta = fc.tuple(fc.constantFrom('Last updated on', 'Updated', 'Published', 'Solution Verified - Updated', 'Modified'), date).map(([w, d]) => `${w} ${d}`);
const chrome = fc.array(fc.oneof(navLine, crumb, banner, meta, menuBar, categories), { maxLength: 6 });

const errorText = fc.constantFrom(
  'connect() to 127.0.0.1:8080 failed (13: Permission denied)',
  'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available',
  'ERROR 1045 (28000): Access denied for user',
  'x509: certificate signed by unknown authority',
);
const subject = fc.constantFrom('Service fails to start with', 'Requests are rejected with', 'Nightly backup job stops with', 'Agents cannot connect:');
const title = fc.tuple(subject, errorText).map(([s, e]) => `${s} "${e}"`);
const headingWords = fc.constantFrom<string[]>(
  ['Summary', 'Cause', 'Solution'],
  ['Problem', 'Root Cause', 'Resolution'],
  ['Symptoms', 'Environment', 'Diagnosis', 'Cause', 'Workaround'],
  ['Issue', 'Diagnostic Steps', 'Root cause', 'Fix'],
  ['Applies to', 'Symptoms', 'Resolution steps'],
  [],
);
const paragraph = fc
  .array(fc.constantFrom('the', 'pool', 'proxy', 'restarts', 'node', 'waits', 'config', 'limit', 'raised', 'after', 'upgrade', 'disk', 'quota', 'value'), { minLength: 6, maxLength: 14 })
  .map((ws) => `${cap(ws.join(' '))} zq${ws.length}x.`);
const footer = fc.constantFrom<string[]>(
  ['Related articles', 'Another product refuses logins after an upgrade', 'Disk quota exceeded on shared volumes'],
  ['Was this article helpful?', 'Yes', 'No'],
  ['Still need help?', 'The Example Community is here for you.', 'Ask the community'],
  ['© 2026 Example Corp. All rights reserved.'],
  [],
);

const page: fc.Arbitrary<Page> = fc.record({ chrome, title, meta: fc.option(meta, { nil: undefined }), headings: headingWords, paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 5 }), footer });

interface Page {
  chrome: string[];
  title: string;
  meta: string | undefined;
  headings: string[];
  paragraphs: string[];
  footer: string[];
}

function render(p: Page): string {
  const lines = [...p.chrome, p.title];
  if (p.meta) lines.push(p.meta);
  lines.push('');
  const body = p.headings.length ? p.headings : [null];
  p.paragraphs.forEach((text, i) => {
    const heading = body[i % body.length];
    if (heading && i < body.length) lines.push(heading);
    lines.push(text);
    if (i === 0) lines.push(`1 2 ${p.title.replace(/^[^"]*"|"$/g, '')} at com.example.Pool.borrow(Pool.java:42)`);
  });
  lines.push('', ...p.footer);
  return lines.join('\n');
}

describe('reading generated KB page shapes', () => {
  it('finds the title and every paragraph, and leaves out the chrome around them', () => {
    fc.assert(
      fc.property(page, (p) => {
        const article = readArticle(Buffer.from(render(p)), '/kb/some-page.txt');
        expect(article.title).toBe(p.title);
        const text = article.sections.map((s) => `${s.heading}\n${s.text}`).join('\n');
        for (const para of p.paragraphs) expect(text).toContain(para);
        const lines = text.split('\n');
        for (const line of [...p.chrome, ...(p.meta ? [p.meta] : []), ...p.footer]) expect(lines).not.toContain(line);
        expect(article.snippets.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a page the same with its chrome or without it', () => {
    fc.assert(
      fc.property(page, (p) => {
        const bare = readArticle(Buffer.from(render({ ...p, chrome: [], meta: undefined, footer: [] })), '/kb/some-page.txt');
        const dressed = readArticle(Buffer.from(render(p)), '/kb/some-page.txt');
        expect(dressed.sections).toEqual(bare.sections);
      }),
      { numRuns: 200 },
    );
  });

  it('uses the file name to pick the title among headline-like lines', () => {
    const text = 'Cloud outage postmortem index for all regions and teams\nDatabase pool exhausted after failover to the replica\n\nCause\nThe replica has fewer connections.\n';
    expect(readArticle(Buffer.from(text), '/kb/db-pool-exhausted-failover.txt').title).toBe('Database pool exhausted after failover to the replica');
  });
});
