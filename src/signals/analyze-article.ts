import { type Article, proseOf } from '../kb/article.js';
import { extractSignals } from './extract-signals.js';
import type { Signal } from './signal.js';
import { analyzeTerms } from './terms.js';

/** The analyzed text of an article per searchable field (space-joined terms): the FTS columns. */
export interface ArticleFields {
  title: string;
  symptoms: string;
  diagnosis: string;
  cause: string;
  solution: string;
  snippets: string;
  other: string;
}

export interface AnalyzedArticle {
  fields: ArticleFields;
  signals: Signal[];
}

/** Runs the shared analyzers over an article: terms per field and error signals. */
export function analyzeArticle(article: Article): AnalyzedArticle {
  // Each section's prose once: the fields and the signals both read it.
  const prose = article.sections.map((s) => proseOf(s.text));
  // A page whose sections have no recognised role (a docs page, a wiki page) describes its
  // problem first: its first section stands in for the symptoms.
  const hasSummary = article.sections.some((s, i) => s.role === 'summary' && prose[i]!.trim().length >= 40);
  const firstOther = hasSummary ? -1 : article.sections.findIndex((s, i) => s.role === 'other' && prose[i]!.trim().length > 0);
  const roleOf = (i: number) => (i === firstOther ? 'summary' : article.sections[i]!.role);
  const byRole = (role: string) =>
    article.sections
      .flatMap((s, i) => (roleOf(i) === role ? [`${s.heading}\n${prose[i]}`] : []))
      .join('\n');
  const terms = (text: string) => analyzeTerms(text).join(' ');
  const snippetText = article.snippets.map((s) => s.text).join('\n');
  const fields = {
    title: terms(`${article.title}\n${article.tags.join(' ')}\n${article.product ?? ''}`),
    symptoms: terms(byRole('summary')),
    diagnosis: terms(byRole('diagnosis')),
    cause: terms(byRole('cause')),
    solution: terms(byRole('solution')),
    snippets: terms(snippetText),
    other: terms(`${byRole('environment')}\n${byRole('other')}`),
  };
  // Signals from everything the article shows: its logs and traces, and error text quoted in prose.
  const signalText = [article.title, ...prose, snippetText, ...article.patterns].join('\n');
  return { fields, signals: extractSignals(signalText, { maxFrames: 200 }) };
}
