import { redactSecrets } from './redact/redact-secrets.js';

export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Log {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * A JSON-lines logger. Every string (the message and each field, however deeply nested) is
 * redacted before it is JSON-encoded: encoding first would turn `"password": "x"` into
 * `\"password\": \"x\"`, which no pattern reads as a pair. The values of `secrets` (the bot's
 * own tokens and signing secret) are replaced wherever they appear, also in the final line.
 */
export function createLog(options: { level?: Level; secrets?: Array<string | null>; write?: (line: string) => void } = {}): Log {
  const min = ORDER[options.level ?? 'info'];
  const scrub = createScrubber(options.secrets ?? []);
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: Level, msg: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[level] < min) return;
    const clean = (s: string) => scrub(redactSecrets(s));
    const line = JSON.stringify({ at: new Date().toISOString(), level, msg: clean(msg), ...(plain(fields, clean, 0) as Record<string, unknown>) });
    write(scrub(line));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/**
 * Replaces each of `secrets` (values of at least 6 characters) with [REDACTED]: for text that
 * is not logged but must not carry the bot's own credentials either (errors, replies).
 */
export function createScrubber(secrets: ReadonlyArray<string | null | undefined>): (text: string) => string {
  const list = secrets.filter((s): s is string => !!s && s.length >= 6);
  return (text) => {
    let out = text;
    for (const s of list) if (out.includes(s)) out = out.split(s).join('[REDACTED]');
    return out;
  };
}

/** Fields as plain JSON values with every string cleaned; Errors as message and code. */
function plain(value: unknown, clean: (s: string) => string, depth: number): unknown {
  if (typeof value === 'string') return clean(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[nested]';
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { message: clean(value.message), ...(code !== undefined ? { code: plain(code, clean, depth + 1) } : {}) };
  }
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => plain(v, clean, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, clean, depth + 1)]));
}
