/**
 * The one article model every reader produces and everything downstream consumes.
 * Readers (markdown, text page, html) differ only in how they find these parts.
 */

/** What a section is for, whatever the source called it. */
export type SectionRole = 'summary' | 'environment' | 'diagnosis' | 'cause' | 'solution' | 'other';

export interface Section {
  role: SectionRole;
  /** The heading as written in the source ("Resolution", "Symptoms", ...). */
  heading: string;
  /** The section as Markdown: prose, with its snippets in place as fenced code blocks. */
  text: string;
}

export type SnippetKind = 'log' | 'stacktrace' | 'config' | 'command' | 'code';

export interface Snippet {
  kind: SnippetKind;
  /** Language from the fence info string or the shape of the text (`apache`, `java`, `bash`), or null. */
  lang: string | null;
  text: string;
  /** The role of the section the snippet stands in. */
  section: SectionRole;
}

export interface Article {
  /** Front matter `id`, else the file name without extension. */
  id: string;
  title: string;
  product: string | null;
  tags: string[];
  url: string | null;
  /** Exact strings or `/regex/flags` the article pins as evidence. */
  patterns: string[];
  sections: Section[];
  snippets: Snippet[];
}

const ROLE_BY_HEADING: Record<string, SectionRole> = {
  summary: 'summary',
  problem: 'summary',
  symptom: 'summary',
  symptoms: 'summary',
  issue: 'summary',
  description: 'summary',
  environment: 'environment',
  'applies to': 'environment',
  diagnosis: 'diagnosis',
  diagnostics: 'diagnosis',
  'how to confirm': 'diagnosis',
  verification: 'diagnosis',
  cause: 'cause',
  'root cause': 'cause',
  causes: 'cause',
  solution: 'solution',
  resolution: 'solution',
  workaround: 'solution',
  fix: 'solution',
  'how to fix': 'solution',
  solutions: 'solution',
  workarounds: 'solution',
};

/** Maps a heading ("Resolution", "Root cause:", "Solution 1 - upgrade") to its role. */
export function sectionRole(heading: string): SectionRole {
  const h = heading.toLowerCase().replace(/[:.]+$/, '').trim();
  const exact = ROLE_BY_HEADING[h];
  if (exact) return exact;
  const first = h.split(/[\s\-–—:(]+/)[0] ?? '';
  return ROLE_BY_HEADING[first] ?? 'other';
}

/** The bare heading words a plain-text KB page uses to open a section. */
export function isSectionHeadingWord(line: string): boolean {
  const t = line.trim().replace(/:$/, '');
  if (t.length === 0 || t.length > 24) return false;
  return ROLE_BY_HEADING[t.toLowerCase()] !== undefined;
}

/** The text of all sections with a role, joined. */
export function sectionText(article: Article, role: SectionRole): string {
  return article.sections
    .filter((s) => s.role === role)
    .map((s) => s.text)
    .join('\n\n')
    .trim();
}

/** Section text without its fenced code blocks (the snippets are indexed on their own). */
export function proseOf(markdown: string): string {
  return markdown.replace(/^(```|~~~~)[^\n]*\n[\s\S]*?\n\1\s*$/gm, ' ');
}
