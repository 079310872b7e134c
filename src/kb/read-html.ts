import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser';
import type { Article } from './article.js';
import { ArticleBuilder } from './article-builder.js';
import { isFooterStart } from './page-chrome.js';
import { ArticleReadError } from './read-error.js';

/** Page chrome that is never article content. */
const SKIP = new Set(['script', 'style', 'nav', 'header', 'footer', 'aside', 'noscript', 'svg', 'form', 'button', 'iframe', 'template']);
const SKIP_CLASS = /\b(breadcrumbs?|footer|header|sidebar|navigation|nav|page-metadata|comments?|labels|likes|feedback|toc)\b/i;
const BLOCK = new Set(['p', 'div', 'li', 'tr', 'table', 'ul', 'ol', 'blockquote', 'section', 'article', 'main', 'dl', 'dt', 'dd', 'br', 'td', 'th']);

/**
 * Reads a saved KB page or a Confluence HTML export: `<h1>` (else `<title>`) is the title,
 * `<h2>`–`<h4>` open sections, `<pre>` blocks and Confluence code macros are snippets.
 */
export function readHtml(source: string, path: string, fallbackId: string): Article {
  const root = parse(confluenceStorageToHtml(source), { comment: false, blockTextElements: { script: false, style: false, pre: true } });
  const body = root.querySelector('#main-content') ?? root.querySelector('main') ?? root.querySelector('article') ?? root.querySelector('body') ?? root;
  // Confluence exports mark the page title; a content <h1> ("Symptoms") is then a section heading.
  const h1 = root.querySelector('#title-heading, h1.pagetitle, #title-text') ?? body.querySelector('h1') ?? root.querySelector('h1');
  // Confluence exports title pages "Space name : Page title"; the page title is the article's.
  const title =
    (clean(h1?.text ?? '') || clean(root.querySelector('title')?.text ?? '').replace(/\s+[-|–]\s+[^-|–]+$/, '')).replace(/^[^:]{1,80} : (?=\S)/, '') || null;

  const builder = new ArticleBuilder();
  const headings = body.querySelectorAll('h1, h2, h3, h4').filter((h) => h !== h1 && !h1?.querySelectorAll('*').includes(h)).map((h) => Number(h.tagName[1]));
  const topDepth = headings.length ? Math.min(...headings) : 2;
  let buffer = '';
  const flush = () => {
    if (buffer.trim()) builder.text(buffer.replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n\n'));
    buffer = '';
  };

  // A "Related articles" or "Was this helpful?" heading after the article ends it.
  let ended = false;
  const walk = (node: Node): void => {
    if (ended) return;
    if (node.nodeType === NodeType.TEXT_NODE) {
      buffer += node.text;
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const el = node as HTMLElement;
    const tag = el.tagName?.toLowerCase() ?? '';
    if (SKIP.has(tag) || SKIP_CLASS.test(el.getAttribute('class') ?? '') || SKIP_CLASS.test(el.id ?? '')) return;
    if (el === h1) return;
    if (/^h[1-6]$/.test(tag)) {
      flush();
      if (isFooterStart(clean(el.text)) && !builder.isEmpty()) {
        ended = true;
        return;
      }
      builder.heading(clean(el.text), Number(tag[1]), topDepth);
      return;
    }
    if (tag === 'pre') {
      flush();
      builder.snippet(preText(el), codeLanguage(el));
      return;
    }
    if (tag === 'code' && el.text.includes('\n')) {
      flush();
      builder.snippet(el.text, codeLanguage(el));
      return;
    }
    if (BLOCK.has(tag)) buffer += '\n';
    if (tag === 'li') buffer += '- ';
    for (const child of el.childNodes) walk(child);
    if (BLOCK.has(tag)) buffer += '\n';
  };
  for (const child of body.childNodes) walk(child);
  flush();

  if (!title) throw new ArticleReadError(path, 'no <h1> or <title>; a KB page needs a title');
  if (builder.isEmpty()) throw new ArticleReadError(path, 'no article text found in the page body');
  return builder.build({ id: fallbackId, title, product: null, tags: [], url: canonicalUrl(root), patterns: [] });
}

/**
 * The code of a `<pre>` as a reader sees it: the parser keeps a `<pre>`'s inside as raw source (so
 * its spacing survives), with the tags of highlighters (`<code class="language-x">`, `<span>`) and
 * entities (`&lt;`) in it; parsed again, its text is the code.
 */
function preText(el: HTMLElement): string {
  const inner = el.innerHTML;
  return /[<&]/.test(inner) ? parse(inner.replace(/<br\s*\/?>/gi, '\n')).text : inner;
}

/** The language of a `<pre>`: SyntaxHighlighter params, `language-x` classes, data attributes. */
function codeLanguage(el: HTMLElement): string | null {
  const params = el.getAttribute('data-syntaxhighlighter-params') ?? '';
  const brush = /brush:\s*([\w-]+)/.exec(params)?.[1];
  if (brush) return brush;
  const cls = `${el.getAttribute('class') ?? ''} ${el.querySelector('code')?.getAttribute('class') ?? ''}`;
  const lang = /(?:language|lang|brush)-([\w-]+)/.exec(cls)?.[1];
  return lang ?? el.getAttribute('data-language') ?? el.getAttribute('data-lang') ?? null;
}

function canonicalUrl(root: HTMLElement): string | null {
  const href = root.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? root.querySelector('meta[property="og:url"]')?.getAttribute('content');
  return href && /^https?:\/\//.test(href) ? href : null;
}

/**
 * Confluence storage format keeps code in `<ac:structured-macro ac:name="code">` with a CDATA body,
 * which HTML parsers drop. Turn each into a `<pre>` first.
 */
function confluenceStorageToHtml(source: string): string {
  return source.replace(
    /<ac:structured-macro\b[^>]*ac:name="(?:code|noformat)"[^>]*>([\s\S]*?)<\/ac:structured-macro>/g,
    (_m, inner: string) => {
      const lang = /<ac:parameter ac:name="language">([^<]*)<\/ac:parameter>/.exec(inner)?.[1] ?? '';
      const body = /<!\[CDATA\[([\s\S]*?)\]\]>/.exec(inner)?.[1] ?? inner.replace(/<[^>]+>/g, '');
      return `<pre class="language-${lang}">${escapeHtml(body)}</pre>`;
    },
  );
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
