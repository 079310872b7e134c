import { parse } from 'yaml';

/** Front matter longer than this is not front matter but a document: it is read as text. */
const MAX_FRONT_MATTER_CHARS = 32 * 1024;
/** A value longer than this (a pasted log in `tags:`) is cut; a list keeps this many items. */
const MAX_VALUE_CHARS = 4000;
const MAX_LIST_ITEMS = 200;
/** YAML aliases (`*a`) a front matter may use: a few are handy, thousands are an alias bomb. */
const MAX_ALIASES = 20;

export interface FrontMatter {
  /** The fields, each a string or a list of strings. */
  fields: Record<string, string | string[]>;
  /** The Markdown after the block. */
  content: string;
  /** What was not strict YAML and how it was read instead, by line number in the file. */
  warnings: string[];
}

/**
 * Splits a Markdown file's `---` front matter from its body and reads the block's fields. YAML
 * is tried first, with aliases bounded; a block that is not valid YAML (an unquoted colon in a
 * title, an unclosed list) is read line by line as `key: value` instead, with a warning, so the
 * article is never lost for its metadata. A `---js` or `---coffee` block is code: it is never run,
 * its fields are not used, and a warning says so.
 */
export function readFrontMatter(source: string): FrontMatter {
  const open = /^---([A-Za-z]*)[ \t]*\r?\n/.exec(source);
  if (!open) return { fields: {}, content: source, warnings: [] };
  const rest = source.slice(open[0].length);
  const close = /^(?:---|\.\.\.)[ \t]*$/m.exec(rest);
  if (!close || close.index > MAX_FRONT_MATTER_CHARS) {
    return { fields: {}, content: source, warnings: [close ? 'front matter over 32 KB; read as text' : 'a --- line with no closing ---; read as text'] };
  }
  const block = rest.slice(0, close.index);
  const content = rest.slice(close.index + close[0].length).replace(/^\r?\n/, '');
  const lang = open[1]!.toLowerCase();
  if (lang && lang !== 'yaml' && lang !== 'yml') {
    return { fields: {}, content, warnings: [`front matter in "${lang}" is never run; its fields are ignored (write YAML key: value lines)`] };
  }
  const plain = plainLines(block);
  if (plain) return { fields: plain, content, warnings: [] };
  const strict = strictYaml(block);
  if (strict.ok) return { fields: strict.fields, content, warnings: [] };
  const lenient = lenientLines(block);
  return { fields: lenient.fields, content, warnings: [`front matter is not valid YAML (${strict.error}); read as key: value lines${lenient.note}`] };
}

/** A value YAML reads as the plain string it looks like: no quotes, anchors, tags, flow or block markers, comments. */
const PLAIN_VALUE = /^[^\s"'&*!|>{}[\]#%@`,][^"'{}[\]#`]*$/;
const PLAIN_ITEM = /^[^\s"'&*!|>{}[\]#%@`,-][^"'{}[\]#`,]*$/;
/** A quoted value YAML reads as its inside: double quotes without escapes, single quotes without quotes in them. */
const QUOTED = /^(?:"([^"\\]*)"|'([^']*)')$/;

/** The string YAML reads a plain or simply quoted scalar as, or null when only a parser can tell. */
function plainScalar(v: string, plain: RegExp): string | null {
  const q = QUOTED.exec(v);
  if (q) return q[1] ?? q[2]!;
  return plain.test(v) && !v.includes(': ') && !/ #/.test(v) ? v : null;
}

type StrictResult = { ok: true; fields: Record<string, string | string[]> } | { ok: false; error: string };

function strictYaml(block: string): StrictResult {
  let data: unknown;
  try {
    data = parse(block, { maxAliasCount: MAX_ALIASES, uniqueKeys: false, prettyErrors: true });
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).split(/ at line \d+|\n/)[0] ?? 'unknown error';
    const line = (err as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    return { ok: false, error: line ? `${message}, line ${line + 1} of the file` : message };
  }
  if (data === null || data === undefined) return { ok: true, fields: {} };
  if (typeof data !== 'object' || Array.isArray(data)) return { ok: false, error: 'not a list of key: value lines' };
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const v = fieldValue(value);
    if (v !== null) fields[key.toLowerCase()] = v;
  }
  return { ok: true, fields };
}

/** A YAML value as a field: scalars as strings, lists of scalars as lists; anything deeper is dropped. */
function fieldValue(value: unknown): string | string[] | null {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value).slice(0, MAX_VALUE_CHARS);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) {
    return value
      .filter((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')
      .slice(0, MAX_LIST_ITEMS)
      .map((x) => String(x).slice(0, MAX_VALUE_CHARS));
  }
  return null;
}

type Fields = Record<string, string | string[]>;
/** Reads one value (a whole value, or an item of a list); null: only a YAML parser can tell. */
type ScalarReader = (value: string, item: boolean) => string | null;

/**
 * The common front matter, read without a YAML parser (a tenth of the time): `key: value` lines,
 * `- item` lines under a `key:`, and `key: [a, b]`, where every value is a plain string YAML
 * would read as written, or one in quotes without escapes. Anything else (escapes, `: ` inside a
 * plain value, anchors, nesting) returns null and goes to the YAML parser.
 */
function plainLines(block: string): Fields | null {
  const read = keyValueLines(block, (v, item) => plainScalar(v, item ? PLAIN_ITEM : PLAIN_VALUE), true);
  return read && read.fields;
}

/**
 * Reads `key: value` lines the way a person wrote them: the key up to the first colon, the value
 * the rest of the line (colons and all), `[a, b]` and `- item` lines as lists, quotes around a
 * whole value dropped. Lines that are none of these are named in the note.
 */
function lenientLines(block: string): { fields: Fields; note: string } {
  const { fields, skipped } = keyValueLines(block, (v) => unquote(v), false)!;
  return { fields, note: skipped.length ? `; skipped line ${skipped.slice(0, 5).join(', ')}` : '' };
}

/**
 * The one walk over front matter lines for both readers above. `strict`: the first line or
 * value `read` cannot take makes the whole block null; otherwise such a line is skipped and
 * its number in the file (the block starts on line 2) kept. An empty `key:` with no items is
 * YAML's null: no field.
 */
function keyValueLines(block: string, read: ScalarReader, strict: boolean): { fields: Fields; skipped: number[] } | null {
  const fields: Fields = {};
  const skipped: number[] = [];
  let list: string[] | null = null;
  const lines = block.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trimEnd();
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item && list) {
      const v = read(item[1]!.trim(), true);
      if (v === null) return null;
      if (list.length < MAX_LIST_ITEMS) list.push(v.slice(0, MAX_VALUE_CHARS));
      continue;
    }
    const kv = /^([A-Za-z_][\w-]*)\s*:(?:\s+(.*))?$/.exec(line);
    if (!kv) {
      if (strict) return null;
      skipped.push(i + 2);
      continue;
    }
    const key = kv[1]!.toLowerCase();
    const value = (kv[2] ?? '').trim();
    list = null;
    if (!value) fields[key] = list = [];
    else if (value.startsWith('[')) {
      if (strict && (!value.endsWith(']') || /["']/.test(value))) return null;
      const items = value.replace(/^\[|\]$/g, '').split(',').map((x) => x.trim()).filter(Boolean).map((x) => read(x, true));
      if (items.some((x) => x === null)) return null;
      fields[key] = (items as string[]).filter(Boolean).slice(0, MAX_LIST_ITEMS);
    } else {
      const v = read(value, false);
      if (v === null) return null;
      fields[key] = v.slice(0, MAX_VALUE_CHARS);
    }
  }
  for (const [k, v] of Object.entries(fields)) if (Array.isArray(v) && v.length === 0) delete fields[k];
  return { fields, skipped };
}

/** A value without the quotes around it, also a quote left open (`title: "unterminated`). */
function unquote(v: string): string {
  const m = /^(["'])(.*)\1$/.exec(v.trim());
  return (m ? m[2]! : v.replace(/^["']|["']$/g, '')).trim();
}
