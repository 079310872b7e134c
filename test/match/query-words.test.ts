import { describe, expect, it } from 'vitest';
import { countQueryWords, queryWords } from '../../src/match/query-words.js';

/** Occurrences of each word per column, the plain way: split every column into words. */
function naiveCounts(columns: readonly string[], words: readonly string[]): number[][] {
  return words.map((w) => columns.map((c) => c.split(' ').filter((x) => x === w).length));
}

describe('countQueryWords', () => {
  it('finds every occurrence of every query word, whatever words of the same first letter and length surround it', () => {
    const long = 'a'.repeat(70);
    const longer = `${'a'.repeat(69)}b`;
    const query = ['conn', 'cord', 'timeout', long, '0', 'x1', 'jdbc'];
    const columns = [
      'conn cone conn cord', // same first letter and length, other last letters
      'timeout timeoux timeouts timeou',
      `${long} ${longer} ${long}`, // over 63 letters share one length slot
      '0 00 0',
      '',
      'x1 x2 x11 jdbc jdbd',
      'connx conn',
    ];
    const got = countQueryWords(columns, queryWords(query));
    const expected = naiveCounts(columns, query);
    query.forEach((w, i) => {
      const occurrences = expected[i]!.reduce((s, n) => s + n, 0);
      expect(got.weighted[i]! > 0, w).toBe(occurrences > 0);
      expect(got.inProblem[i], w).toBe(expected[i]![0]! + expected[i]![1]! > 0 ? 1 : 0);
    });
  });

  it('weighs each occurrence by its column, the same with or without look-alike words around it', () => {
    const query = ['lock', 'wait'];
    const plain = countQueryWords(['lock wait', 'lock', '', '', '', '', 'wait wait'], queryWords(query));
    const noisy = countQueryWords(['lock lack loch wait wail', 'lick lock', 'wa', '', 'wai waits', '', 'wait walt wait'], queryWords(query));
    expect([...noisy.weighted]).toEqual([...plain.weighted]);
    expect([...noisy.inProblem]).toEqual([...plain.inProblem]);
    expect([...noisy.shown]).toEqual([...plain.shown]);
  });
});
