import { describe, expect, it } from 'vitest';
import { expandQuery } from '../../src/match/expand-query.js';
import { analyzeTerms } from '../../src/signals/terms.js';

const expand = (text: string) => expandQuery(text, new Set(analyzeTerms(text)));

describe('everyday words', () => {
  it('adds the words articles use for a phrase people say', () => {
    expect(expand('the wiki is slow')).toContain('confluenc');
    expect(expand('everyone using their company account is locked out')).toContain('ldap');
  });

  it('leaves a folder a folder: "directory" alone is not a user directory', () => {
    // "the home directory is locked" is about a file system; adding `ldap` sent this question to an LDAP article.
    expect(expand('Jira says the home directory is locked by another running instance')).not.toContain('ldap');
    expect(expand('permission denied on the data directory')).toEqual([]);
  });

  it('adds nothing the query already says, and nothing for a long paste', () => {
    expect(expand('the wiki (confluence) is slow')).not.toContain('confluenc');
    expect(expand(`the wiki ${'x'.repeat(1600)}`)).toEqual([]);
  });
});
