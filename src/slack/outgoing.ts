import { redactSecrets } from '../redact/redact-secrets.js';

/**
 * The last door before Slack: every request the bot makes with the Web API client or to a
 * response_url goes through this `fetch`, which scrubs each text in its body of the bot's own
 * credentials (`scrubOwn`) and of secrets by pattern (`redactSecrets`). Answers, `/kb show`,
 * scan excerpts and error notices all leave through it, whatever listener wrote them, so a KB
 * article or a log line that holds a token or a password never reaches a channel.
 *
 * Bodies are form-encoded (the Web API client: JSON-encoded blocks in a field) or JSON
 * (response_url). Ids and button values are left as they are: they carry no text of anyone's.
 */
export function scrubbingFetch(scrubOwn: (text: string) => string, base: typeof fetch = globalThis.fetch): typeof fetch {
  const scrub = (text: string) => scrubOwn(redactSecrets(text));
  return (input, init) => {
    const body = init?.body;
    if (typeof body !== 'string' || !body) return base(input, init);
    return base(input, { ...init, body: scrubBody(body, contentType(init?.headers), scrub) });
  };
}

/** Keys whose values are ids, flags or our own button payloads, never text to scrub. */
const NOT_TEXT = new Set(['token', 'channel', 'user', 'ts', 'thread_ts', 'action_id', 'block_id', 'value', 'type', 'style', 'response_type']);

export function scrubBody(body: string, type: string, scrub: (text: string) => string): string {
  if (type.includes('application/json')) {
    try {
      return JSON.stringify(scrubValue(JSON.parse(body) as unknown, scrub));
    } catch {
      return scrub(body);
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(body);
    const out = new URLSearchParams();
    for (const [key, value] of form) out.append(key, NOT_TEXT.has(key) ? value : scrubField(value, scrub));
    return out.toString();
  }
  return scrub(body);
}

/** A form field: JSON (blocks, attachments) is scrubbed value by value, so its encoding stays valid. */
function scrubField(value: string, scrub: (text: string) => string): string {
  if (value.startsWith('[') || value.startsWith('{')) {
    try {
      return JSON.stringify(scrubValue(JSON.parse(value) as unknown, scrub));
    } catch {
      // not JSON after all: plain text
    }
  }
  return scrub(value);
}

/** Every string in a JSON value scrubbed, except under the keys that hold ids. */
export function scrubValue(value: unknown, scrub: (text: string) => string, key = ''): unknown {
  if (typeof value === 'string') return NOT_TEXT.has(key) ? value : scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, scrub, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, scrub, k)]));
  }
  return value;
}

function contentType(headers: HeadersInit | undefined): string {
  if (!headers) return '';
  if (headers instanceof Headers) return headers.get('content-type') ?? '';
  if (Array.isArray(headers)) return headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === 'content-type') return String(v);
  return '';
}
