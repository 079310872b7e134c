import matter from 'gray-matter';
import { Lexer, type Token, type Tokens } from 'marked';
import type { Article } from './article.js';
import { ArticleBuilder } from './article-builder.js';
import { ArticleReadError } from './read-error.js';

/**
 * gray-matter runs `---js` and `---coffee` front matter through eval(). A KB file is data, never
 * code: those engines only refuse.
 */
const refuse = (lang: string) => (): object => {
  throw new Error(`${lang} front matter is not allowed; use YAML`);
};
const REFUSED_ENGINES = { js: refuse('JavaScript'), javascript: refuse('JavaScript'), coffee: refuse('CoffeeScript'), coffeescript: refuse('CoffeeScript') };

/** Reads a Markdown article: optional YAML front matter, sections under headings, fenced code as snippets. */
export function readMarkdown(source: string, path: string, fallbackId: string): Article {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // gray-matter caches by content; an empty options object turns the cache off,
    // so an edited file is never answered from a stale parse.
    parsed = matter(source, { engines: REFUSED_ENGINES });
  } catch (err) {
    throw new ArticleReadError(path, `front matter is not valid YAML (${firstLine(err)}); fix it or remove the --- block`);
  }
  if (parsed.data !== null && (typeof parsed.data !== 'object' || Array.isArray(parsed.data))) {
    throw new ArticleReadError(path, 'front matter must be YAML `key: value` lines (id, title, product, tags, url, patterns)');
  }
  const fm = (parsed.data ?? {}) as Record<string, unknown>;
  if (Object.keys(fm).length === 0 && /^---[^\n]*\n\s*\S/.test(source) && !/^---\s*\n---/.test(source)) {
    throw new ArticleReadError(path, 'front matter must be YAML `key: value` lines (id, title, product, tags, url, patterns)');
  }
  // Block tokens only: headings, code and the raw text of paragraphs, lists and tables are all
  // the reader uses. `lex()` would also lex every inline span (a third of the parse time).
  const tokens = new Lexer().blockTokens(parsed.content.replace(/\r\n|\r/g, '\n'));
  const topDepth = Math.min(...tokens.filter(isHeading).filter((t) => t.depth > 1).map((t) => t.depth), 6);

  const builder = new ArticleBuilder();
  let title = str(fm.title);
  for (const token of tokens) {
    if (isHeading(token)) {
      if (token.depth === 1 && !title) {
        title = token.text.trim();
        continue;
      }
      if (token.depth === 1) continue;
      builder.heading(token.text, token.depth, topDepth);
    } else if (token.type === 'code') {
      const code = token as Tokens.Code;
      builder.snippet(code.text, code.lang ?? null);
    } else if (token.type !== 'space' && token.type !== 'hr') {
      builder.text(token.raw);
    }
  }
  if (!title) title = fallbackId;
  if (builder.isEmpty()) throw new ArticleReadError(path, 'the article has no text under its title; add at least a Summary or Solution');
  return builder.build({
    id: str(fm.id) ?? fallbackId,
    title,
    product: str(fm.product),
    tags: list(fm.tags),
    url: str(fm.url),
    patterns: list(fm.patterns),
  });
}

function isHeading(t: Token): t is Tokens.Heading {
  return t.type === 'heading';
}

function str(v: unknown): string | null {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number') return String(v);
  return null;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  if (typeof v === 'string') return v.split(',').map((x) => x.trim()).filter(Boolean);
  return [];
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'unknown error';
}
