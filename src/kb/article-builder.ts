import { type Article, type Section, type SectionRole, type Snippet, sectionRole } from './article.js';
import { guessLang, snippetKind } from './snippet-kind.js';

/**
 * Collects sections and snippets in document order. All three readers feed it,
 * so they agree on what a section and a snippet are.
 */
export class ArticleBuilder {
  private readonly sections: Section[] = [];
  private readonly snippets: Snippet[] = [];
  private current: Section = { role: 'summary', heading: '', text: '' };
  private parentRole: SectionRole = 'summary';

  /** Opens a section. A sub-heading with no role of its own ("Option 2") inherits its parent's. */
  heading(text: string, depth: number, topDepth: number): void {
    this.flush();
    text = text.replace(/[*_`]+/g, '').trim();
    const role = sectionRole(text);
    const effective = role === 'other' && depth > topDepth ? this.parentRole : role;
    if (depth <= topDepth) this.parentRole = effective;
    this.current = { role: effective, heading: text.trim(), text: '' };
  }

  text(text: string): void {
    const t = text.replace(/[ \t]+\n/g, '\n').trim();
    if (t) this.current.text += (this.current.text ? '\n\n' : '') + t;
  }

  snippet(text: string, lang: string | null): void {
    const body = text.replace(/^\n+|\s+$/g, '');
    if (!body.trim()) return;
    const language = normalizeLang(lang) ?? guessLang(body);
    this.snippets.push({ kind: snippetKind(body, language), lang: language, text: body, section: this.current.role });
    // The section keeps the snippet in place as a fenced block, so a reader sees code where the author put it.
    const fence = body.includes('```') ? '~~~~' : '```';
    this.current.text += `${this.current.text ? '\n\n' : ''}${fence}${language ?? ''}\n${body}\n${fence}`;
  }

  build(meta: Omit<Article, 'sections' | 'snippets'>): Article {
    this.flush();
    return { ...meta, sections: this.sections.slice(), snippets: this.snippets.slice() };
  }

  /** True when nothing but headings was seen: no text and no snippet under any of them. */
  isEmpty(): boolean {
    return this.snippets.length === 0 && !this.current.text && this.sections.every((s) => !s.text);
  }

  private flush(): void {
    if (this.current.text || this.current.heading) this.sections.push(this.current);
    this.current = { role: this.current.role, heading: '', text: '' };
  }
}

function normalizeLang(lang: string | null): string | null {
  const l = (lang ?? '').trim().toLowerCase().split(/[\s{]/)[0] ?? '';
  if (!l || l === 'text' || l === 'plain' || l === 'plaintext' || l === 'none' || l === 'txt') return null;
  return l;
}
