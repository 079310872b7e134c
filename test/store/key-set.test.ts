import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeKeySet, encodeKeySet, hasKey, intersectKeys, type KeySet, keySetOf, keysOf, withChanges } from '../../src/store/key-set.js';

const sorted = (keys: Iterable<number>) => [...keys].sort((a, b) => a - b);
/** Distinct keys, ascending: few in a wide range (kept as a list) or many in a narrow one (a bitmap). */
const keys = fc
  .oneof(fc.uniqueArray(fc.integer({ min: 0, max: 100_000 }), { maxLength: 60 }), fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength: 300 }))
  .map(sorted);
const form = (s: KeySet) => (s.bits ? 'bitmap' : 'list');

describe('key sets', () => {
  it('hold exactly their keys, in the smaller form, and read back as stored', () => {
    fc.assert(
      fc.property(keys, fc.integer({ min: 0, max: 100_001 }), (ks, probe) => {
        const set = keySetOf(ks);
        expect(keysOf(set)).toEqual(ks);
        expect(hasKey(set, probe)).toBe(ks.includes(probe));
        const last = ks.at(-1) ?? -1;
        expect(form(set)).toBe((last >> 3) + 1 < ks.length * 4 ? 'bitmap' : 'list');
        const back = decodeKeySet(encodeKeySet(set));
        expect(keysOf(back)).toEqual(ks);
        expect(form(back)).toBe(form(set));
      }),
    );
  });

  it('take changes: keys put in and taken out, past the end too', () => {
    fc.assert(
      fc.property(keys, fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 100_500 }), fc.boolean()), { selector: ([k]) => k, maxLength: 40 }), (ks, edits) => {
        const expected = new Set(ks);
        for (const [key, on] of edits) {
          if (on) expected.add(key);
          else expected.delete(key);
        }
        const changed = withChanges(keySetOf(ks), edits.map(([key, on]) => ({ key, on })));
        expect(keysOf(changed)).toEqual(sorted(expected));
        expect(keysOf(decodeKeySet(encodeKeySet(changed)))).toEqual(sorted(expected));
      }),
    );
  });

  it('intersect to the keys in all of them, whatever their forms, the first `limit` ascending', () => {
    fc.assert(
      fc.property(fc.array(keys, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 50 }), (sets, limit) => {
        const common = sets.reduce((acc, s) => acc.filter((k) => s.includes(k)));
        expect(intersectKeys(sets.map(keySetOf), limit)).toEqual(common.slice(0, limit));
      }),
      { numRuns: 300 },
    );
  });
});
