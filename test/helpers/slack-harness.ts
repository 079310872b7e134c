import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/config.js';
import { checkSlackLimits, type SlackMessage } from '../../src/reply/slack-limits.js';
import { FAKE_BOT_USER, FAKE_TEAM, FakeSlack, type RecordedCall } from '../../src/local-slack/fake-slack.js';
import { type SendOptions, sendSignedToBot } from '../../src/local-slack/sign-request.js';
import { createLog } from '../../src/log.js';
import { createServices, type Services } from '../../src/services.js';
import { createSlackBot, type SlackBot } from '../../src/slack/app.js';

export const BOT_TOKEN = 'xoxb-test-0000-bot-token';
export const SIGNING_SECRET = 'test-signing-secret-123';
export const KB_DIR = join(import.meta.dirname, '..', '..', 'kb');

export interface Harness {
  fake: FakeSlack;
  /** The SQLite file the bot uses. */
  dbFile: string;
  services: Services;
  bot: SlackBot;
  url: string;
  logs: string[];
  event(event: Record<string, unknown>, opts?: Partial<SendOptions> & { eventId?: string }): Promise<{ status: number; body: string }>;
  command(text: string, opts?: { user?: string; channel?: string }): Promise<{ status: number; responseUrl: string }>;
  shortcut(message: Record<string, unknown>, opts?: { user?: string; channel?: string }): Promise<{ status: number; responseUrl: string }>;
  click(message: { ts?: string; text?: string; blocks?: unknown[]; thread_ts?: string }, actionId: string, opts?: { user?: string; channel?: string; ephemeral?: boolean }): Promise<{ status: number; responseUrl: string }>;
  close(): Promise<void>;
}

let counter = 0;

export interface HarnessOptions {
  /** Use this SQLite file (kept on close) instead of a fresh one: a restart on the same data. */
  dbFile?: string;
  /** Use this fake Slack (left running on close) instead of a new one. */
  fake?: FakeSlack;
  /** KB folders to index and re-index (KB_DIR), default the bundled kb/. */
  kbDirs?: string[];
}

/** A running bot on loopback, talking to a fake Slack Web API, on a fresh SQLite file with the bundled KB. */
export async function startHarness(env: Record<string, string> = {}, options: HarnessOptions = {}): Promise<Harness> {
  const dir = options.dbFile ? null : mkdtempSync(join(tmpdir(), 'kb-slack-'));
  const dbFile = options.dbFile ?? join(dir!, 'kb.sqlite');
  const fake = options.fake ?? new FakeSlack(BOT_TOKEN);
  const apiUrl = options.fake ? options.fake.url : await fake.start();
  const services = createServices(dbFile);
  const kbDirs = options.kbDirs ?? [KB_DIR];
  services.index(kbDirs);
  const config = readConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${apiUrl}/api/`,
    PORT: '0',
    KB_EXPERTS: 'S0EXPERTS',
    KB_ADMINS: 'UADMIN',
    KB_DIR: kbDirs.join(','),
    ...env,
  });
  const logs: string[] = [];
  const bot = createSlackBot(config, services, createLog({ level: 'debug', secrets: [BOT_TOKEN, SIGNING_SECRET], write: (l) => logs.push(l) }));
  const port = await bot.start();
  const url = `http://127.0.0.1:${port}/slack/events`;
  const signed = { secret: SIGNING_SECRET };

  return {
    fake,
    dbFile,
    services,
    bot,
    url,
    logs,
    async event(event, opts = {}) {
      counter += 1;
      const payload = {
        token: 'legacy',
        team_id: FAKE_TEAM,
        api_app_id: 'AKB',
        type: 'event_callback',
        event_id: opts.eventId ?? `Ev${Date.now()}${counter}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: FAKE_TEAM, user_id: FAKE_BOT_USER, is_bot: true }],
        event: { event_ts: event.ts, ...event },
      };
      return sendSignedToBot(url, 'event', payload, { ...signed, ...opts });
    },
    async command(text, opts = {}) {
      const responseUrl = fake.responseUrl();
      const r = await sendSignedToBot(url, 'command', {
        token: 'legacy', team_id: FAKE_TEAM, team_domain: 'local', channel_id: opts.channel ?? 'C0GENERAL', channel_name: 'general',
        user_id: opts.user ?? 'UALICE', user_name: 'alice', command: '/kb', text, api_app_id: 'AKB', response_url: responseUrl, trigger_id: `t${counter}`,
      }, signed);
      return { status: r.status, responseUrl };
    },
    async shortcut(message, opts = {}) {
      const responseUrl = fake.responseUrl();
      const r = await sendSignedToBot(url, 'interaction', {
        type: 'message_action', callback_id: 'find_kb_fix', trigger_id: 't1', response_url: responseUrl, token: 'legacy',
        team: { id: FAKE_TEAM, domain: 'local' }, channel: { id: opts.channel ?? 'C0GENERAL', name: 'general' },
        user: { id: opts.user ?? 'UALICE', name: 'alice' }, message: { type: 'message', ...message }, message_ts: message.ts, action_ts: String(Date.now() / 1000),
      }, signed);
      return { status: r.status, responseUrl };
    },
    async click(message, actionId, opts = {}) {
      const responseUrl = fake.responseUrl();
      const blocks = (message.blocks ?? []) as Array<{ block_id?: string; elements?: Array<{ action_id?: string; value?: string }> }>;
      const button = blocks.flatMap((b) => (b.elements ?? []).map((e) => ({ ...e, block_id: b.block_id }))).find((e) => e.action_id === actionId);
      if (!button) throw new Error(`no button ${actionId} in the message`);
      const channel = opts.channel ?? 'C0GENERAL';
      const r = await sendSignedToBot(url, 'interaction', {
        type: 'block_actions', token: 'legacy', api_app_id: 'AKB', trigger_id: 't2', response_url: responseUrl,
        user: { id: opts.user ?? 'UALICE', name: 'alice', team_id: FAKE_TEAM }, team: { id: FAKE_TEAM, domain: 'local' },
        container: { type: 'message', message_ts: message.ts ?? '1.1', channel_id: channel, is_ephemeral: opts.ephemeral ?? false },
        channel: { id: channel, name: 'general' },
        message: { type: 'message', ts: message.ts ?? '1.1', text: message.text ?? '', blocks: message.blocks, ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}) },
        actions: [{ type: 'button', action_id: actionId, block_id: button.block_id ?? 'b', value: button.value, action_ts: String(Date.now() / 1000), text: { type: 'plain_text', text: 'x' } }],
      }, signed);
      return { status: r.status, responseUrl };
    },
    async close() {
      // Every message the bot produced in this test file must be one Slack would accept.
      const broken = fake.calls
        .filter((c) => c.status === 200 && /^(chat\.postMessage|chat\.postEphemeral|chat\.update|response_url(\.replace)?)$/.test(c.method))
        .map((c) => ({ method: c.method, problems: checkSlackLimits({ text: String(c.args.text ?? ''), blocks: (c.args.blocks ?? []) as SlackMessage['blocks'] }) }))
        .filter((r) => r.problems.length);
      await bot.stop(2000);
      if (!options.fake) await fake.stop();
      services.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (broken.length) throw new Error(`replies outside Slack's limits: ${JSON.stringify(broken.slice(0, 3))}`);
    },
  };
}

/** The first `count` posts the bot made to this response_url. */
export function responseTo(h: Harness, url: string, count = 1): Promise<RecordedCall[]> {
  const path = new URL(url).pathname;
  return h.fake.waitFor((c) => c.method.startsWith('response_url') && c.args.url === path, count);
}

/** Text of all sections, headers and contexts of a Block Kit message. */
export function blocksText(blocks: unknown): string {
  return JSON.stringify(blocks ?? []);
}
