/**
 * Bytes a person handed over (a piped paste, a log file, a Slack attachment) as text:
 * - UTF-16 (little- or big-endian) when they start with its byte order mark, as Windows tools
 *   write logs and PowerShell redirects output;
 * - else UTF-8 (a UTF-8 byte order mark dropped), where each byte that is not part of a valid
 *   UTF-8 sequence is read as Windows-1252, which is what such a stray byte almost always is
 *   (the `é` of a Latin-1 log line). One stray byte no longer turns the text into U+FFFD runs
 *   that the matcher takes for binary data, and the word it sits in stays a word.
 */
export function decodeText(bytes: Uint8Array): string {
  return decodeCounting(bytes).text;
}

/** decodeText, and how many bytes were not UTF-8 (read as Windows-1252): a KB file's reader warns of them. */
export function decodeCounting(bytes: Uint8Array): { text: string; strayBytes: number } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: UTF16LE.decode(bytes.subarray(2)), strayBytes: 0 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: UTF16BE.decode(bytes.subarray(2)), strayBytes: 0 };
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: UTF8_STRICT.decode(body), strayBytes: 0 };
  } catch {
    return decodeMixed(body);
  }
}

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
const UTF16LE = new TextDecoder('utf-16le', { ignoreBOM: true });
const UTF16BE = new TextDecoder('utf-16be', { ignoreBOM: true });
/**
 * Windows-1252 for the bytes 0x80-0xFF (WHATWG's table: its five gaps are the C1 controls).
 * Written out: Node's TextDecoder('windows-1252') decodes 0x80-0x9F as Latin-1.
 */
const CP1252_HIGH = [
  ...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ',
  ...Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + i)),
];

/** UTF-8 runs decoded as they are; each byte outside a valid sequence as Windows-1252. */
function decodeMixed(b: Uint8Array): { text: string; strayBytes: number } {
  const out: string[] = [];
  let strayBytes = 0;
  let start = 0;
  let i = 0;
  while (i < b.length) {
    const n = sequenceLength(b, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (start < i) out.push(UTF8.decode(b.subarray(start, i)));
    out.push(CP1252_HIGH[b[i]! - 0x80]!);
    strayBytes += 1;
    i += 1;
    start = i;
  }
  if (start < b.length) out.push(UTF8.decode(b.subarray(start)));
  return { text: out.join(''), strayBytes };
}

/** The length of the well-formed UTF-8 sequence at `i` (RFC 3629: no overlongs, surrogates or code points past U+10FFFF), or 0. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
