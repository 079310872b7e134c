import { Lexer, type Token, type Tokens } from 'marked';
import { type Article, sectionRole } from './article.js';
import { ArticleBuilder } from './article-builder.js';
import { readFrontMatter } from './front-matter.js';
import { patternProblem } from './pinned-regex.js';
import { ArticleReadError } from './read-error.js';

/**
 * Reads a Markdown article: optional front matter (see readFrontMatter: never run, never the
 * reason an article is lost), sections under headings, fenced code as snippets.
 */
export function readMarkdown(source: string, path: string, fallbackId: string): Article {
  const parsed = readFrontMatter(source);
  const fm = parsed.fields;
  // Block tokens only: headings, code and the raw text of paragraphs, lists and tables are all
  // the reader uses. `lex()` would also lex every inline span (a third of the parse time).
  const tokens = new Lexer().blockTokens(parsed.content.replace(/\r\n|\r/g, '\n'));
  const topDepth = Math.min(...tokens.filter(isHeading).filter((t) => t.depth > 1).map((t) => t.depth), 6);

  const builder = new ArticleBuilder();
  let title = str(fm.title);
  // Without a title in front matter or a # heading, a first line of its own is the title.
  const firstBlock = tokens.find((t) => t.type !== 'space');
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
    } else if (token.type === 'paragraph' && boldHeading(token.raw)) {
      const { heading, text } = boldHeading(token.raw)!;
      builder.heading(heading, topDepth, topDepth);
      builder.text(text);
    } else if (token.type !== 'space' && token.type !== 'hr') {
      if (!title && token === firstBlock && token.type === 'paragraph' && !token.raw.trim().includes('\n') && token.raw.length <= 200) {
        title = token.raw.trim();
        continue;
      }
      builder.text(token.raw);
    }
  }
  if (!title) title = fallbackId;
  if (builder.isEmpty()) throw new ArticleReadError(path, 'the article has no text under its title; add at least a Summary or Solution');
  const article = builder.build({
    id: str(fm.id) ?? fallbackId,
    title,
    product: str(fm.product),
    tags: list(fm.tags),
    url: str(fm.url),
    patterns: list(fm.patterns),
  });
  const warnings = [...parsed.warnings, ...article.patterns.flatMap((p) => patternProblem(p) ?? [])];
  return warnings.length ? { ...article, warnings } : article;
}

/**
 * A paragraph that opens with a bold heading word instead of a `##` heading: `**Root cause:**`
 * alone, or `**Fix:** restart the node`. Only words with a section role count.
 */
function boldHeading(raw: string): { heading: string; text: string } | null {
  const m = /^\*\*([^*\n]{1,48}?):?\*\*:?[ \t]*(?:\n|$)?([\s\S]*)$/.exec(raw.trim());
  if (!m || sectionRole(m[1]!) === 'other') return null;
  return { heading: m[1]!.trim(), text: m[2]!.trim() };
}

function isHeading(t: Token): t is Tokens.Heading {
  return t.type === 'heading';
}

function str(v: unknown): string | null {
  if (typeof v === 'string' && v.trim()) return v.trim();
  return null;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  if (typeof v === 'string') return v.split(',').map((x) => x.trim()).filter(Boolean);
  return [];
}
