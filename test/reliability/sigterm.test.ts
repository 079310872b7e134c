import Database from 'better-sqlite3';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_BOT_USER, FAKE_TEAM, FakeSlack } from '../../src/local-slack/fake-slack.js';
import { sendSignedToBot } from '../../src/local-slack/sign-request.js';
import { KB_DIR, makeTempDir, REPO_DIR, removeTempDir } from '../helpers/temp-dir.js';

/**
 * SIGTERM to the real bot (`node bin/start.mjs`, HTTP mode, its Web API pointed at a fake Slack):
 * it stops taking new events, finishes the reply in flight, closes the database cleanly and
 * exits 0, within a bounded time.
 */
const TOKEN = 'xoxb-sigterm-test-0000000000-token';
const SECRET = 'sigterm-signing-secret-0123456789';
/** The fake Slack holds the in-flight reply this long; the bot must wait for it (grace is 10 s). */
const REPLY_DELAY_MS = 1500;

let tmp: string;
let fake: FakeSlack;
let child: ChildProcess;
let out = '';
let port = 0;
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

function event(id: string, ts: string, text: string): Record<string, unknown> {
  return {
    token: 'legacy', team_id: FAKE_TEAM, api_app_id: 'AKB', type: 'event_callback', event_id: id, event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: FAKE_TEAM, user_id: FAKE_BOT_USER, is_bot: true }],
    event: { type: 'app_mention', user: 'UALICE', channel: 'C0GENERAL', ts, event_ts: ts, text },
  };
}

beforeAll(async () => {
  tmp = makeTempDir('kb-sigterm-');
  fake = new FakeSlack(TOKEN);
  await fake.start();
  child = spawn(process.execPath, [join(REPO_DIR, 'bin', 'start.mjs')], {
    cwd: tmp,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${fake.url}/api/`,
      PORT: '0',
      KB_DB: join(tmp, 'kb.sqlite'),
      KB_DIR,
      LOG_LEVEL: 'debug',
    },
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const started = Date.now();
  while (!/listening on :(\d+)/.test(out)) {
    if (Date.now() - started > 30_000 || child.exitCode !== null) throw new Error(`the bot did not start:\n${out}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  port = Number(/listening on :(\d+)/.exec(out)![1]);
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await fake.stop();
  removeTempDir(tmp);
});

describe('SIGTERM', () => {
  it('stops taking events, finishes the reply in flight, closes the database and exits 0', async () => {
    const url = `http://127.0.0.1:${port}/slack/events`;
    const ts = '1700600001.000100';
    // A reply in flight: the fake Slack holds chat.postMessage while SIGTERM arrives.
    fake.delayNext('chat.postMessage', REPLY_DELAY_MS);
    const posting = new Promise<void>((resolve) => fake.on('request', (m: string) => m === 'chat.postMessage' && resolve()));
    const ack = await sendSignedToBot(url, 'event', event('EvTERM1', ts, '<@UKBBOT> PSQLException: FATAL: sorry, too many clients already'), { secret: SECRET });
    expect(ack.status).toBe(200);
    await posting;

    const signalled = performance.now();
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // New events are no longer taken: refused at the door (closed port, or 503 on a kept-alive connection).
    const late = await sendSignedToBot(url, 'event', event('EvTERM2', '1700600002.000100', '<@UKBBOT> ORA-12514'), { secret: SECRET }).then(
      (r) => r.status,
      () => 'connection refused',
    );
    expect(late === 'connection refused' || late === 503).toBe(true);

    const { code, signal } = await exited;
    const tookMs = performance.now() - signalled;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    // It waited for the reply, and exited once it was done rather than at the end of its grace
    // period (it says when it gives up waiting).
    expect(tookMs).toBeGreaterThan(REPLY_DELAY_MS - 400);
    expect(out).toMatch(/waiting for replies in flight/);
    expect(out).not.toMatch(/gave up waiting/);

    // The reply in flight was posted, once; the late event never was.
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts && c.status === 200)).toHaveLength(1);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === '1700600002.000100')).toHaveLength(0);

    // Closed cleanly: the WAL was folded into the file, which is whole and holds the reply's records.
    const dbFile = join(tmp, 'kb.sqlite');
    expect(existsSync(`${dbFile}-wal`)).toBe(false);
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare("SELECT count(*) FROM queries WHERE surface = 'mention'").pluck().get()).toBe(1);
      expect(db.prepare('SELECT count(*) FROM threads WHERE thread_ts = ?').pluck().get(ts)).toBe(1);
      expect(db.prepare("SELECT count(*) FROM handled WHERE key = 'event:EvTERM1'").pluck().get()).toBe(1);
    } finally {
      db.close();
    }
    expect(out).toMatch(/shutting down/);
    expect(out).toMatch(/waiting for replies in flight/);
    expect(out).toMatch(/stopped; database closed/);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain(SECRET);
  }, 30_000);
});
