import type { Article } from './article.js';
import { isSectionHeadingWord } from './article.js';
import { ArticleBuilder } from './article-builder.js';
import { ArticleReadError } from './read-error.js';
import { splitGutter, unflatten } from './unflatten.js';

/** Lines that belong to the web page around the article, not the article. */
const BOILERPLATE: RegExp[] = [
  /^Platform Notice:/i,
  /^Note that this KB was created for the (Data Center|Cloud|Server) version/i,
  /^\*?Except Fisheye and Crucible/i,
  /^\(Auto-migrated image:[^)]*\)$/i,
  /^Updated on [A-Z][a-z]+ \d{1,2}, \d{4}$/,
  /^(Was this (article|page) helpful\?|Rate this page|Related content|On this page|Cloud|Data Center)$/i,
  /^(Products|Interested in learning more\?|Ask the community|Search the community)$/i,
];
/** Lines from which on the rest is page footer. */
const FOOTER = [/^Still need help\?/i, /^The Atlassian Community is here for you/i];

/**
 * Reads a KB page copied from a web site as plain text (the seed article's shape):
 * title on the first line, sections opened by a bare heading word, code flattened
 * behind a line-number gutter, page boilerplate around it.
 */
export function readTextPage(source: string, path: string, fallbackId: string): Article {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const builder = new ArticleBuilder();
  let title: string | null = null;
  let prose: string[] = [];
  const flushProse = () => {
    if (prose.length) builder.text(prose.join('\n'));
    prose = [];
  };

  for (const raw of lines) {
    const line = raw.replace(/\(Auto-migrated image:[^)]*\)/gi, '').trimEnd();
    if (FOOTER.some((re) => re.test(line.trim()))) break;
    if (!line.trim()) {
      if (prose.length) prose.push('');
      continue;
    }
    if (BOILERPLATE.some((re) => re.test(raw.trim()))) continue;
    if (title === null) {
      title = line.trim();
      continue;
    }
    if (isSectionHeadingWord(line)) {
      flushProse();
      builder.heading(line.trim().replace(/:$/, ''), 2, 2);
      continue;
    }
    const gutter = splitGutter(line.trim());
    if (gutter) {
      flushProse();
      builder.snippet(unflatten(gutter.code, gutter.lines), null);
      continue;
    }
    prose.push(line.trim());
  }
  flushProse();
  if (!title) throw new ArticleReadError(path, 'the file is empty; a KB page starts with its title line');
  if (builder.isEmpty()) throw new ArticleReadError(path, 'no text after the title; expected sections such as Summary, Cause, Solution');
  return builder.build({ id: fallbackId, title, product: null, tags: [], url: null, patterns: [] });
}
