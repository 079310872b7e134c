/**
 * KB web pages render code in a viewer with a line-number gutter. Copied as text, a block
 * becomes one line: `1 2 3 4 5 <all the code on one line>`. These functions find such a line
 * and put the code back on separate lines where its shape allows.
 */

/** If `line` starts with a gutter run `1 2 ... n`, returns n and the code after it. */
export function splitGutter(line: string): { lines: number; code: string } | null {
  const m = /^1((?: \d{1,3})*) (?=\S)/.exec(line);
  if (!m) return null;
  const numbers = m[1]!.trim() ? m[1]!.trim().split(' ').map(Number) : [];
  for (let i = 0; i < numbers.length; i += 1) if (numbers[i] !== i + 2) return null;
  const lines = numbers.length + 1;
  const code = line.slice(m[0].length);
  // "1 thing" with a single line is only code when it does not read like a numbered list item.
  if (lines === 1 && /^[A-Z][a-z]+ [a-z]+ [a-z]+/.test(code) && !/\d{3}|[<>:/_]/.test(code)) return null;
  return { lines, code };
}

const BREAK_BEFORE: RegExp[] = [
  // a stack frame
  /\s+(?=at [\w$.<>]+\([^)]*\))/g,
  /\s+(?=at [\w$.<>]+\([\w$]*\.?[\w$]*$)/g,
  // a chained cause and an exception line with its message
  /\s+(?=Caused by: )/g,
  /\s+(?=(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable)(?::|\s*$))/g,
  /\s+(?=\.\.\. \d+ more)/g,
  // a new log line: an ISO-ish timestamp, masked or not
  /\s+(?=\[?\d{4}-[\dX]{2}-[\dX]{2}[ T][\dX]{2}:[\dX]{2})/g,
  // Python traceback lines
  /\s+(?=File "[^"]+", line \d+)/g,
  /\s+(?=Traceback \(most recent call last\))/g,
];

/**
 * Restores line breaks in a flattened snippet. `expectedLines` (the gutter count) caps the
 * work: once the text has as many lines as the gutter said, it stops splitting.
 */
export function unflatten(code: string, expectedLines: number): string {
  if (expectedLines <= 1) return code.trim();
  let text = code.trim();
  for (const re of BREAK_BEFORE) {
    if (lineCount(text) >= expectedLines) break;
    text = text.replace(re, '\n');
  }
  if (lineCount(text) < expectedLines && /<\/?[A-Za-z][\w:-]*[^>]*>/.test(text)) text = splitMarkup(text);
  return text;
}

/**
 * Config in tags (Apache, Tomcat XML): a line per tag, and inside a tag block a line per
 * directive (a capitalised CamelCase word that follows a value).
 */
function splitMarkup(text: string): string {
  const tagged = text.replace(/\s*(<\/?[A-Za-z][\w:-]*[^>]*>)\s*/g, '\n$1\n');
  const out: string[] = [];
  let depth = 0;
  for (const raw of tagged.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (/^<\//.test(line)) depth = Math.max(0, depth - 1);
    if (/^</.test(line)) {
      out.push('  '.repeat(depth) + line);
      if (!/^<\//.test(line) && !/\/>$/.test(line)) depth += 1;
      continue;
    }
    for (const directive of line.split(/\s+(?=[A-Z][a-z]+[A-Z][A-Za-z]+\s)/)) out.push('  '.repeat(depth) + directive.trim());
  }
  return out.join('\n');
}

function lineCount(text: string): number {
  return text.split('\n').length;
}
