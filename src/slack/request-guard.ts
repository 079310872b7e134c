import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuerystring } from 'node:querystring';
import type { Log } from '../log.js';
import type { SlackStore } from '../store/slack-store.js';

/** Slack's window: a request whose timestamp is further than this from now (either way) is refused. */
export const REQUEST_WINDOW_SECONDS = 5 * 60;
/**
 * The largest request body read from a signed request. Slack's own are far smaller (a 40,000-
 * character message with its blocks is a few hundred KB); a file upload never comes this way.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
/** An unsigned request is read only to answer Slack's `ssl_check=1&token=…`, which is tiny. */
export const MAX_UNSIGNED_BODY_BYTES = 2 * 1024;
/** Bodies buffered at once across every request; past it a request gets 503 (Slack retries it). */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export type Verdict = 'accept' | 'unsigned' | 'bad-signature' | 'outside-window' | 'replay';

export interface RequestGuardOptions {
  signingSecret: string;
  store: Pick<SlackStore, 'signatureSeen' | 'rememberSignature' | 'forgetSignature'>;
  log: Log;
  /** Paths Slack posts to (Bolt's endpoints). Default `/slack/events`. */
  endpoints?: string[];
  /** True once the bot is shutting down: new requests get 503 so Slack retries them later. */
  stopping?: () => boolean;
  /** Work in progress, which shutdown waits for: a request counts from arrival to its response. */
  inFlight?: Set<Promise<unknown>>;
  now?: () => number;
}

/**
 * Checks every request before Bolt sees it: a valid `v0` signature over the exact body, a
 * timestamp within 5 minutes of now in either direction (Bolt itself only refuses old ones),
 * and a signature not accepted before. Slack signs each delivery afresh (retries included), so
 * the same signature twice is a replay: Bolt would run the slash command or button again.
 * Accepted signatures are remembered in memory and in SQLite (`request_signatures`) until their
 * timestamp leaves the window, so a replay is refused after a restart too; one whose request
 * failed on our side (5xx) is forgotten again, so Slack's retry of it is not refused.
 *
 * The body is read here and handed on as `rawBody`, which Bolt's receiver uses as it is.
 */
export function guardRequests(listener: RequestListener, options: RequestGuardOptions): RequestListener {
  const endpoints = options.endpoints ?? ['/slack/events'];
  const now = options.now ?? Date.now;
  const recent = new Map<string, number>();

  /** What the headers alone say: unsigned, outside the window, or worth reading the body of. */
  const judgeHeaders = (headers: IncomingMessage['headers']): Verdict | null => {
    const signature = headers['x-slack-signature'];
    const ts = headers['x-slack-request-timestamp'];
    if (typeof signature !== 'string' || typeof ts !== 'string' || !/^\d{1,12}$/.test(ts) || !/^v0=[0-9a-f]{64}$/.test(signature)) return 'unsigned';
    if (Math.abs(Math.floor(now() / 1000) - Number(ts)) > REQUEST_WINDOW_SECONDS) return 'outside-window';
    return null;
  };

  const judge = (body: Buffer, headers: IncomingMessage['headers']): { verdict: Verdict; signature?: string; timestamp?: number } => {
    const early = judgeHeaders(headers);
    if (early) return { verdict: early };
    const signature = headers['x-slack-signature'] as string;
    const ts = headers['x-slack-request-timestamp'] as string;
    const timestamp = Number(ts);
    const nowS = Math.floor(now() / 1000);
    const expected = Buffer.from(`v0=${createHmac('sha256', options.signingSecret).update(`v0:${ts}:`).update(body).digest('hex')}`);
    if (!timingSafeEqual(expected, Buffer.from(signature))) return { verdict: 'bad-signature' };
    if ((recent.get(signature) ?? -1) >= nowS || options.store.signatureSeen(signature, nowS)) return { verdict: 'replay' };
    return { verdict: 'accept', signature, timestamp };
  };

  const remember = (signature: string, timestamp: number) => {
    const expiresAt = timestamp + REQUEST_WINDOW_SECONDS + 1;
    recent.set(signature, expiresAt);
    if (recent.size > 2000) {
      const nowS = Math.floor(now() / 1000);
      for (const [s, e] of recent) if (e < nowS) recent.delete(s);
    }
    // Memory refuses replays at once; SQLite keeps them refused across a restart. A database
    // busy with an index run delays that write, it does not delay the request.
    options.store.rememberSignature(signature, expiresAt).catch((err: unknown) => options.log.warn('could not remember a request signature', { error: err instanceof Error ? err : String(err) }));
  };

  // A request that failed on our side did nothing: Slack's retry of it (possibly within the same
  // second, so signed identically) must go through.
  const forget = (signature: string) => {
    recent.delete(signature);
    options.store.forgetSignature(signature).catch((err: unknown) => options.log.warn('could not forget a request signature', { error: err instanceof Error ? err : String(err) }));
  };

  let buffered = 0;
  const budget = {
    take(n: number): boolean {
      if (buffered + n > MAX_BUFFERED_BYTES) return false;
      buffered += n;
      return true;
    },
    give(n: number): void {
      buffered -= n;
    },
  };

  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || !endpoints.includes(path)) {
      passOn(listener, req, res, options.log);
      return;
    }
    if (options.stopping?.()) {
      res.writeHead(503, { 'Retry-After': '5', Connection: 'close' }).end();
      req.resume();
      return;
    }
    const done = new Promise<void>((resolve) => res.once('close', resolve));
    options.inFlight?.add(done);
    void done.then(() => options.inFlight?.delete(done));

    // The headers are judged before the body is read: a request without a signature, or with a
    // timestamp outside the window, is refused at once, and costs no buffering. Only Slack's
    // unsigned `ssl_check` (a few bytes) is read.
    const early = judgeHeaders(req.headers);
    if (early === 'outside-window') return refuse(req, res, 401, options.log, 'refused a Slack request', { reason: early, path });
    const limit = early === 'unsigned' ? MAX_UNSIGNED_BODY_BYTES : MAX_BODY_BYTES;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      return refuse(req, res, early === 'unsigned' ? 401 : 413, options.log, 'refused a Slack request before reading it', { reason: early ?? 'body larger than the limit', path, limit });
    }

    void readBody(req, limit, budget).then(
      (read) => {
        if (read === 'too-large') {
          options.log.warn('refused a Slack request: body larger than the limit', { limit, signed: early === null });
          return refuse(req, res, early === 'unsigned' ? 401 : 413);
        }
        if (read === 'busy') {
          options.log.warn('refused a Slack request: too many request bodies being read at once', { limit: MAX_BUFFERED_BYTES });
          return refuse(req, res, 503, undefined, undefined, undefined, { 'Retry-After': '1' });
        }
        const body = read;
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
        // Slack's SSL check carries no signature; Bolt answers it and drops anything else in it.
        if (isSslCheck(body, req.headers['content-type'])) {
          passOn(listener, req, res, options.log);
          return;
        }
        const { verdict, signature, timestamp } = judge(body, req.headers);
        if (verdict !== 'accept' || signature === undefined || timestamp === undefined) {
          options.log.warn('refused a Slack request', { reason: verdict, path });
          res.writeHead(401).end();
          return;
        }
        // Signed, but not a body Slack sends (JSON `null`, `payload=null`, an array, a number):
        // Bolt would crash on it or leave it unanswered for 3 s. Not remembered, since not acted on.
        const shape = slackBodyShape(body, req.headers['content-type']);
        if (shape !== 'object') {
          options.log.warn('refused a signed Slack request: its body is not a Slack payload', { body: shape, path });
          res.writeHead(400).end();
          return;
        }
        remember(signature, timestamp);
        res.once('finish', () => {
          if (res.statusCode >= 500) forget(signature);
        });
        passOn(listener, req, res, options.log);
      },
      (err: unknown) => {
        options.log.warn('could not read a Slack request', { error: err instanceof Error ? err : String(err) });
        if (!res.headersSent) res.writeHead(400).end();
      },
    ).catch((err: unknown) => failed(err, res, options.log));
  };
}

/** Hands the request to Bolt; whatever it throws at once is answered 500 and logged, never a crash. */
function passOn(listener: RequestListener, req: IncomingMessage, res: ServerResponse, log: Log): void {
  try {
    const r = listener(req, res) as unknown;
    if (r instanceof Promise) r.catch((err: unknown) => failed(err, res, log));
  } catch (err) {
    failed(err, res, log);
  }
}

function failed(err: unknown, res: ServerResponse, log: Log): void {
  log.error('handling a Slack request failed', { error: err instanceof Error ? err : String(err) });
  if (!res.headersSent) res.writeHead(500).end();
}

/** Answers `status` without reading the rest of the body, and closes the connection (its body is not read). */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, log?: Log, msg?: string, fields?: Record<string, unknown>, headers: Record<string, string> = {}): void {
  if (log && msg) log.warn(msg, fields);
  if (!res.headersSent) res.writeHead(status, { ...headers, Connection: 'close' }).end();
  req.resume();
}

type BodyRead = Buffer | 'too-large' | 'busy';

/**
 * Reads the body, at most `limit` bytes, within the shared budget. Past either, the rest of the
 * body is read and dropped (so a status can still be answered on the connection), not kept.
 */
function readBody(req: IncomingMessage, limit: number, budget: { take(n: number): boolean; give(n: number): void }): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      budget.give(size);
      outcome();
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      if (size + chunk.length > limit) return settle(() => ((chunks = []), resolve('too-large')));
      if (!budget.take(chunk.length)) return settle(() => ((chunks = []), resolve('busy')));
      size += chunk.length;
      chunks.push(chunk);
    });
    req.on('end', () => settle(() => resolve(Buffer.concat(chunks))));
    req.on('error', (err) => settle(() => reject(err)));
    req.on('close', () => settle(() => reject(new Error('the connection closed before the body was read'))));
  });
}

function isSslCheck(body: Buffer, contentType: string | undefined): boolean {
  return (contentType ?? '').startsWith('application/x-www-form-urlencoded') && new URLSearchParams(body.toString('utf8')).get('ssl_check') === '1';
}

/**
 * What Bolt's receiver would parse this body to (it reads a form when the content type is
 * exactly `application/x-www-form-urlencoded`, its `payload` field as JSON when there is one,
 * and anything else as JSON): `object` is the only kind Slack sends and Bolt can handle.
 */
export function slackBodyShape(body: Buffer, contentType: string | undefined): 'object' | 'not JSON' | 'null' | 'array' | 'number' | 'string' | 'boolean' {
  let parsed: unknown;
  try {
    const text = body.toString('utf8');
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseQuerystring(text);
      const payload = form.payload;
      parsed = typeof payload === 'string' ? JSON.parse(payload) : form;
    } else parsed = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (parsed === null) return 'null';
  if (Array.isArray(parsed)) return 'array';
  const kind = typeof parsed;
  return kind === 'object' ? 'object' : kind === 'number' || kind === 'string' || kind === 'boolean' ? kind : 'not JSON';
}
