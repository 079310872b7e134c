import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/kb/article.js';
import { analyzeArticle } from '../../src/signals/analyze-article.js';

const article = (sections: Article['sections']): Article => ({ id: 'a', title: 'T', product: null, tags: [], url: null, patterns: [], sections, snippets: [] });

describe('analyzeArticle fields', () => {
  it('takes the symptoms from the summary sections', () => {
    const a = article([
      { role: 'summary', heading: 'Symptoms', text: 'Uploads fail with request entity too large after the proxy upgrade.' },
      { role: 'other', heading: 'Notes', text: 'Zanzibar notes about quokkas.' },
    ]);
    expect(analyzeArticle(a).fields.symptoms).toMatch(/upload/);
    expect(analyzeArticle(a).fields.other).toMatch(/quokka/);
  });

  it('lets the first section stand in for the symptoms of a page without a recognised one', () => {
    const a = article([
      { role: 'other', heading: 'Using the system trust store', text: 'pip fails with certificate verify failed behind a proxy.' },
      { role: 'other', heading: 'More', text: 'Zanzibar notes about quokkas.' },
      { role: 'solution', heading: 'Fix', text: 'Use --use-feature=truststore.' },
    ]);
    const { fields } = analyzeArticle(a);
    expect(fields.symptoms).toMatch(/certif/);
    expect(fields.other).not.toMatch(/certif/);
    expect(fields.other).toMatch(/quokka/);
  });
});
