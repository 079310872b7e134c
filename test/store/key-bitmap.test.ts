import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitmapOf, hasKey, intersect, keysIn, withKey } from '../../src/store/key-bitmap.js';

const keySet = fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: 200 });
const sorted = (keys: Iterable<number>) => [...keys].sort((a, b) => a - b);

describe('key bitmaps', () => {
  it('hold exactly the keys put in, listed in ascending order', () => {
    fc.assert(
      fc.property(keySet, fc.integer({ min: 0, max: 6000 }), (keys, probe) => {
        const bits = bitmapOf(keys);
        expect(keysIn(bits)).toEqual(sorted(keys));
        expect(hasKey(bits, probe)).toBe(keys.includes(probe));
      }),
    );
  });

  it('set and clear keys past their end and inside it', () => {
    fc.assert(
      fc.property(keySet, fc.array(fc.tuple(fc.integer({ min: 0, max: 9000 }), fc.boolean()), { maxLength: 50 }), (keys, edits) => {
        let bits = bitmapOf(keys);
        const expected = new Set(keys);
        for (const [key, on] of edits) {
          bits = withKey(bits, key, on);
          if (on) expected.add(key);
          else expected.delete(key);
        }
        expect(keysIn(bits)).toEqual(sorted(expected));
      }),
    );
  });

  it('intersect to the keys in all, and list only the first `limit`', () => {
    fc.assert(
      fc.property(fc.array(keySet, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 40 }), (sets, limit) => {
        const common = sets.reduce((acc, s) => acc.filter((k) => s.includes(k)));
        const both = intersect(sets.map(bitmapOf));
        expect(keysIn(both)).toEqual(sorted(common));
        expect(keysIn(both, limit)).toEqual(sorted(common).slice(0, limit));
      }),
    );
  });
});
