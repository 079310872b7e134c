import { constants } from 'node:os';
import { STATUS_CODES } from 'node:http';
import { maskText } from './mask.js';
import type { Signal, SignalKind } from './signal.js';

/**
 * The one signal extractor, run on KB articles and on pasted text alike. Works line by line
 * and token by token with anchored, bounded patterns, so its cost is linear in the input
 * whatever its shape (no pattern here can backtrack across a whole line).
 */
export function extractSignals(text: string, options: { maxFrames?: number } = {}): Signal[] {
  const maxFrames = options.maxFrames ?? 60;
  const found = new SignalSet();
  const lines = splitLines(text);
  let frames = 0;
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const frame = parseFrame(trimmed);
    if (frame) {
      if (frames < maxFrames) {
        found.add('frame', frame.key, frame.text);
        frames += 1;
      }
      continue;
    }
    extractFromLine(trimmed, found);
  }
  return found.list();
}

/** Lines, with traces that were flattened onto one line (a Slack paste, a copied page) split again. */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    for (let i = 0; i < raw.length; i += 2000) {
      const chunk = raw.slice(i, i + 2000);
      if (chunk.length > 160 && /\sat [\w$.<>]+\(|\sCaused by: /.test(chunk)) {
        out.push(...chunk.split(/\s(?=at [\w$.<>/]+\()|\s(?=Caused by: )|\s(?=(?:[a-z_$][\w$]*\.){2,12}[A-Z][\w$]*(?:Exception|Error): )/));
      } else {
        out.push(chunk);
      }
    }
  }
  return out;
}

interface Frame {
  key: string;
  text: string;
}

const JAVA_FRAME = /^at\s+((?:[\w$]+[./]){1,30}?)([\w$<>-]+)\(([^)]{0,300})\)/;
const NODE_FRAME = /^at\s+(?:async\s+)?(?:new\s+)?([^\s()]{1,200})(?:\s\[as [^\]]{1,80}\])?\s\(([^()]{1,400})\)$/;
const NODE_ANON_FRAME = /^at\s+((?:node:|file:\/\/|\/|[A-Za-z]:\\)[^\s()]{1,400}):\d+:\d+$/;
const PY_FRAME = /^File "([^"]{1,400})", line \d+, in ([\w<>.]{1,120})$/;
const GO_FRAME = /^((?:[\w-]{1,100}\/){0,12}[\w-]{1,100}(?:\.[\w-]{1,100}){0,3}?)\.(?:\(\*?\w{1,100}\)\.)?(\w{1,100})\(([^()]{0,300})\)$/;
const DOTNET_FRAME = /^at\s+([\w.`<>$]+)\.([\w<>`$]+)\([^)]{0,300}\)(?:\s+in\s+.{1,300}:line \d+)?$/;

/** A stack frame as a stable key: class or module and method, no line numbers, no generated ids. */
export function parseFrame(line: string): Frame | null {
  let m = PY_FRAME.exec(line);
  if (m) {
    const file = m[1]!.split(/[\\/]/).pop()!.replace(/\.py$/, '');
    return frame(`${file}.${m[2]}`, `${file}.${m[2]}`);
  }
  if (!line.startsWith('at ') && !line.startsWith('at\t')) {
    m = GO_FRAME.exec(line);
    // Go frames: `pkg/path.Func(0x1, ...)` or `main.(*Server).handle({0x5b3e20, 0xc000126000})`; arguments are hex or `...`.
    if (m && /^(?:0x[0-9a-f]+|\.\.\.|\{[^}]*\}|[, ]|)*$/.test(m[3]!)) return frame(`${m[1]}.${m[2]}`, line.replace(/\([^()]*\)$/, ''));
    return null;
  }
  m = NODE_FRAME.exec(line);
  if (m && /:\d+(?::\d+)?$/.test(m[2]!)) {
    const file = fileStem(m[2]!);
    return frame(`${m[1]}@${file}`, `${m[1]} (${file})`);
  }
  m = NODE_ANON_FRAME.exec(line);
  if (m) {
    const file = fileStem(m[1]!);
    return frame(`<anonymous>@${file}`, `<anonymous> (${file})`);
  }
  // Java 9+ prints the module first: `at java.base/java.lang.Thread.run`, `at app//com.x.Y.z`.
  const java = line.replace(/^at\s+[\w.$-]{1,100}(?:@[\w.-]{1,40})?\/\/?(?=[\w$]+\.)/, 'at ');
  m = JAVA_FRAME.exec(java) ?? DOTNET_FRAME.exec(java);
  if (m) {
    const cls = m[1]!.replace(/[./]$/, '');
    return frame(`${cls}.${m[2]}`, `${cls}.${m[2]}`);
  }
  return null;
}

function frame(key: string, text: string): Frame {
  return {
    key: key
      .toLowerCase()
      .replace(/\$\$[\w$]*\$\$[\w$]*|\$\d+|lambda\$[\w$]*?\$\d+/g, '$')
      .replace(/\d+/g, '0'),
    text,
  };
}

function fileStem(location: string): string {
  const path = location.replace(/:\d+(?::\d+)?$/, '').replace(/^file:\/\//, '');
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.(m|c)?[jt]s$/, '');
}

const ERRNO = new Set(Object.keys(constants.errno));
const REASONS = Object.entries(STATUS_CODES)
  .filter(([code]) => Number(code) >= 400)
  .map(([code, reason]) => [code, (reason ?? '').toLowerCase()] as const);

const EXCEPTION_TOKEN = /^((?:[A-Za-z_$][\w$]{0,60}\.){0,20})([A-Z][\w$]{0,100}?(?:Exception|Error|Throwable|Fault|Failure|Panic|Exit))(?:[:,;)\]]*)$/;
const CODE_DASHED = /^([A-Z][A-Z0-9]{1,9}-\d{2,6})[:,.;)\]]*$/;
const CODE_PREFIXED = /^([A-Z]{2,4}\d{4,6}[A-Z]?)[:,.;)\]]*$/;
const CODE_UNDERSCORE = /^\[?([A-Z][A-Z0-9]{0,30}(?:_[A-Z0-9]{1,30}){1,8})[\]:,.;)]*$/;
const NOT_EXCEPTIONS = new Set(['error', 'exit', 'failure', 'fault', 'panic']);

const LEVEL_LOGGER = /\b(?:ERROR|WARN|WARNING|FATAL|SEVERE|CRITICAL|INFO|DEBUG)\b\s{1,5}(?:\d{1,9}\s+---\s+)?(?:\[[^\]]{0,200}\]\s{1,5}){0,2}\[?((?:[A-Za-z_$][\w$]{0,60}\.){1,15}[A-Za-z_$][\w$]{0,80})\]?/;
/** A level word in upper case, or bracketed in lower case the way nginx and Apache write it (`[error]`, `[proxy:error]`). */
const SEVERE_LEVEL = /(?:^|\s)(?:ERROR|FATAL|SEVERE|CRITICAL|WARN|WARNING)(?=\s)|\[(?:[a-z_]{1,30}:)?(?:error|crit|alert|emerg|warn)\]/;
/** A Kubernetes event as `kubectl describe` prints it: type, reason, age, source, message. */
const KUBE_EVENT = /^(?:Warning|Normal)\s+[A-Za-z]{2,60}\s+\S{1,20}(?:\s\([^)]{0,40}\))?\s+[\w,.-]{1,100}\s{2,}(\S.*)$/;
const ERROR_LEVEL = /\b(ERROR|FATAL|SEVERE|CRITICAL|WARN|WARNING|Error|error|failed|Failed|FAILED)\b/;

const JSON_MESSAGE = /"(?:reason|message|msg|error_description|errorMessage)"\s?:\s?"((?:[^"\\]|\\.){8,400}?)"/g;

function addMessage(message: string, found: SignalSet): void {
  const template = maskText(message).replace(/^(?:<\*>\s*)+/, '');
  if (template.replace(/<\*>|[^a-z]/g, '').length >= 8) found.add('message', template.slice(0, 240), message.slice(0, 240));
}

function extractFromLine(line: string, found: SignalSet): void {
  // Exceptions and codes, token by token.
  let exceptionAt = -1;
  const tokens = line.split(/\s+/);
  let offset = 0;
  for (const raw of tokens) {
    const t = tokenSignals(raw);
    for (const s of t.signals) found.add(s.kind, s.key, s.text);
    if (t.exception && exceptionAt < 0) exceptionAt = line.indexOf(raw, offset) + raw.length;
    offset += raw.length + 1;
  }
  extractCodesInContext(line, found);
  extractHttp(line, found);

  // The logger of a log line, by its class name.
  const lg = LEVEL_LOGGER.exec(line);
  if (lg) {
    const logger = lg[1]!;
    const last = logger.split('.').pop()!;
    if (last.length > 3 && /[A-Z]/.test(last)) found.add('logger', last.toLowerCase(), logger);
  }

  // The message: after the exception class, or the text of an error-level log line.
  let message: string | null = null;
  if (exceptionAt > 0) message = line.slice(exceptionAt).replace(/^[:\s]+/, '');
  else if (/^(?:panic|fatal|error|Error|ERROR|FATAL|E\d{4}|npm ERR!)[:!]?\s/.test(line)) message = line.replace(/^[^\s]+\s+/, '');
  else if (ERROR_LEVEL.test(line) && lg) message = line.slice((lg.index ?? 0) + lg[0].length).replace(/^[\s\]:-]+/, '');
  else {
    // Other log layouts (Jira: `ERROR user reqid - ip /path [logger] message`): the text after the
    // level, bracketed fields dropped; masking takes care of ids, IPs and times.
    const event = KUBE_EVENT.exec(line);
    const lvl = event ? null : SEVERE_LEVEL.exec(line);
    if (event) message = event[1]!;
    else if (lvl) message = line.slice(lvl.index + lvl[0].length).replace(/\[[^\]]{0,200}\]/g, ' ').replace(/^[\s:-]+/, '');
    else message = quotedErrorStatement(line);
  }
  if (message) addMessage(withoutProseTail(message), found);
  // Structured logs and JSON error bodies carry their messages in fields (`"reason":"..."`,
  // `"msg":"..."`): each is a message of its own.
  if (line.includes('":') && line.includes('{')) for (const m of line.matchAll(JSON_MESSAGE)) addMessage(m[1]!.replace(/\\(.)/g, '$1'), found);
}

/**
 * An error quoted inside other text: `git pull says fatal: refusing to merge ...`, `fails with
 * 'Error: pg_config executable not found.'`, `AADSTS50011: The redirect URI ...`,
 * `Error response from daemon: ...`, `cluster_block_exception: index ... blocked`. The statement
 * runs from its marker (an error word or an error code, then a colon) to its closing quote, or
 * else to the end of the sentence.
 */
const ERROR_MARKER =
  /(^|[\s'"`(\[])(?:(?:(?:error|fatal|panic)(?:\s[a-z-]{1,20}){0,3}|[a-z]{2,30}(?:_[a-z]{2,30}){0,6}_(?:exception|error)|[A-Z]{2,8}-?\d{3,6}|E[A-Z]{3,12})(?:\[[^\]\s]{0,40}\])?[:!]|error code [\w-]{1,12}\s?[-:])\s/i;

/** The quote that closes a statement opened by the same quote: not followed by a word character. */
const CLOSING_QUOTE: Readonly<Record<string, RegExp>> = { "'": /'(?!\w)/, '"': /"(?!\w)/, '`': /`(?!\w)/ };

function quotedErrorStatement(line: string): string | null {
  const m = ERROR_MARKER.exec(line);
  if (!m) return null;
  const rest = line.slice(m.index + m[0].length);
  const closing = CLOSING_QUOTE[m[1]!];
  if (closing) {
    const close = rest.search(closing);
    if (close > 0) return rest.slice(0, close);
  }
  // Unquoted: the first sentence is the error (or the first two, when the first is a word or two:
  // `Conflict. The container name "/web" is already in use`); what follows is the asker's own words.
  let end = rest.search(/[?.](?:\s|$)|\s-\s/);
  if (end > 0 && rest.slice(0, end).split(/\s+/).length < 3) {
    const next = rest.slice(end + 1).search(/[?.](?:\s|$)|\s-\s/);
    end = next < 0 ? -1 : end + 1 + next;
  }
  return end > 0 ? rest.slice(0, end) : rest;
}

/**
 * A message quoted in a sentence (`got 'OutOfMemoryError: GC overhead limit exceeded' twice`)
 * ends at the quote that closes it: a quote that no quote in the message opened.
 */
function withoutProseTail(message: string): string {
  const open = { "'": false, '"': false, '`': false };
  for (let i = 0; i < message.length; i += 1) {
    const c = message[i] as keyof typeof open;
    if (!(c in open)) continue;
    const before = message[i - 1] ?? ' ';
    const after = message[i + 1] ?? ' ';
    if (open[c]) open[c] = false;
    else if (/[\s(\[=:,]/.test(before)) open[c] = true;
    else if (/[\s.,;:!?)]/.test(after) && i > 0) return message.slice(0, i);
  }
  return message;
}

interface TokenSignals {
  /** In the order they are added: exception, then codes. */
  signals: readonly Signal[];
  /** True when the token is an exception class: the message starts after it. */
  exception: boolean;
}

const NO_SIGNALS: TokenSignals = { signals: [], exception: false };
const SNAKE_EXCEPTION = /(?<![a-z0-9_])([a-z][a-z0-9]*(?:_[a-z0-9]+){1,8}_exception)(?![a-z0-9_])/;
/**
 * What one whitespace-separated token is (an exception class, codes), remembered: the same
 * words and class names come back on every line and in every article. It depends on the token
 * alone, so the cache cannot change what extractSignals returns.
 */
const tokenCache = new Map<string, TokenSignals>();
/** Entries kept (then the cache starts again): as small as the term cache, and for the same reason (terms.ts). */
const TOKEN_CACHE_MAX = 20_000;

function tokenSignals(raw: string): TokenSignals {
  const cached = tokenCache.get(raw);
  if (cached) return cached;
  const signals: Signal[] = [];
  let exception = false;
  const tok = raw.replace(/^[("'[<{]+/, '');
  if (tok.length <= 160) {
    const ex = EXCEPTION_TOKEN.exec(tok);
    if (ex && !NOT_EXCEPTIONS.has(ex[2]!.toLowerCase())) {
      signals.push({ kind: 'exception', key: ex[2]!.toLowerCase(), text: `${ex[1]}${ex[2]}` });
      exception = true;
    }
    // An exception type written in snake_case, as Elasticsearch and other JSON APIs report the
    // Java class (`"type":"circuit_breaking_exception"` is CircuitBreakingException): the same key.
    if (!exception && tok.includes('_exception')) {
      const snake = SNAKE_EXCEPTION.exec(tok);
      const key = snake?.[1]!.replace(/_/g, '');
      if (snake && key && !NOT_EXCEPTIONS.has(key)) {
        signals.push({ kind: 'exception', key, text: snake[1]! });
        exception = true;
      }
    }
    const code = CODE_DASHED.exec(tok) ?? CODE_PREFIXED.exec(tok);
    if (code) signals.push({ kind: 'code', key: code[1]!.toUpperCase(), text: code[1]! });
    const bare = tok.replace(/[:,.;)\]'"]+$/, '');
    if (ERRNO.has(bare) && bare.length >= 4) signals.push({ kind: 'code', key: bare, text: bare });
    const under = CODE_UNDERSCORE.exec(tok);
    if (under && under[1]!.length >= 6) signals.push({ kind: 'code', key: under[1]!, text: under[1]! });
  }
  const result = signals.length ? { signals: signals.map((x) => ({ kind: x.kind, key: own(x.key), text: own(x.text) })), exception } : NO_SIGNALS;
  // Timestamps, ids and long tokens are seldom seen twice: not worth a slot.
  if (raw.length <= 64 && !/\d{3}/.test(raw)) {
    if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear();
    tokenCache.set(own(raw), result);
  }
  return result;
}

/**
 * A copy that does not keep the text it was cut from alive: V8 represents a substring of 13+
 * characters as a view into the whole input, and a cache must not pin a pasted 64 KB log.
 */
function own(s: string): string {
  return s.length < 13 ? s : `${s} `.slice(0, -1);
}

const CONTEXT_CODES: Array<[RegExp, (m: RegExpExecArray) => [string, string]]> = [
  [/\bSQL\s?STATE\W{0,3}([0-9A-Z]{5})\b/i, (m) => [`SQLSTATE-${m[1]!.toUpperCase()}`, `SQLSTATE ${m[1]}`]],
  [/\berrno[:=\s]{0,3}(-?\d{1,5})\b/i, (m) => [`ERRNO${m[1]}`, `errno ${m[1]}`]],
  [/\bexit(?:ed)?\s(?:with\s)?(?:status|code)\W{0,3}(\d{1,3})\b/i, (m) => [`EXIT-${m[1]}`, `exit code ${m[1]}`]],
  [/\bExit Code:\s{0,3}(\d{1,3})\b/, (m) => [`EXIT-${m[1]}`, `exit code ${m[1]}`]],
  [/\berror code\W{0,3}(-?\d{1,6})\b/i, (m) => [`ERROR-CODE-${m[1]}`, `error code ${m[1]}`]],
  [/\bERROR (\d{4}) \(([0-9A-Z]{5})\)/, (m) => [`ERROR-${m[1]}`, `ERROR ${m[1]}`]],
  // The same MySQL error as a driver reports it: PDO's `SQLSTATE[HY000] [1040]`, Python's `(1045, "...")`.
  [/\bSQL\s?STATE\[[0-9A-Z]{5}\]\s?\[(\d{4})\]/i, (m) => [`ERROR-${m[1]}`, `ERROR ${m[1]}`]],
  [/\b(?:Operational|Internal|Programming|Integrity|Interface|Database)Error\W{0,3}\((\d{4}),\s?["']/, (m) => [`ERROR-${m[1]}`, `ERROR ${m[1]}`]],
  [/\b(?:error|code)\s?=\s?(\d{2,6})\b/, (m) => [`ERROR-CODE-${m[1]}`, `code ${m[1]}`]],
  // A gRPC status, as container runtimes, etcd and cloud SDKs report it: `rpc error: code = NotFound desc = ...`.
  [/\b(?:rpc error: code = ([A-Z][A-Za-z]{2,30})\b|code = ([A-Z][A-Za-z]{2,30}) desc\b)/, (m) => [`GRPC-${m[1] ?? m[2]}`, `rpc code ${m[1] ?? m[2]}`]],
];

function extractCodesInContext(line: string, found: SignalSet): void {
  // Every pattern but SQLSTATE's and gRPC's needs a digit: most lines of an article have none (a cheap test first).
  if (!/\d/.test(line) && !/sql\s?state|rpc error|code = [A-Z]/i.test(line)) return;
  for (const [re, key] of CONTEXT_CODES) {
    const m = re.exec(line);
    if (m) {
      const [k, t] = key(m);
      found.add('code', k, t);
    }
  }
  // MySQL's `ERROR 1040 (HY000)` names the SQLSTATE too.
  const mysql = /\bERROR \d{4} \(([0-9A-Z]{5})\)/.exec(line);
  if (mysql) found.add('code', `SQLSTATE-${mysql[1]}`, `SQLSTATE ${mysql[1]}`);
}

const HTTP_CONTEXT = /\b(?:HTTP(?:\/[\d.]{1,3})?|status(?:\scode)?|response(?:\scode)?|returned(?:\serror)?|responded(?:\swith)?|got|get|gets|getting|a|an|with|error)[\s:=]{1,3}([1-5]\d\d)\b/gi;
const HTTP_SUFFIX = /\b([45]\d\d)\s?(?:errors?|responses?|status|s\b)/gi;

function extractHttp(line: string, found: SignalSet): void {
  // Every way a status is found needs three digits in a row; most lines have none (a cheap test first).
  if (!/\d\d\d/.test(line)) return;
  const add = (code: string) => found.add('http', `HTTP-${code}`, `HTTP ${code}`);
  for (const m of line.matchAll(HTTP_CONTEXT)) add(m[1]!);
  for (const m of line.matchAll(HTTP_SUFFIX)) add(m[1]!);
  // A reason phrase counts only next to its 4xx/5xx code.
  if (!/\b[45]\d\d\b/.test(line)) return;
  const lower = line.toLowerCase();
  for (const [code, reason] of REASONS) {
    if (reason.length > 5 && lower.includes(reason) && new RegExp(`\\b${code}\\b`).test(line)) add(code);
  }
}

/** Keeps each (kind, key) once, in order of first appearance. */
class SignalSet {
  private readonly seen = new Map<string, Signal>();
  add(kind: SignalKind, key: string, text: string): void {
    const id = `${kind}\u0000${key}`;
    if (!this.seen.has(id)) this.seen.set(id, { kind, key, text });
  }
  list(): Signal[] {
    return [...this.seen.values()];
  }
}
