/**
 * What a KB page copied from a web site carries besides its article: navigation, sign-in links,
 * breadcrumbs, cookie banners and "last updated" lines before the title, rating widgets and lists
 * of related articles after the body. These functions tell such lines from the article by their
 * shape (length, dates, separators, sentences), so a page from a site nobody here has seen is
 * read as well as one from a known site; a few cue words help, none is required.
 */

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
/** A calendar date in the usual spellings: 2025-01-27, 27/01/2025, January 27, 2025, 27 Jan 2025. */
const DATE = new RegExp(`\\b(?:\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}|${MONTH} \\d{1,2},? \\d{4}|\\d{1,2} ${MONTH},? \\d{4})\\b`, 'i');
/** Words of a page's metadata line: when it changed, who wrote it, how long it takes to read. */
const METADATA_WORDS =
  /\b(updated|modified|published|created|posted|verified|reviewed|last edited|article (id|number)|kb id|doc id|document id|views?|min(ute)?s? read|read time|author|written by|applies to version)\b/i;
/** Breadcrumb separators: `Home / Knowledge base / GitLab`, `Docs › Elasticsearch`, `NGINX > Troubleshooting`. */
const CRUMB_SEPARATOR = /\s(?:[›»>|/\\·•]|->|→)\s/g;
/** Lines that open the page's footer: what follows is the site's, not the article's. */
const FOOTER_START =
  /^(related (articles?|content|links|pages|posts|topics|questions|solutions)|see also|you (may|might) also (like|be interested)|recommended (articles|for you)|more (articles|like this)|was this (article|page|answer|content|information)? ?helpful\b|did this (article|page|answer) (help|solve)|is this (article|page) helpful|how (helpful|useful) was this|rate this (article|page)|still need help\b|have (more|any) questions\b|need more help\b|contact (support|us)$|« previous|previous article|next article|share this (article|page)|© |copyright ©|all rights reserved)/i;

/** True for a line that says when the page changed or how it is filed, not what it is about. */
export function isMetadataLine(line: string): boolean {
  const t = line.trim();
  const words = t.split(/\s+/).length;
  if (words > 14) return false;
  if (/^article id\s*:?\s*\d+/i.test(t) || /^\d+ (min(ute)?s?|views?)\b/i.test(t)) return true;
  return (DATE.test(t) && words <= 14) || (METADATA_WORDS.test(t) && words <= 8 && /\d/.test(t));
}

/**
 * True for a breadcrumb trail: three or more parts between separators, or two with a site word,
 * all short but the last (which may be the page's title, cut off).
 */
export function isBreadcrumb(line: string): boolean {
  const t = line.trim();
  const parts = t.split(CRUMB_SEPARATOR);
  if (parts.length < 2) return false;
  const short = parts.slice(0, -1).every((p) => p.split(/\s+/).length <= 4);
  return short && (parts.length >= 3 || /^(home|docs|documentation|support|help|kb|knowledge ?base)$/i.test(parts[0]!.trim()));
}

/**
 * True for a menu or tool bar flattened onto one line: items apart by runs of spaces
 * (`Platform   Solutions   Pricing   Sign in`, `Code   Blame   64 lines   Raw`).
 */
export function isMenuBar(line: string): boolean {
  return (line.trim().match(/\S {2,}(?=\S)/g) ?? []).length >= 2;
}

/** True for a line from which on the rest of the page is footer: related articles, ratings, copyright. */
export function isFooterStart(line: string): boolean {
  return FOOTER_START.test(line.trim());
}

/**
 * How much a line looks like the page's title: a headline of several words (often quoting the
 * error), not a sentence of prose, not a menu entry. `idWords` are the words of the file name,
 * which KB exports and people alike usually make from the title. Negative: not a title.
 */
export function titleScore(line: string, idWords: ReadonlySet<string>): number {
  const t = line.trim();
  if (!t || isMetadataLine(t) || isBreadcrumb(t) || isMenuBar(t) || isFooterStart(t)) return -1;
  const words = t.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w));
  if (words.length < 3 && !/["'`:(\[]/.test(t)) return -1;
  // A cookie banner or a notice is prose: a sentence that ends and another that starts, or a long
  // one that ends in a full stop. What the title quotes (an error message) does not count.
  const unquoted = t.replace(/"[^"]*"|“[^”]*”/g, ' "" ');
  if (/[a-z)][.!?] +[("'“]?[A-Z]/.test(unquoted) || (/[a-z]\.$/.test(unquoted) && words.length >= 8)) return -1;
  // A sentence that leads into what follows ("..., for example:") is prose too.
  if (/[:,]$/.test(unquoted) && words.length >= 10) return -1;
  // Ending in a full stop or a colon, it reads as a sentence or a lead-in, seldom as a headline.
  let score = Math.min(words.length, 14) - (/[a-z]\.$|:$/.test(unquoted) ? 4 : 0) - Math.max(0, words.length - 30);
  let shared = 0;
  for (const w of t.toLowerCase().split(/[^a-z0-9]+/)) if (w.length > 2 && idWords.has(w)) shared += 1;
  score += 3 * Math.min(shared, 5);
  return Math.max(0, score);
}

/** The words of a file name such as `nginx-bind-address-in-use`, for titleScore. */
export function fileNameWords(id: string): Set<string> {
  return new Set(
    id
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2),
  );
}
