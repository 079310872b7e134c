import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Web API or to a response_url. */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  /** The HTTP status the fake answered with. */
  status: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  user: string;
  text: string;
  blocks?: unknown[];
  /** Set for ephemeral messages: only this user sees it. */
  ephemeralTo?: string;
  /** Set for messages that came through a response_url. */
  responseUrl?: string;
  files?: Array<{ id: string; name: string }>;
}

export interface FakeFile {
  id: string;
  name: string;
  content: Buffer;
  mimetype?: string;
}

type Failure = { status: 429; retryAfter: number } | { status: 200; error: string } | { status: 500 };

export const FAKE_BOT_USER = 'UKBBOT';
export const FAKE_TEAM = 'T0LOCAL';

/**
 * A local Slack Web API on loopback: records every call, keeps the messages the bot posts,
 * serves files and response_urls, and can answer with 429s and errors on demand. The tests
 * point the bot's WebClient at it; the playground shows its messages in a browser.
 */
export class FakeSlack extends EventEmitter {
  readonly calls: RecordedCall[] = [];
  readonly messages: StoredMessage[] = [];
  private readonly files = new Map<string, FakeFile>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly delays = new Map<string, number[]>();
  private readonly responseUrlPosts = new Map<string, number>();
  private readonly admins = new Set<string>();
  private server: Server | null = null;
  private seq = 0;
  url = '';

  constructor(private readonly token: string) {
    super();
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** The next `times` calls of `method` fail this way (429 with Retry-After, a Slack error, or a 500). */
  failNext(method: string, failure: Failure, times = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i += 1) list.push(failure);
    this.failures.set(method, list);
  }

  /** The next `times` calls of `method` are answered only after `ms` milliseconds (a slow Slack, a reply in flight). */
  delayNext(method: string, ms: number, times = 1): void {
    const list = this.delays.get(method) ?? [];
    for (let i = 0; i < times; i += 1) list.push(ms);
    this.delays.set(method, list);
  }

  addFile(file: FakeFile): { id: string; name: string; mimetype: string; size: number; url_private_download: string } {
    this.files.set(file.id, file);
    return this.fileInfo(file);
  }

  makeAdmin(user: string): void {
    this.admins.add(user);
  }

  /** A fresh response_url for a slash command, shortcut or button payload. */
  responseUrl(): string {
    this.seq += 1;
    return `${this.url}/response/${this.seq}`;
  }

  nextTs(): string {
    this.seq += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.seq).padStart(6, '0')}`;
  }

  /** Stores a message as if a person posted it (the playground's side). */
  addUserMessage(m: Omit<StoredMessage, 'ts'> & { ts?: string }): StoredMessage {
    const msg = { ...m, ts: m.ts ?? this.nextTs() };
    this.messages.push(msg);
    this.emit('message', msg);
    return msg;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Everything the bot posted (chat.postMessage, chat.postEphemeral, response_url posts). */
  posts(): RecordedCall[] {
    return this.calls.filter((c) => c.status === 200 && (c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral' || c.method.startsWith('response_url')));
  }

  /** Resolves when `count` matching calls have been recorded, or rejects after `ms`. */
  async waitFor(pred: (c: RecordedCall) => boolean, count = 1, ms = 8000): Promise<RecordedCall[]> {
    const started = Date.now();
    for (;;) {
      const found = this.calls.filter(pred);
      if (found.length >= count) return found;
      if (Date.now() - started > ms) throw new Error(`waited ${ms} ms for ${count} call(s); saw ${this.calls.map((c) => c.method).join(', ') || 'none'}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private fileInfo(f: FakeFile) {
    return { id: f.id, name: f.name, mimetype: f.mimetype ?? 'text/plain', filetype: 'text', size: f.content.length, url_private_download: `${this.url}/files/${f.id}` };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    try {
      if (req.method === 'GET' && url.pathname.startsWith('/files/')) return this.serveFile(req, res, url.pathname.slice(7));
      const body = await readBody(req);
      if (url.pathname.startsWith('/response/')) return this.handleResponseUrl(res, url.pathname, body);
      if (url.pathname.startsWith('/api/')) {
        const method = url.pathname.slice(5);
        // Announced on arrival, before any delay: a test can act while the call is in flight.
        this.emit('request', method);
        const delay = this.delays.get(method)?.shift();
        if (delay) await new Promise((r) => setTimeout(r, delay));
        return this.handleApi(req, res, method, body);
      }
      json(res, 404, { ok: false, error: 'unknown_path' });
    } catch (err) {
      json(res, 500, { ok: false, error: (err as Error).message });
    }
  }

  private serveFile(req: IncomingMessage, res: ServerResponse, id: string): void {
    const f = this.files.get(id);
    this.calls.push({ method: 'file.download', args: { id }, at: Date.now(), status: f ? 200 : 404 });
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      res.writeHead(403).end('missing or wrong bot token');
      return;
    }
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': f.mimetype ?? 'text/plain', 'Content-Length': f.content.length }).end(f.content);
  }

  private handleResponseUrl(res: ServerResponse, path: string, raw: string): void {
    const n = (this.responseUrlPosts.get(path) ?? 0) + 1;
    this.responseUrlPosts.set(path, n);
    const args = JSON.parse(raw || '{}') as Record<string, unknown>;
    // failNext('response_url', …): the next posts to any response_url fail (a 500, or Slack's 404 for a used-up URL).
    const failure = this.failures.get('response_url')?.shift();
    if (failure) {
      const status = failure.status === 200 ? 404 : failure.status;
      this.calls.push({ method: 'response_url', args: { ...args, url: path }, at: Date.now(), status });
      res.writeHead(status).end('failed on purpose');
      return;
    }
    // Slack accepts at most 5 posts to one response_url within 30 minutes.
    const status = n > 5 ? 404 : 200;
    this.calls.push({ method: `response_url${args.delete_original ? '.delete' : args.replace_original ? '.replace' : ''}`, args: { ...args, url: path }, at: Date.now(), status });
    if (status === 200) this.emit('response', { path, args });
    if (status === 404) res.writeHead(404).end('used_url');
    else json(res, 200, { ok: true });
  }

  private handleApi(req: IncomingMessage, res: ServerResponse, method: string, raw: string): void {
    const args = parseArgs(req.headers['content-type'] ?? '', raw);
    const auth = req.headers.authorization ?? (typeof args.token === 'string' ? `Bearer ${args.token}` : '');
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      this.calls.push({ method, args, at: Date.now(), status: failure.status });
      if (failure.status === 429) {
        res.writeHead(429, { 'Retry-After': String(failure.retryAfter), 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      } else if (failure.status === 500) json(res, 500, { ok: false, error: 'internal_error' });
      else json(res, 200, { ok: false, error: failure.error });
      return;
    }
    if (auth !== `Bearer ${this.token}`) {
      this.calls.push({ method, args, at: Date.now(), status: 200 });
      json(res, 200, { ok: false, error: 'invalid_auth' });
      return;
    }
    this.calls.push({ method, args, at: Date.now(), status: 200 });
    json(res, 200, this.answer(method, args));
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const str = (k: string) => (typeof args[k] === 'string' ? (args[k] as string) : undefined);
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'http://localhost/', team: 'Local', user: 'kb', team_id: FAKE_TEAM, user_id: FAKE_BOT_USER, bot_id: 'BKBBOT' };
      case 'chat.postMessage': {
        const msg: StoredMessage = { channel: str('channel') ?? '', ts: this.nextTs(), user: FAKE_BOT_USER, text: str('text') ?? '', blocks: args.blocks as unknown[] | undefined };
        const thread = str('thread_ts');
        if (thread) msg.thread_ts = thread;
        this.messages.push(msg);
        this.emit('message', msg);
        return { ok: true, channel: msg.channel, ts: msg.ts, message: { ...msg, bot_id: 'BKBBOT' } };
      }
      case 'chat.postEphemeral': {
        const msg: StoredMessage = { channel: str('channel') ?? '', ts: this.nextTs(), user: FAKE_BOT_USER, text: str('text') ?? '', blocks: args.blocks as unknown[] | undefined, ephemeralTo: str('user') ?? '' };
        const thread = str('thread_ts');
        if (thread) msg.thread_ts = thread;
        this.messages.push(msg);
        this.emit('message', msg);
        return { ok: true, message_ts: msg.ts };
      }
      case 'chat.update': {
        const m = this.messages.find((x) => x.channel === str('channel') && x.ts === str('ts'));
        if (!m) return { ok: false, error: 'message_not_found' };
        m.text = str('text') ?? m.text;
        if (args.blocks) m.blocks = args.blocks as unknown[];
        this.emit('update', m);
        return { ok: true, channel: m.channel, ts: m.ts };
      }
      case 'files.info': {
        const f = this.files.get(str('file') ?? '');
        return f ? { ok: true, file: this.fileInfo(f) } : { ok: false, error: 'file_not_found' };
      }
      case 'users.info': {
        const user = str('user') ?? '';
        return { ok: true, user: { id: user, name: user.toLowerCase(), is_admin: this.admins.has(user), is_owner: false } };
      }
      default:
        return { ok: true };
    }
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** WebClient sends form-encoded args with JSON-encoded arrays and objects; accept JSON too. */
function parseArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = (v.startsWith('[') || v.startsWith('{')) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
