import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendSignedToBot } from '../../src/local-slack/sign-request.js';
import { createLog } from '../../src/log.js';
import { guardRequests } from '../../src/slack/request-guard.js';

const SECRET = 'guard-test-signing-secret';

/** The guard in front of a listener that answers with the next status of `statuses`. */
function start(statuses: number[], stopping = () => false) {
  const seen: string[] = [];
  const stored = new Map<string, number>();
  const store = {
    signatureSeen: (s: string, now: number) => (stored.get(s) ?? -1) >= now,
    rememberSignature: async (s: string, expiresAt: number) => !stored.has(s) && !!stored.set(s, expiresAt),
    forgetSignature: async (s: string) => void stored.delete(s),
  };
  const listener = (req: IncomingMessage & { rawBody?: Buffer }, res: ServerResponse) => {
    seen.push(req.rawBody?.toString('utf8') ?? '');
    res.writeHead(statuses.shift() ?? 200).end();
  };
  const logs: string[] = [];
  const server: Server = createServer(guardRequests(listener as never, { signingSecret: SECRET, store, log: createLog({ write: (l) => logs.push(l) }), stopping }));
  return {
    seen,
    stored,
    logs,
    server,
    async url() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    },
  };
}

let running: Server | null = null;
beforeEach(() => {
  running = null;
});
afterEach(async () => {
  if (running) await new Promise((resolve) => running!.close(resolve));
});

describe('guardRequests', () => {
  it('hands the verified body on to Bolt once, and refuses the same signature again', async () => {
    const g = start([200]);
    running = g.server;
    const url = await g.url();
    const ts = Math.floor(Date.now() / 1000);
    const payload = { command: '/kb', text: 'help' };
    expect((await sendSignedToBot(url, 'command', payload, { secret: SECRET, timestamp: ts })).status).toBe(200);
    expect((await sendSignedToBot(url, 'command', payload, { secret: SECRET, timestamp: ts })).status).toBe(401);
    expect(g.seen).toEqual(['command=%2Fkb&text=help']);
    // Remembered until the timestamp leaves the 5-minute window.
    expect([...g.stored.values()]).toEqual([ts + 301]);
  });

  it('lets the same signature through again when the first request failed on our side (5xx), as Slack retries it', async () => {
    const g = start([500, 200]);
    running = g.server;
    const url = await g.url();
    const ts = Math.floor(Date.now() / 1000);
    const payload = { type: 'event_callback', event_id: 'Ev1' };
    expect((await sendSignedToBot(url, 'event', payload, { secret: SECRET, timestamp: ts })).status).toBe(500);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await sendSignedToBot(url, 'event', payload, { secret: SECRET, timestamp: ts, retryNum: 1 })).status).toBe(200);
    expect(g.seen).toHaveLength(2);
  });

  it('answers 503 while the bot is stopping, without reading the request', async () => {
    const g = start([200], () => true);
    running = g.server;
    const url = await g.url();
    const r = await sendSignedToBot(url, 'event', { type: 'event_callback' }, { secret: SECRET });
    expect(r.status).toBe(503);
    expect(g.seen).toEqual([]);
  });

  it('passes other paths and methods through untouched (health checks)', async () => {
    const g = start([204]);
    running = g.server;
    const url = await g.url();
    expect((await fetch(url.replace('/slack/events', '/healthz'))).status).toBe(204);
  });

  it('refuses a body over 4 MB with 413', async () => {
    const g = start([200]);
    running = g.server;
    const url = await g.url();
    const r = await sendSignedToBot(url, 'event', { text: 'x'.repeat(4 * 1024 * 1024 + 10) }, { secret: SECRET });
    expect(r.status).toBe(413);
    expect(g.seen).toEqual([]);
  });
});
