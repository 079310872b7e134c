import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, letterBagDistance } from '../../src/match/edit-distance.js';

/** The optimal string alignment distance from its definition, with the whole matrix. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

// Few letters, so that words share letters, repeat them and swap them often.
const word = fc.stringMatching(/^[abcz]{0,12}$/);

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours', () => {
    expect(editDistance('exception', 'exeption')).toBe(1);
    expect(editDistance('exception', 'excpetion')).toBe(1);
    expect(editDistance('aa', 'aaa')).toBe(1); // natural's Damerau-Levenshtein said 0
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('timeout', 'timeout')).toBe(0);
  });

  it('is the optimal string alignment distance, and symmetric', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(editDistance(a, b)).toBe(reference(a, b));
        expect(editDistance(b, a)).toBe(editDistance(a, b));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('letterBagDistance', () => {
  it('never exceeds the edit distance, so a correction it rules out is one the edit distance would too', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(letterBagDistance(a, b)).toBeLessThanOrEqual(editDistance(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts letters with repeats, the larger side', () => {
    expect(letterBagDistance('exception', 'exeption')).toBe(1);
    expect(letterBagDistance('exception', 'excpetion')).toBe(0);
    expect(letterBagDistance('aab', 'abb')).toBe(1);
    expect(letterBagDistance('timeout', 'xyz')).toBe(7);
    expect(letterBagDistance('', 'abc')).toBe(3);
  });
});
