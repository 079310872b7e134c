import { createHmac } from 'node:crypto';

/**
 * Builds and sends requests to a Bolt HTTP receiver exactly as Slack does: the body (JSON for
 * events, form-encoded for slash commands, `payload=` for interactivity) signed with
 * `v0:<timestamp>:<body>` in X-Slack-Signature and X-Slack-Request-Timestamp.
 */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export type SlackRequestKind = 'event' | 'command' | 'interaction';

export function encodeSlackBody(kind: SlackRequestKind, payload: Record<string, unknown>): { body: string; contentType: string } {
  if (kind === 'event') return { body: JSON.stringify(payload), contentType: 'application/json' };
  if (kind === 'command') {
    const form = new URLSearchParams(Object.entries(payload).map(([k, v]) => [k, String(v)]));
    return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

export interface SendOptions {
  secret: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Override the signature (tests of refusal); null sends none. */
  signature?: string | null;
  retryNum?: number;
}

export async function sendSignedToBot(
  url: string,
  kind: SlackRequestKind,
  payload: Record<string, unknown>,
  options: SendOptions,
): Promise<{ status: number; body: string; ms: number }> {
  const { body, contentType } = encodeSlackBody(kind, payload);
  const ts = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'Content-Type': contentType, 'X-Slack-Request-Timestamp': String(ts) };
  const sig = options.signature === undefined ? slackSignature(options.secret, ts, body) : options.signature;
  if (sig !== null) headers['X-Slack-Signature'] = sig;
  if (options.retryNum !== undefined) {
    headers['X-Slack-Retry-Num'] = String(options.retryNum);
    headers['X-Slack-Retry-Reason'] = 'http_timeout';
  }
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, body: await res.text(), ms: performance.now() - started };
}
