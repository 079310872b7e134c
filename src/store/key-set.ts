import { endianness } from 'node:os';

/**
 * A set of article keys, as kept for a common term (migrations/010-term-postings.sql): a bitmap
 * (key k is in when bit k & 7 of byte k >> 3 is set; a byte past the end reads as no keys), or
 * the keys in ascending order, whichever takes less room.
 */
export type KeySet = { bits: Uint8Array; list?: undefined } | { list: Uint32Array; bits?: undefined };

/** A key set of `keys` (ascending, distinct, non-negative), in the smaller form. */
export function keySetOf(keys: ArrayLike<number>): KeySet {
  const count = keys.length;
  const last = count ? keys[count - 1]! : -1;
  if ((last >> 3) + 1 < count * 4) {
    const bits = new Uint8Array((last >> 3) + 1);
    for (let i = 0; i < count; i += 1) bits[keys[i]! >> 3]! |= 1 << (keys[i]! & 7);
    return { bits };
  }
  return { list: Uint32Array.from(keys) };
}

export function hasKey(set: KeySet, key: number): boolean {
  return set.bits ? inBitmap(set.bits, key) : indexOf(set.list, key, 0) >= 0;
}

function inBitmap(bits: Uint8Array, key: number): boolean {
  const byte = key >> 3;
  return byte < bits.length && (bits[byte]! & (1 << (key & 7))) !== 0;
}

/** The keys of a set, ascending. */
export function keysOf(set: KeySet): number[] {
  if (set.list) return Array.from(set.list);
  return keysInBits(set.bits, Number.POSITIVE_INFINITY);
}

/**
 * The set with `changes` made: each key put in (on) or taken out. A bitmap stays a bitmap (its
 * bits are set in place, past its end in a longer copy); a list may grow into a bitmap.
 */
export function withChanges(set: KeySet, changes: ReadonlyArray<{ key: number; on: boolean }>): KeySet {
  if (set.bits) {
    let bits = set.bits;
    for (const { key, on } of changes) {
      const byte = key >> 3;
      if (byte >= bits.length) {
        if (!on) continue;
        const longer = new Uint8Array(Math.max(byte + 1, Math.ceil(bits.length * 1.25)));
        longer.set(bits);
        bits = longer;
      }
      if (on) bits[byte]! |= 1 << (key & 7);
      else bits[byte]! &= ~(1 << (key & 7));
    }
    return { bits };
  }
  const off = new Set(changes.filter((c) => !c.on).map((c) => c.key));
  const added = [...new Set(changes.filter((c) => c.on).map((c) => c.key))].sort((x, y) => x - y);
  const merged: number[] = [];
  let a = 0;
  for (const key of set.list) {
    while (a < added.length && added[a]! < key) merged.push(added[a++]!);
    if (a < added.length && added[a] === key) a += 1;
    if (!off.has(key)) merged.push(key);
  }
  while (a < added.length) merged.push(added[a++]!);
  return keySetOf(merged);
}

/**
 * The keys in every one of `sets` (at least one), the first `limit` ascending: from the shortest
 * list, each key checked against the others, or, when all are bitmaps, their AND.
 */
export function intersectKeys(sets: readonly KeySet[], limit: number): number[] {
  const lists = sets.filter((s): s is { list: Uint32Array } => s.list !== undefined).sort((a, b) => a.list.length - b.list.length);
  const bitmaps = sets.filter((s): s is { bits: Uint8Array } => s.bits !== undefined).map((s) => s.bits);
  if (lists.length === 0) return keysInBits(and(bitmaps), limit);
  const [driver, ...others] = lists;
  const cursors = others.map(() => 0);
  const out: number[] = [];
  for (let i = 0; i < driver!.list.length && out.length < limit; i += 1) {
    const key = driver!.list[i]!;
    let all = true;
    for (let b = 0; b < bitmaps.length && all; b += 1) all = inBitmap(bitmaps[b]!, key);
    for (let o = 0; o < others.length && all; o += 1) {
      const at = indexOf(others[o]!.list, key, cursors[o]!);
      if (at >= 0) cursors[o] = at;
      else {
        cursors[o] = ~at;
        all = false;
      }
    }
    if (all) out.push(key);
  }
  return out;
}

const LITTLE_ENDIAN = endianness() === 'LE';

/** A set as stored: a format byte (0 bitmap, 1 list), then the bitmap or the keys as 32-bit little-endian integers. */
export function encodeKeySet(set: KeySet): Buffer {
  if (set.bits) {
    let end = set.bits.length;
    while (end > 0 && set.bits[end - 1] === 0) end -= 1;
    const out = Buffer.alloc(1 + end);
    out.set(set.bits.subarray(0, end), 1);
    return out;
  }
  const out = Buffer.alloc(1 + set.list.length * 4);
  out[0] = 1;
  for (let i = 0; i < set.list.length; i += 1) out.writeUInt32LE(set.list[i]!, 1 + i * 4);
  return out;
}

export function decodeKeySet(blob: Uint8Array): KeySet {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  if (buf[0] === 1) {
    const count = (buf.length - 1) >> 2;
    // On a little-endian machine (all Node runs on, in practice) the bytes are the array's: one copy.
    if (LITTLE_ENDIAN) return { list: new Uint32Array(buf.buffer.slice(buf.byteOffset + 1, buf.byteOffset + 1 + count * 4)) };
    const list = new Uint32Array(count);
    for (let i = 0; i < count; i += 1) list[i] = buf.readUInt32LE(1 + i * 4);
    return { list };
  }
  return { bits: new Uint8Array(buf.subarray(1)) };
}

/** Where `key` is in the ascending `list` at or after `from`, or ~(where it would go) when absent (galloping, then binary search). */
function indexOf(list: Uint32Array, key: number, from: number): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < list.length && list[hi]! < key) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, list.length - 1);
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === key) return mid;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return ~lo;
}

function and(bitmaps: readonly Uint8Array[]): Uint8Array {
  const length = Math.min(...bitmaps.map((b) => b.length));
  const out = bitmaps[0]!.slice(0, length);
  for (let i = 1; i < bitmaps.length; i += 1) {
    const b = bitmaps[i]!;
    for (let j = 0; j < length; j += 1) out[j]! &= b[j]!;
  }
  return out;
}

function keysInBits(bits: Uint8Array, limit: number): number[] {
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
