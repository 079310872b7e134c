import fc from 'fast-check';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackSignature } from '../../src/local-slack/sign-request.js';
import { type Harness, SIGNING_SECRET, startHarness } from '../helpers/slack-harness.js';

/**
 * Issue 18, items 11 and 13: a signed body of JSON `null` (or `payload=null`) killed the
 * process; signed arrays, numbers and strings were answered 404 after 3 s; unsigned bodies of
 * up to 4 MB were read before the signature was looked at; trickling connections were held for
 * minutes; `HEAD /healthz` was 404. No request, signed or not, may crash the bot or get a 5xx.
 */
let h: Harness;
let sequence = 0;

async function post(body: string, contentType: string, signed = true): Promise<number> {
  // A distinct timestamp per request keeps two identical bodies from being refused as replays.
  sequence += 1;
  const ts = Math.floor(Date.now() / 1000) - (sequence % 200);
  const headers: Record<string, string> = { 'Content-Type': contentType, 'X-Slack-Request-Timestamp': String(ts) };
  if (signed) headers['X-Slack-Signature'] = slackSignature(SIGNING_SECRET, ts, body);
  const res = await fetch(h.url, { method: 'POST', headers, body });
  await res.arrayBuffer();
  return res.status;
}

const json = (v: unknown) => post(JSON.stringify(v), 'application/json');
const form = (fields: Record<string, string>) => post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');

/** Still serving: a real slash command is acknowledged and answered. */
async function stillServes(): Promise<void> {
  const health = await fetch(h.url.replace('/slack/events', '/healthz'));
  expect(health.status).toBe(200);
  const { status, responseUrl } = await h.command('ORA-12514 TNS:listener does not currently know of service');
  expect(status).toBe(200);
  await h.fake.waitFor((c) => c.args.url === new URL(responseUrl).pathname);
}

/** Sends `bodies` a batch at a time, so that those left unacknowledged (404 after 3 s) wait together. */
async function sendAll(bodies: Array<() => Promise<number>>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < bodies.length; i += 150) statuses.push(...(await Promise.all(bodies.slice(i, i + 150).map((send) => send()))));
  return statuses;
}

const SLACK_TYPES = ['event_callback', 'url_verification', 'block_actions', 'message_action', 'shortcut', 'view_submission', 'view_closed', 'block_suggestion', 'interactive_message', 'dialog_submission', 'app_rate_limited'];
const SLACK_KEYS = ['event', 'channel', 'user', 'team', 'enterprise', 'message', 'actions', 'container', 'authorizations', 'view', 'item', 'files', 'text', 'ts', 'thread_ts', 'event_id', 'channel_id', 'user_id', 'command', 'name', 'challenge', 'is_enterprise_install', 'team_id', 'api_app_id', 'subtype', 'bot_id', 'channel_type', 'value', 'action_id', 'block_id', 'blocks'];

/** Values shaped like Slack's and unlike them: nulls, arrays, numbers where objects go. */
const slackish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }),
    fc.constantFrom(...SLACK_TYPES, 'app_mention', 'message', 'UALICE', 'C0GENERAL', '1700000000.000100', 'kb_share', 'kb_ask_human', 'kb_helpful', 'kb_open_0', '{"q":1,"a":"x"}', '/kb', 'find_kb_fix'),
    tie('object'),
    fc.array(tie('value'), { maxLength: 3 }),
  ),
  object: fc.dictionary(fc.constantFrom(...SLACK_KEYS, 'type', 'id'), tie('value'), { maxKeys: 6 }),
})).value;

const payloads = fc.record({ type: fc.constantFrom(...SLACK_TYPES), rest: fc.dictionary(fc.constantFrom(...SLACK_KEYS), slackish, { maxKeys: 8 }) }).map(({ type, rest }) => ({ ...rest, type }));

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('signed bodies that are not Slack payloads', () => {
  it('answers 400 to JSON null, arrays, numbers, strings and booleans, and to payload= forms of them', async () => {
    const statuses = await sendAll([
      () => post('null', 'application/json'),
      () => post('[]', 'application/json'),
      () => post('[{"type":"event_callback"}]', 'application/json'),
      () => post('42', 'application/json'),
      () => post('"event_callback"', 'application/json'),
      () => post('true', 'application/json'),
      () => post('{not json', 'application/json'),
      () => form({ payload: 'null' }),
      () => form({ payload: '[1,2]' }),
      () => form({ payload: '7' }),
      () => form({ payload: '{oops' }),
    ]);
    expect(statuses).toEqual(statuses.map(() => 400));
    await stillServes();
  });

  it('answers every signed arbitrary JSON body 2xx or 4xx, and keeps serving', async () => {
    const bodies = fc.sample(fc.oneof(fc.jsonValue(), payloads), { numRuns: 300, seed: 1811 });
    const statuses = await sendAll(bodies.map((b) => () => json(b)));
    expect(statuses.filter((s) => s >= 500 || s < 200)).toEqual([]);
    await stillServes();
  }, 60_000);

  it('answers every signed arbitrary form body 2xx or 4xx, and keeps serving', async () => {
    const fields = fc.dictionary(fc.constantFrom('command', 'text', 'user_id', 'channel_id', 'response_url', 'team_id', 'trigger_id', 'ssl_check', 'token', 'x'), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('/kb', 'help', 'stats', 'UALICE', 'C0GENERAL')), { maxKeys: 6 });
    const withPayload = fc.oneof(fc.jsonValue(), payloads).map((p) => ({ payload: JSON.stringify(p) }));
    const bodies = fc.sample(fc.oneof(fields, withPayload), { numRuns: 300, seed: 1812 });
    // A response_url that is not the fake Slack's would send a reply off the machine: only loopback ones.
    const safe = bodies.map((b) => ('response_url' in b ? { ...b, response_url: h.fake.responseUrl() } : b));
    const statuses = await sendAll(safe.map((b) => () => form(b as Record<string, string>)));
    expect(statuses.filter((s) => s >= 500 || s < 200)).toEqual([]);
    await stillServes();
  }, 60_000);
});

describe('what is read, and for how long', () => {
  /** Writes a request's head and part of its body on a raw socket; resolves with the status line the server answers. */
  function partial(head: string, bodyPart: string): { socket: Socket; status: Promise<string> } {
    const { port } = new URL(h.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write(head + bodyPart);
    const status = new Promise<string>((resolve, reject) => {
      let got = '';
      socket.on('data', (d: Buffer) => {
        got += d.toString('latin1');
        if (got.includes('\r\n')) resolve(got.slice(0, got.indexOf('\r\n')));
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(got.slice(0, got.indexOf('\r\n')) || '(closed)'));
    });
    return { socket, status };
  }

  it('refuses an unsigned body before reading it: 401 while 4 MB are still to come', async () => {
    const { socket, status } = partial(`POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${4 * 1024 * 1024}\r\n\r\n`, '{"type":"event_callback",');
    expect(await status).toBe('HTTP/1.1 401 Unauthorized');
    socket.destroy();
  });

  it('refuses a signed body declared larger than the limit at once: 413', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const { socket, status } = partial(`POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Slack-Request-Timestamp: ${ts}\r\nX-Slack-Signature: v0=${'0'.repeat(64)}\r\nContent-Length: ${3 * 1024 * 1024}\r\n\r\n`, '{');
    expect(await status).toBe('HTTP/1.1 413 Payload Too Large');
    socket.destroy();
  });

  it('closes a connection that trickles its headers instead of holding it', async () => {
    const { port } = new URL(h.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write('POST /slack/events HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => socket.write('X-Drip: 1\r\n'), 500);
    try {
      const got = await new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
        socket.on('close', () => resolve(text));
        socket.on('error', () => undefined);
      });
      // Node answers a request whose headers took too long with 408 and closes the connection.
      expect(got).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(drip);
      socket.destroy();
    }
  }, 29_000);

  it('answers HEAD /healthz like GET, without a body', async () => {
    const res = await fetch(h.url.replace('/slack/events', '/healthz'), { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('');
  });
});
