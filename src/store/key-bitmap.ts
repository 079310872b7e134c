/**
 * A set of article keys as a bitmap: key k is in when bit k & 7 of byte k >> 3 is set. A byte
 * past the end reads as no keys, so a bitmap need only reach its largest key.
 */
export type KeyBitmap = Uint8Array;

/** A bitmap of `keys` (non-negative integers). */
export function bitmapOf(keys: Iterable<number>): KeyBitmap {
  let bits: KeyBitmap = new Uint8Array(0);
  for (const k of keys) bits = withKey(bits, k, true);
  return bits;
}

export function hasKey(bits: KeyBitmap, key: number): boolean {
  const byte = key >> 3;
  return byte < bits.length && (bits[byte]! & (1 << (key & 7))) !== 0;
}

/** Sets (or clears) a key in place; returns the bitmap, a longer copy when the key is past its end. */
export function withKey(bits: KeyBitmap, key: number, on: boolean): KeyBitmap {
  const byte = key >> 3;
  if (byte >= bits.length) {
    if (!on) return bits;
    const longer = new Uint8Array(Math.max(byte + 1, Math.ceil(bits.length * 1.25)));
    longer.set(bits);
    bits = longer;
  }
  if (on) bits[byte]! |= 1 << (key & 7);
  else bits[byte]! &= ~(1 << (key & 7));
  return bits;
}

/** The keys in every one of `bitmaps` (at least one), as a new bitmap. */
export function intersect(bitmaps: readonly KeyBitmap[]): KeyBitmap {
  const length = Math.min(...bitmaps.map((b) => b.length));
  const out = bitmaps[0]!.slice(0, length);
  for (let i = 1; i < bitmaps.length; i += 1) {
    const b = bitmaps[i]!;
    for (let j = 0; j < length; j += 1) out[j]! &= b[j]!;
  }
  return out;
}

/** The first `limit` keys of a bitmap, ascending. */
export function keysIn(bits: KeyBitmap, limit = Number.POSITIVE_INFINITY): number[] {
  const keys: number[] = [];
  for (let byte = 0; byte < bits.length && keys.length < limit; byte += 1) {
    let b = bits[byte]!;
    while (b !== 0 && keys.length < limit) {
      const low = b & -b;
      keys.push(byte * 8 + 31 - Math.clz32(low));
      b ^= low;
    }
  }
  return keys;
}
