import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSlackLimits, type SlackMessage } from '../../src/reply/slack-limits.js';
import { BOT_TOKEN, blocksText, type Harness, SIGNING_SECRET, startHarness } from '../helpers/slack-harness.js';
import { bundledArticleCount } from '../helpers/temp-dir.js';

const SEED_LOG = `2021-03-04 09:12:44,512 WARN [https-jsse-nio2-8443-exec-5] [jwt.internal.sal.DefaultAuthenticationResultHandler] createAndSendFailure Failure during JWT authentication -- url: /wiki/download/attachments/48213/Budget%202021.pdf | traceId: 7f3a9c01d2
com.atlassian.jwt.exception.JwtInvalidClaimException: Expecting claim 'qsh' to have value 'a81c' but instead it has the value '93fe'
	at com.atlassian.jwt.core.reader.JwtClaimEqualityVerifier.verify(JwtClaimEqualityVerifier.java:29)
	at com.atlassian.jwt.core.reader.NimbusJwtReader.read(NimbusJwtReader.java:151)`;

function expectWithinLimits(args: Record<string, unknown>): void {
  expect(checkSlackLimits({ text: String(args.text ?? ''), blocks: (args.blocks ?? []) as SlackMessage['blocks'] })).toEqual([]);
}

describe('Slack surfaces: mentions, channel messages, DMs, threads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers a mention with a pasted log in the thread of the mention, with cause and the fix', async () => {
    const ts = '1700000001.000100';
    const r = await h.event({ type: 'app_mention', user: 'UALICE', channel: 'C0GENERAL', ts, text: `<@UKBBOT> companion fails: ${SEED_LOG}` });
    expect(r.status).toBe(200);
    const [post] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts && c.status === 200);
    expect(post!.args.channel).toBe('C0GENERAL');
    const blocks = blocksText(post!.args.blocks);
    expect(blocks).toContain('Companion app gets');
    expect(blocks).toContain('*Cause*');
    expect(blocks).toContain('nocanon');
    expect(blocks).toContain('kb_helpful');
    expect(String(post!.args.text)).toMatch(/confidence/);
    expectWithinLimits(post!.args);
  });

  it('answers a mention once although Slack also sends a message event for it, and retries it', async () => {
    const ts = '1700000002.000100';
    const text = '<@UKBBOT> PSQLException: FATAL: sorry, too many clients already';
    await h.event({ type: 'app_mention', user: 'UALICE', channel: 'C0GENERAL', ts, text }, { eventId: 'EvMENTION1' });
    await h.event({ type: 'message', channel_type: 'channel', user: 'UALICE', channel: 'C0GENERAL', ts, text }, { eventId: 'EvMESSAGE1' });
    await h.event({ type: 'app_mention', user: 'UALICE', channel: 'C0GENERAL', ts, text }, { eventId: 'EvMENTION1', retryNum: 1 });
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
    await new Promise((r) => setTimeout(r, 400));
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts)).toHaveLength(1);
  });

  it('waits out a 429 from chat.postMessage and still posts exactly once', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const ts = '1700000003.000100';
    await h.event({ type: 'app_mention', user: 'UBOB', channel: 'C0GENERAL', ts, text: '<@UKBBOT> java.lang.OutOfMemoryError: Metaspace after redeploy' });
    const calls = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts, 2, 10_000);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts && c.status === 200)).toHaveLength(1);
  });

  it('refuses a bad signature, a missing one and a stale timestamp with 401, and posts nothing', async () => {
    const before = h.fake.calls.length;
    const ev = { type: 'app_mention', user: 'UALICE', channel: 'C0GENERAL', ts: '1700000004.000100', text: '<@UKBBOT> ECONNREFUSED' };
    expect((await h.event(ev, { signature: 'v0=deadbeef' })).status).toBe(401);
    expect((await h.event(ev, { signature: null })).status).toBe(401);
    expect((await h.event(ev, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.calls.slice(before).filter((c) => c.method.startsWith('chat.'))).toHaveLength(0);
  });

  it('auto-answers a pasted stack trace in a channel, in its thread, without a mention', async () => {
    const ts = '1700000005.000100';
    await h.event({ type: 'message', channel_type: 'channel', user: 'UCAROL', channel: 'C0OPS', ts, text: SEED_LOG });
    const [post] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
    expect(blocksText(post!.args.blocks)).toContain('nocanon');
  });

  it('stays silent on chat, on bots, on edits, and on errors it is not confident about', async () => {
    const before = h.fake.calls.filter((c) => c.method === 'chat.postMessage').length;
    await h.event({ type: 'message', channel_type: 'channel', user: 'UCAROL', channel: 'C0OPS', ts: '1700000006.000100', text: 'morning all, standup in 5' });
    await h.event({ type: 'message', channel_type: 'channel', bot_id: 'BOTHER', user: 'UOTHERBOT', channel: 'C0OPS', ts: '1700000006.000200', text: SEED_LOG });
    await h.event({ type: 'message', subtype: 'message_changed', channel_type: 'channel', channel: 'C0OPS', ts: '1700000006.000300', message: { text: SEED_LOG } });
    await h.event({ type: 'message', channel_type: 'channel', user: 'UCAROL', channel: 'C0OPS', ts: '1700000006.000400', text: 'ERROR [main] c.x.Widget - frobnicator flux capacitor misaligned by the gizmo' });
    await new Promise((r) => setTimeout(r, 600));
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(before);
  });

  it('answers every direct message', async () => {
    await h.event({ type: 'message', channel_type: 'im', user: 'UDAVE', channel: 'D0DAVE', ts: '1700000007.000100', text: 'how do I fix pip error externally-managed-environment on debian 12?' });
    const [post] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'D0DAVE');
    expect(blocksText(post!.args.blocks)).toContain('externally-managed');
  });

  it('answers the asker again when they follow up in the thread, and nobody else', async () => {
    const ts = '1700000008.000100';
    await h.event({ type: 'app_mention', user: 'UERIN', channel: 'C0GENERAL', ts, text: '<@UKBBOT> our docker build fails' });
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
    await h.event({ type: 'message', channel_type: 'channel', user: 'UFRANK', channel: 'C0GENERAL', ts: '1700000008.000300', thread_ts: ts, text: 'I see the same thing, any idea what is going on here?' });
    await h.event({ type: 'message', channel_type: 'channel', user: 'UERIN', channel: 'C0GENERAL', ts: '1700000008.000200', thread_ts: ts, text: 'here is the log: failed to copy files: write /var/lib/docker/overlay2/x: no space left on device' });
    const posts = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts, 2);
    expect(blocksText(posts[1]!.args.blocks)).toContain('no space left on device');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts)).toHaveLength(2);
  });

  it('scans a log file attached to a mention and lists every known problem with counts and lines', async () => {
    const log = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'logs', 'mixed-confluence.log'));
    const file = h.fake.addFile({ id: 'F0LOG', name: 'atlassian-confluence.log', content: log });
    const ts = '1700000009.000100';
    await h.event({ type: 'app_mention', user: 'UALICE', channel: 'C0GENERAL', ts, text: '<@UKBBOT> what is wrong here?', files: [{ id: file.id, name: file.name, mimetype: 'text/plain', filetype: 'text' }] });
    const posts = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts, 2);
    const scan = posts.find((p) => String(p.args.text).startsWith('Found'))!;
    expect(scan).toBeDefined();
    const text = blocksText(scan.args.blocks);
    expect(text).toContain('proxy-companion-jwt-qsh-apache-nocanon');
    expect(text).toContain('dbjvm-postgres-too-many-clients');
    expect(text).toMatch(/3× · lines \d+–\d+/);
    expect(h.fake.callsTo('file.download')).toHaveLength(1);
    expectWithinLimits(scan.args);
  });

  it('never writes its tokens or a pasted password to the log or the database', async () => {
    const ts = '1700000010.000100';
    await h.event({ type: 'app_mention', user: 'UALICE', channel: 'C0GENERAL', ts, text: '<@UKBBOT> jdbc:postgresql://jira:Sup3rS3cret!@db:5432/jira FATAL: password authentication failed for user "jira"' });
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
    const all = h.logs.join('\n');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
    const rows = h.services.db.prepare('SELECT text FROM queries').all() as Array<{ text: string }>;
    expect(rows.map((r) => r.text).join('\n')).not.toContain('Sup3rS3cret!');
    expect(rows.some((r) => r.text.includes('[REDACTED]'))).toBe(true);
  });

  it('answers /healthz', async () => {
    const res = await fetch(h.url.replace('/slack/events', '/healthz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, articles: bundledArticleCount() });
  });
});
