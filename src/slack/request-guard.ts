import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Log } from '../log.js';
import type { SlackStore } from '../store/slack-store.js';

/** Slack's window: a request whose timestamp is further than this from now (either way) is refused. */
export const REQUEST_WINDOW_SECONDS = 5 * 60;
/** The largest request body read (Bolt's own default): a file upload never comes this way. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

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

  const judge = (body: Buffer, headers: IncomingMessage['headers']): { verdict: Verdict; signature?: string; timestamp?: number } => {
    const signature = headers['x-slack-signature'];
    const ts = headers['x-slack-request-timestamp'];
    if (typeof signature !== 'string' || typeof ts !== 'string' || !/^\d{1,12}$/.test(ts) || !/^v0=[0-9a-f]{64}$/.test(signature)) return { verdict: 'unsigned' };
    const timestamp = Number(ts);
    const nowS = Math.floor(now() / 1000);
    if (Math.abs(nowS - timestamp) > REQUEST_WINDOW_SECONDS) return { verdict: 'outside-window' };
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

  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || !endpoints.includes(path)) {
      listener(req, res);
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

    void readBody(req, MAX_BODY_BYTES).then(
      (body) => {
        if (body === null) {
          options.log.warn('refused a Slack request: body larger than the limit', { limit: MAX_BODY_BYTES });
          res.writeHead(413).end();
          return;
        }
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
        // Slack's SSL check carries no signature; Bolt answers it and drops anything else in it.
        if (isSslCheck(body, req.headers['content-type'])) {
          listener(req, res);
          return;
        }
        const { verdict, signature, timestamp } = judge(body, req.headers);
        if (verdict !== 'accept' || signature === undefined || timestamp === undefined) {
          options.log.warn('refused a Slack request', { reason: verdict, path });
          res.writeHead(401).end();
          return;
        }
        remember(signature, timestamp);
        res.once('finish', () => {
          if (res.statusCode >= 500) forget(signature);
        });
        listener(req, res);
      },
      (err: unknown) => {
        options.log.warn('could not read a Slack request', { error: err instanceof Error ? err : String(err) });
        if (!res.headersSent) res.writeHead(400).end();
      },
    );
  };
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function isSslCheck(body: Buffer, contentType: string | undefined): boolean {
  return (contentType ?? '').startsWith('application/x-www-form-urlencoded') && new URLSearchParams(body.toString('utf8')).get('ssl_check') === '1';
}
