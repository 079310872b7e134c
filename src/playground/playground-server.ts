import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FAKE_BOT_USER, FAKE_TEAM, type FakeSlack, type StoredMessage } from '../local-slack/fake-slack.js';
import { sendSignedToBot } from '../local-slack/sign-request.js';
import type { Log } from '../log.js';
import { applyResponse, CHANNELS, type ResponseContext, toView, YOU } from './playground-state.js';

const PAGE_DIR = join(import.meta.dirname, 'page');
const STATIC: Record<string, [string, string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/style.css': ['style.css', 'text/css; charset=utf-8'],
};

export interface PlaygroundDeps {
  fake: FakeSlack;
  botUrl: string;
  secret: string;
  log: Log;
  articleCount: () => number;
}

/**
 * The playground's web server: the page, a server-sent event stream of messages, and the
 * page's actions turned into signed Slack requests to the bot's own Bolt receiver.
 */
export function createPlaygroundServer(deps: PlaygroundDeps): { listen(port: number, host: string): Promise<string>; close(): Promise<void> } {
  const { fake } = deps;
  const clients = new Set<ServerResponse>();
  const responses = new Map<string, ResponseContext>();
  let seq = 0;

  const push = (type: 'upsert' | 'delete', m: StoredMessage) => {
    if (m.ephemeralTo && m.ephemeralTo !== YOU) return;
    const data = JSON.stringify({ type, message: toView(m) });
    for (const c of clients) c.write(`data: ${data}\n\n`);
  };
  fake.on('message', (m: StoredMessage) => push('upsert', m));
  fake.on('update', (m: StoredMessage) => push('upsert', m));
  fake.on('response', ({ path, args }: { path: string; args: Record<string, unknown> }) => {
    const ctx = responses.get(path);
    if (!ctx) return;
    const r = applyResponse(fake, ctx, args);
    if (r.deleted) push('delete', r.deleted);
    if (r.changed) push('upsert', r.changed);
  });

  const responseUrl = (ctx: ResponseContext) => {
    const url = fake.responseUrl();
    responses.set(new URL(url).pathname, ctx);
    return url;
  };
  const send = async (kind: 'event' | 'command' | 'interaction', payload: Record<string, unknown>) => {
    const r = await sendSignedToBot(deps.botUrl, kind, payload, { secret: deps.secret });
    if (r.status !== 200) deps.log.warn('the bot refused a playground request', { status: r.status, body: r.body.slice(0, 200) });
  };
  const event = (ev: Record<string, unknown>) => {
    seq += 1;
    return send('event', {
      token: 'playground', team_id: FAKE_TEAM, api_app_id: 'APLAYGROUND', type: 'event_callback', event_id: `EvP${Date.now()}${seq}`,
      event_time: Math.floor(Date.now() / 1000), authorizations: [{ team_id: FAKE_TEAM, user_id: FAKE_BOT_USER, is_bot: true }],
      event: { event_ts: ev.ts, ...ev },
    });
  };

  /** The stored message a shortcut or button click refers to. */
  const messageOf = (body: Record<string, unknown>): StoredMessage => {
    const msg = fake.messages.find((m) => m.channel === String(body.channel) && m.ts === String(body.ts));
    if (!msg) throw new Error('no such message');
    return msg;
  };

  const routes: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    async '/ui/post'(body) {
      const channel = channelOf(body.channel);
      const raw = String(body.text ?? '').slice(0, 40_000);
      const text = slackEscape(raw).replace(/(^|\s)@kb\b/g, `$1<@${FAKE_BOT_USER}>`);
      const threadTs = typeof body.thread_ts === 'string' && body.thread_ts ? body.thread_ts : undefined;
      const files: StoredMessage['files'] = [];
      const file = body.file as { name?: string; content?: string } | undefined;
      if (file?.content !== undefined) {
        seq += 1;
        const f = fake.addFile({ id: `FPLAY${seq}`, name: String(file.name ?? 'file.log').slice(0, 200), content: Buffer.from(String(file.content).slice(0, 6 * 1024 * 1024)) });
        files.push({ id: f.id, name: f.name });
      }
      const msg = fake.addUserMessage({ channel: channel.id, user: YOU, text, ...(threadTs ? { thread_ts: threadTs } : {}), ...(files.length ? { files } : {}) });
      const ev = {
        user: YOU, channel: channel.id, ts: msg.ts, text, ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(files.length ? { files: files.map((f) => ({ id: f.id, name: f.name, mimetype: 'text/plain', filetype: 'text' })), subtype: 'file_share' } : {}),
      };
      // Slack sends a message event for every message, and an app_mention as well for a mention.
      await event({ type: 'message', channel_type: channel.im ? 'im' : 'channel', ...ev });
      if (!channel.im && text.includes(`<@${FAKE_BOT_USER}>`)) await event({ type: 'app_mention', ...ev });
      return { ts: msg.ts };
    },
    async '/ui/command'(body) {
      const channel = channelOf(body.channel);
      const text = String(body.text ?? '').replace(/^\/kb\s*/, '');
      await send('command', {
        token: 'playground', team_id: FAKE_TEAM, team_domain: 'local', channel_id: channel.id, channel_name: channel.name, user_id: YOU, user_name: 'you',
        command: '/kb', text: slackEscape(text), api_app_id: 'APLAYGROUND', response_url: responseUrl({ channel: channel.id, user: YOU }), trigger_id: `trig${Date.now()}`,
      });
      return {};
    },
    async '/ui/shortcut'(body) {
      const msg = messageOf(body);
      await send('interaction', {
        type: 'message_action', callback_id: 'find_kb_fix', trigger_id: 'trig', token: 'playground', team: { id: FAKE_TEAM, domain: 'local' },
        channel: { id: msg.channel, name: channelOf(msg.channel).name }, user: { id: YOU, name: 'you' },
        response_url: responseUrl({ channel: msg.channel, user: YOU, threadTs: msg.thread_ts ?? msg.ts }),
        message: { type: 'message', user: msg.user, ts: msg.ts, text: msg.text, ...(msg.thread_ts ? { thread_ts: msg.thread_ts } : {}), ...(msg.files ? { files: msg.files.map((f) => ({ ...f, mimetype: 'text/plain', filetype: 'text' })) } : {}) },
        message_ts: msg.ts, action_ts: String(Date.now() / 1000),
      });
      return {};
    },
    async '/ui/action'(body) {
      const msg = messageOf(body);
      await send('interaction', {
        type: 'block_actions', token: 'playground', api_app_id: 'APLAYGROUND', trigger_id: 'trig', team: { id: FAKE_TEAM, domain: 'local' },
        user: { id: YOU, name: 'you', team_id: FAKE_TEAM }, channel: { id: msg.channel, name: channelOf(msg.channel).name },
        container: { type: 'message', message_ts: msg.ts, channel_id: msg.channel, is_ephemeral: !!msg.ephemeralTo },
        message: { type: 'message', ts: msg.ts, text: msg.text, blocks: msg.blocks, ...(msg.thread_ts ? { thread_ts: msg.thread_ts } : {}) },
        response_url: responseUrl({ channel: msg.channel, user: YOU, sourceTs: msg.ts, threadTs: msg.thread_ts }),
        actions: [{ type: 'button', action_id: String(body.action_id), block_id: String(body.block_id ?? ''), value: String(body.value ?? ''), action_ts: String(Date.now() / 1000) }],
      });
      return {};
    },
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    try {
      if (req.method === 'GET' && STATIC[path]) {
        const [file, type] = STATIC[path]!;
        res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(readFileSync(join(PAGE_DIR, file)));
        return;
      }
      if (req.method === 'GET' && path === '/ui/state') {
        const visible = fake.messages.filter((m) => !m.ephemeralTo || m.ephemeralTo === YOU).map(toView);
        json(res, 200, { channels: CHANNELS, you: YOU, articles: deps.articleCount(), messages: visible });
        return;
      }
      if (req.method === 'GET' && path === '/ui/events') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      const route = req.method === 'POST' ? routes[path] : undefined;
      if (!route) {
        json(res, 404, { error: `no route ${req.method} ${path}` });
        return;
      }
      const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
      json(res, 200, await route(body));
    } catch (err) {
      deps.log.warn('playground request failed', { path, error: err instanceof Error ? err : String(err) });
      json(res, 400, { error: err instanceof Error ? err.message : String(err) });
    }
  }

  return {
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(`http://${host === '127.0.0.1' ? 'localhost' : host}:${(server.address() as AddressInfo).port}`));
      });
    },
    async close() {
      for (const c of clients) c.end();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function channelOf(id: unknown): (typeof CHANNELS)[number] {
  const c = CHANNELS.find((x) => x.id === id);
  if (!c) throw new Error(`unknown channel ${String(id)}`);
  return c;
}

/** What Slack does to typed text: &, < and > become entities. */
function slackEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 8 * 1024 * 1024) throw new Error('request too large (8 MB at most)');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
