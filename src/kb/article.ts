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
  /** What the reader had to guess (front matter that was not strict YAML, ...): indexed, with a problem. */
  warnings?: string[];
}

const ROLE_BY_HEADING: Record<string, SectionRole> = {
  summary: 'summary',
  overview: 'summary',
  problem: 'summary',
  'problem description': 'summary',
  symptom: 'summary',
  symptoms: 'summary',
  issue: 'summary',
  'issue description': 'summary',
  description: 'summary',
  question: 'summary',
  error: 'summary',
  'error message': 'summary',
  'error messages': 'summary',
  'what you see': 'summary',
  environment: 'environment',
  'applies to': 'environment',
  'applicable versions': 'environment',
  'affected versions': 'environment',
  'affected products': 'environment',
  prerequisites: 'environment',
  context: 'environment',
  diagnosis: 'diagnosis',
  diagnostics: 'diagnosis',
  diagnostic: 'diagnosis',
  'diagnostic steps': 'diagnosis',
  'how to confirm': 'diagnosis',
  'how to verify': 'diagnosis',
  'how to check': 'diagnosis',
  verification: 'diagnosis',
  verify: 'diagnosis',
  confirm: 'diagnosis',
  troubleshooting: 'diagnosis',
  'troubleshooting steps': 'diagnosis',
  investigation: 'diagnosis',
  cause: 'cause',
  'root cause': 'cause',
  'root causes': 'cause',
  causes: 'cause',
  'possible causes': 'cause',
  reason: 'cause',
  explanation: 'cause',
  'why it happens': 'cause',
  background: 'cause',
  solution: 'solution',
  resolution: 'solution',
  'resolution steps': 'solution',
  'steps to resolve': 'solution',
  'how to resolve': 'solution',
  workaround: 'solution',
  fix: 'solution',
  'how to fix': 'solution',
  'the fix': 'solution',
  remedy: 'solution',
  mitigation: 'solution',
  answer: 'solution',
  solutions: 'solution',
  workarounds: 'solution',
};

/** Words that may follow a heading word without changing it: "Resolution steps", "Cause 2", "Solution: upgrade". */
const HEADING_TAIL = /^(?:\s+(?:steps?|details|overview|description|information|analysis|summary|and (?:solution|resolution|workaround|fix))|\s*\d+|\s*[:(\-–—].{0,40})?$/i;

/** Heading words that also open ordinary lines ("Error: connect ECONNREFUSED"): headings only when alone. */
const PROSE_WORDS = new Set(['error', 'error message', 'error messages', 'question', 'answer', 'context', 'background', 'reason', 'verify', 'confirm', 'fix', 'issue', 'problem', 'description', 'explanation']);

/** Maps a heading ("Resolution", "Root cause:", "Solution 1 - upgrade") to its role. */
export function sectionRole(heading: string): SectionRole {
  const h = heading
    .toLowerCase()
    .replace(/[:.]+$/, '')
    .replace(/^(?:\d+[.)]|step \d+:?)\s*/, '')
    .trim();
  const exact = ROLE_BY_HEADING[h];
  if (exact) return exact;
  const two = /^\S+\s+\S+/.exec(h)?.[0];
  if (two && ROLE_BY_HEADING[two]) return ROLE_BY_HEADING[two]!;
  const first = h.split(/[\s\-–—:(]+/)[0] ?? '';
  return ROLE_BY_HEADING[first] ?? 'other';
}

/**
 * The bare heading lines a plain-text KB page uses to open a section: a heading word or phrase
 * ("Symptoms", "Root Cause", "Diagnostic Steps", "Cause 2", "Solution: upgrade") on its own line.
 */
export function isSectionHeadingWord(line: string): boolean {
  const t = line
    .trim()
    .replace(/[:.]$/, '')
    .replace(/^(?:\d+[.)]|step \d+:?)\s*/i, '');
  if (t.length === 0 || t.length > 48 || /[.!?]$/.test(t)) return false;
  const lower = t.toLowerCase();
  if (ROLE_BY_HEADING[lower]) return true;
  for (const key of Object.keys(ROLE_BY_HEADING)) {
    if (!PROSE_WORDS.has(key) && lower.startsWith(key) && HEADING_TAIL.test(t.slice(key.length))) return true;
  }
  return false;
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
