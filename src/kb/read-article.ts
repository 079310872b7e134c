import { basename, extname } from 'node:path';
import type { Article } from './article.js';
import { readHtml } from './read-html.js';
import { readMarkdown } from './read-markdown.js';
import { ArticleReadError } from './read-error.js';
import { readTextPage } from './read-text-page.js';
import { decodeCounting } from '../text/decode-text.js';

/** File endings the KB readers understand. */
export const ARTICLE_EXTENSIONS = new Set(['.md', '.markdown', '.txt', '.html', '.htm']);

/**
 * Turns the bytes of one KB file into an Article, or throws ArticleReadError naming the file
 * and what to do about it.
 */
export function readArticle(bytes: Uint8Array, path: string): Article {
  // UTF-16 by its byte order mark; a stray byte that is not UTF-8 (a Latin-1 "é") is read as
  // Windows-1252 and warned of, instead of costing the whole article.
  const decoded = decodeCounting(bytes);
  const warning = decoded.strayBytes ? `not valid UTF-8 (${decoded.strayBytes} stray byte${decoded.strayBytes === 1 ? '' : 's'}, read as Windows-1252); save it as UTF-8` : null;
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
  if (!warning) return article;
  return { ...article, warnings: [warning, ...(article.warnings ?? [])] };
}
