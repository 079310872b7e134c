import { basename, extname } from 'node:path';
import type { Article } from './article.js';
import { readHtml } from './read-html.js';
import { readMarkdown } from './read-markdown.js';
import { ArticleReadError } from './read-error.js';
import { readTextPage } from './read-text-page.js';

/** File endings the KB readers understand. */
export const ARTICLE_EXTENSIONS = new Set(['.md', '.markdown', '.txt', '.html', '.htm']);

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/**
 * The text of a KB file: UTF-16 when it starts with a UTF-16 byte order mark (a Windows
 * "Unicode" save), else UTF-8; a stray byte that is not UTF-8 (a Latin-1 "é") becomes U+FFFD
 * and a warning, instead of costing the whole article.
 */
function decode(bytes: Uint8Array): { text: string; warning: string | null } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), warning: null };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), warning: null };
  try {
    return { text: utf8.decode(bytes), warning: null };
  } catch {
    const text = utf8Lenient.decode(bytes);
    const stray = text.split('\uFFFD').length - 1;
    return { text, warning: `not valid UTF-8 (${stray} stray byte${stray === 1 ? '' : 's'}, shown as \uFFFD); save it as UTF-8` };
  }
}

/**
 * Turns the bytes of one KB file into an Article, or throws ArticleReadError naming the file
 * and what to do about it.
 */
export function readArticle(bytes: Uint8Array, path: string): Article {
  const decoded = decode(bytes);
  let text = decoded.text;
  if (text.includes('\u0000')) throw new ArticleReadError(path, 'binary content (NUL bytes); KB files must be text');
  text = text.replace(/^\uFEFF/, '');
  if (!text.trim()) throw new ArticleReadError(path, 'the file is empty');
  const ext = extname(path).toLowerCase();
  const id = basename(path, extname(path));
  let article: Article;
  if (ext === '.md' || ext === '.markdown') article = readMarkdown(text, path, id);
  else if (ext === '.txt') article = readTextPage(text, path, id);
  else if (ext === '.html' || ext === '.htm') article = readHtml(text, path, id);
  else throw new ArticleReadError(path, `unsupported file type "${ext}"; use .md, .txt or .html`);
  if (!/^[\w.:@-]{1,200}$/.test(article.id)) {
    throw new ArticleReadError(path, `id "${article.id.slice(0, 80)}" must be letters, digits, - _ . : @ only`);
  }
  if (!decoded.warning) return article;
  return { ...article, warnings: [decoded.warning, ...(article.warnings ?? [])] };
}
