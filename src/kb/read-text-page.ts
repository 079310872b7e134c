import type { Article } from './article.js';
import { isSectionHeadingWord } from './article.js';
import { ArticleBuilder } from './article-builder.js';
import { fileNameWords, isBreadcrumb, isFooterStart, isMenuBar, isMetadataLine, titleScore } from './page-chrome.js';
import { ArticleReadError } from './read-error.js';
import { splitGutter, unflatten } from './unflatten.js';

/** Lines of the Atlassian KB site around its articles (the seed article's shape). */
const BOILERPLATE: RegExp[] = [
  /^Platform Notice:/i,
  /^Note that this KB was created for the (Data Center|Cloud|Server) version/i,
  /^\*?Except Fisheye and Crucible/i,
  /^\(Auto-migrated image:[^)]*\)$/i,
  /^(On this page|Cloud|Data Center)$/i,
  /^(Products|Interested in learning more\?|Ask the community|Search the community|The Atlassian Community is here for you\.?)$/i,
];
/** How far into a page without section headings its title is looked for. */
const TITLE_WINDOW = 15;

/**
 * Reads a KB page copied from a web site as plain text (the seed article's shape): the title
 * line, sections opened by a bare heading line, code flattened behind a line-number gutter, and
 * whatever the site put around it (menus, breadcrumbs, cookie banners, dates before the title;
 * ratings and related articles after the body), which is left out. A page without any section
 * heading is read as one summary.
 */
export function readTextPage(source: string, path: string, fallbackId: string): Article {
  const lines = source
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((raw) => raw.replace(/\(Auto-migrated image:[^)]*\)/gi, '').trimEnd());
  const titleAt = findTitle(lines, fallbackId);
  if (titleAt < 0) throw new ArticleReadError(path, 'the file is empty; a KB page starts with its title line');
  const builder = new ArticleBuilder();
  let prose: string[] = [];
  const flushProse = () => {
    if (prose.length) builder.text(prose.join('\n'));
    prose = [];
  };
  // Between the title and the first text: metadata lines ("Last updated ...") and chrome are skipped.
  let preamble = true;
  for (const line of lines.slice(titleAt + 1)) {
    const t = line.trim();
    if (!t) {
      if (prose.length) prose.push('');
      continue;
    }
    if (isFooterStart(t)) {
      if (preamble) continue;
      break;
    }
    if (BOILERPLATE.some((re) => re.test(t))) continue;
    if ((preamble && (isMetadataLine(t) || isBreadcrumb(t) || isMenuBar(t))) || isChangeNote(t)) continue;
    if (isSectionHeadingWord(line)) {
      flushProse();
      builder.heading(t.replace(/:$/, ''), 2, 2);
      continue;
    }
    preamble = false;
    const gutter = splitGutter(t);
    if (gutter) {
      flushProse();
      builder.snippet(unflatten(gutter.code, gutter.lines), null);
      continue;
    }
    prose.push(t);
  }
  flushProse();
  if (builder.isEmpty()) throw new ArticleReadError(path, 'no text after the title; a KB page needs some text under its title line');
  return builder.build({ id: fallbackId, title: lines[titleAt]!.trim(), product: null, tags: [], url: null, patterns: [] });
}

/** "Updated on March 21, 2025", "Last modified 2024-02-01": the page's change date, anywhere. */
function isChangeNote(line: string): boolean {
  return /^(last )?(updated|modified|reviewed|edited|published)( on)?:? /i.test(line) && isMetadataLine(line);
}

/**
 * The index of the title line: of the lines before the first section heading (or the first few
 * of a page without headings), and before the first paragraph of prose that follows a possible
 * title, the one that reads most like a headline; -1 for an empty page.
 */
function findTitle(lines: readonly string[], id: string): number {
  const firstHeading = lines.findIndex((l) => isSectionHeadingWord(l));
  const end = firstHeading < 0 ? lines.length : firstHeading;
  const idWords = fileNameWords(id);
  let best = -1;
  let bestScore = -Infinity;
  let seen = 0;
  for (let i = 0; i < end && seen < TITLE_WINDOW; i += 1) {
    const t = lines[i]!.trim();
    if (!t || BOILERPLATE.some((re) => re.test(t)) || splitGutter(t)) continue;
    if (bestScore > 0 && isProse(t)) break;
    seen += 1;
    const score = titleScore(t, idWords);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best >= 0 ? best : lines.findIndex((l) => l.trim() && !isSectionHeadingWord(l));
}

/** A line of running text: a sentence of eight words or more, ended, or one that leads into what follows. */
function isProse(line: string): boolean {
  const words = line.split(/\s+/).length;
  return (/[a-z)\]"'][.!]$/.test(line) && words >= 8) || (/[:,]$/.test(line) && words >= 10);
}
