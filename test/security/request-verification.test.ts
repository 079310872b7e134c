import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_BOT_USER, FAKE_TEAM } from '../../src/local-slack/fake-slack.js';
import { encodeSlackBody, sendSignedToBot, slackSignature } from '../../src/local-slack/sign-request.js';
import { type Harness, SIGNING_SECRET, startHarness } from '../helpers/slack-harness.js';

const now = () => Math.floor(Date.now() / 1000);
const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

function commandPayload(h: Harness, text: string, user = 'UALICE'): Record<string, unknown> {
  return {
    token: 'legacy', team_id: FAKE_TEAM, team_domain: 'local', channel_id: 'C0GENERAL', channel_name: 'general', user_id: user, user_name: 'alice',
    command: '/kb', text, api_app_id: 'AKB', response_url: h.fake.responseUrl(), trigger_id: 't1',
  };
}

function eventPayload(eventId: string, ts: string, text: string): Record<string, unknown> {
  return {
    token: 'legacy', team_id: FAKE_TEAM, api_app_id: 'AKB', type: 'event_callback', event_id: eventId, event_time: now(),
    authorizations: [{ team_id: FAKE_TEAM, user_id: FAKE_BOT_USER, is_bot: true }],
    event: { type: 'app_mention', user: 'UALICE', channel: 'C0GENERAL', ts, event_ts: ts, text },
  };
}

const postsTo = (h: Harness, responseUrl: string) => h.fake.calls.filter((c) => c.args.url === new URL(responseUrl).pathname);

describe('every HTTP request is verified, and a replay is refused', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('runs a slash command once when the identical signed request is sent twice', async () => {
    const payload = commandPayload(h, 'ORA-12514 TNS:listener does not currently know of service');
    const ts = now();
    const first = await sendSignedToBot(h.url, 'command', payload, { secret: SIGNING_SECRET, timestamp: ts });
    const replay = await sendSignedToBot(h.url, 'command', payload, { secret: SIGNING_SECRET, timestamp: ts });
    expect([first.status, replay.status]).toEqual([200, 401]);
    await h.fake.waitFor((c) => c.args.url === new URL(String(payload.response_url)).pathname);
    await settle();
    expect(postsTo(h, String(payload.response_url))).toHaveLength(1);
    expect(h.logs.some((l) => l.includes('refused a Slack request') && l.includes('"reason":"replay"'))).toBe(true);
  });

  it('records a button click once when its signed request is replayed', async () => {
    const { responseUrl } = await h.command('java.lang.OutOfMemoryError: Java heap space');
    const [answer] = await h.fake.waitFor((c) => c.args.url === new URL(responseUrl).pathname);
    const blocks = answer!.args.blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>;
    const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'kb_ask_human')!;
    const clickUrl = h.fake.responseUrl();
    const payload = {
      type: 'block_actions', token: 'legacy', api_app_id: 'AKB', trigger_id: 't2', response_url: clickUrl,
      user: { id: 'UREPLAY', name: 'r', team_id: FAKE_TEAM }, team: { id: FAKE_TEAM, domain: 'local' },
      container: { type: 'message', message_ts: '1700300001.000100', channel_id: 'C0GENERAL', is_ephemeral: false },
      channel: { id: 'C0GENERAL', name: 'general' }, message: { type: 'message', ts: '1700300001.000100', text: 'x', blocks },
      actions: [{ type: 'button', action_id: 'kb_ask_human', block_id: 'b', value: button.value, action_ts: String(now()), text: { type: 'plain_text', text: 'x' } }],
    };
    const ts = now();
    const first = await sendSignedToBot(h.url, 'interaction', payload, { secret: SIGNING_SECRET, timestamp: ts });
    const replay = await sendSignedToBot(h.url, 'interaction', payload, { secret: SIGNING_SECRET, timestamp: ts });
    expect([first.status, replay.status]).toEqual([200, 401]);
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && String(c.args.text).includes('<@UREPLAY>'));
    await settle();
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage' && String(c.args.text).includes('<@UREPLAY>'))).toHaveLength(1);
  });

  it('refuses a replayed event, while a Slack retry (signed afresh) is acknowledged and still answered once', async () => {
    const payload = eventPayload('EvREPLAY1', '1700300002.000100', '<@UKBBOT> PSQLException: FATAL: sorry, too many clients already');
    const ts = now();
    expect((await sendSignedToBot(h.url, 'event', payload, { secret: SIGNING_SECRET, timestamp: ts })).status).toBe(200);
    expect((await sendSignedToBot(h.url, 'event', payload, { secret: SIGNING_SECRET, timestamp: ts })).status).toBe(401);
    expect((await sendSignedToBot(h.url, 'event', payload, { secret: SIGNING_SECRET, timestamp: ts + 1, retryNum: 1 })).status).toBe(200);
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === '1700300002.000100');
    await settle();
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === '1700300002.000100')).toHaveLength(1);
  });

  it('refuses timestamps more than 5 minutes away in either direction, and accepts those within', async () => {
    const send = (offset: number) => sendSignedToBot(h.url, 'command', commandPayload(h, 'help'), { secret: SIGNING_SECRET, timestamp: now() + offset });
    expect((await send(-6 * 60)).status).toBe(401);
    expect((await send(6 * 60)).status).toBe(401);
    expect((await send(-4 * 60)).status).toBe(200);
    expect((await send(4 * 60)).status).toBe(200);
  });

  it('refuses a body changed after signing, a signature of another secret, a malformed or missing one', async () => {
    const ts = now();
    const { body, contentType } = encodeSlackBody('command', commandPayload(h, 'stats'));
    const post = (b: string, headers: Record<string, string>) => fetch(h.url, { method: 'POST', headers: { 'Content-Type': contentType, ...headers }, body: b }).then((r) => r.status);
    const good = slackSignature(SIGNING_SECRET, ts, body);
    expect(await post(body.replace('stats', 'reindex'), { 'X-Slack-Request-Timestamp': String(ts), 'X-Slack-Signature': good })).toBe(401);
    expect(await post(body, { 'X-Slack-Request-Timestamp': String(ts), 'X-Slack-Signature': slackSignature('another-secret', ts, body) })).toBe(401);
    expect(await post(body, { 'X-Slack-Request-Timestamp': String(ts), 'X-Slack-Signature': 'v1=abc' })).toBe(401);
    expect(await post(body, { 'X-Slack-Request-Timestamp': 'yesterday', 'X-Slack-Signature': good })).toBe(401);
    expect(await post(body, {})).toBe(401);
    expect(await post(body, { 'X-Slack-Request-Timestamp': String(ts), 'X-Slack-Signature': good })).toBe(200);
  });

  it('still refuses the replay after a restart on the same database', async () => {
    const payload = commandPayload(h, 'ECONNREFUSED 127.0.0.1:5432');
    const ts = now();
    expect((await sendSignedToBot(h.url, 'command', payload, { secret: SIGNING_SECRET, timestamp: ts })).status).toBe(200);
    await h.fake.waitFor((c) => c.args.url === new URL(String(payload.response_url)).pathname);
    const dbFile = h.dbFile;
    await h.bot.stop(2000);
    h.services.close();
    const again = await startHarness({}, { dbFile, fake: h.fake });
    try {
      expect((await sendSignedToBot(again.url, 'command', payload, { secret: SIGNING_SECRET, timestamp: ts })).status).toBe(401);
      await settle();
      expect(postsTo(again, String(payload.response_url))).toHaveLength(1);
      const { responseUrl } = await again.command('help');
      await again.fake.waitFor((c) => c.args.url === new URL(responseUrl).pathname);
    } finally {
      await again.close();
    }
  });
});
