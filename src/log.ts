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
 * A JSON-lines logger. Every line passes through secret redaction, and the values of
 * `secrets` (the bot's own tokens and signing secret) are replaced wherever they appear.
 */
export function createLog(options: { level?: Level; secrets?: Array<string | null>; write?: (line: string) => void } = {}): Log {
  const min = ORDER[options.level ?? 'info'];
  const secrets = (options.secrets ?? []).filter((s): s is string => !!s && s.length >= 6);
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: Level, msg: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[level] < min) return;
    const plain = Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, v instanceof Error ? { message: v.message, code: (v as { code?: unknown }).code } : v]),
    );
    let line = JSON.stringify({ at: new Date().toISOString(), level, msg, ...plain });
    for (const s of secrets) line = line.split(s).join('[REDACTED]');
    write(redactSecrets(line));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}
