import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSlackLimits, type SlackMessage } from '../../src/reply/slack-limits.js';
import type { RecordedCall } from '../../src/local-slack/fake-slack.js';
import { blocksText, type Harness, responseTo, startHarness } from '../helpers/slack-harness.js';
import { bundledArticleCount } from '../helpers/temp-dir.js';


function asMessage(c: RecordedCall): { text: string; blocks: SlackMessage['blocks'] } {
  return { text: String(c.args.text ?? ''), blocks: (c.args.blocks ?? []) as SlackMessage['blocks'] };
}

describe('Slack surfaces: /kb, the shortcut and the reply buttons', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers `/kb <error>` privately, within limits, with a Share button', async () => {
    const { status, responseUrl } = await h.command('ORA-12514 TNS:listener does not currently know of service requested');
    expect(status).toBe(200);
    const [r] = await responseTo(h, responseUrl);
    expect(r!.args.response_type).toBe('ephemeral');
    const m = asMessage(r!);
    expect(blocksText(m.blocks)).toContain('ORA-12514');
    expect(blocksText(m.blocks)).toContain('kb_share');
    expect(checkSlackLimits(m)).toEqual([]);
  });

  it('answers `/kb`, `/kb help`, `/kb show`, `/kb stats`', async () => {
    for (const text of ['', 'help']) {
      const { responseUrl } = await h.command(text);
      const [r] = await responseTo(h, responseUrl);
      expect(String(r!.args.text)).toMatch(/kb-assistant help/);
    }
    const show = await h.command('show proxy-companion-jwt-qsh-apache-nocanon');
    const [s] = await responseTo(h, show.responseUrl);
    expect(blocksText(s!.args.blocks)).toContain('nocanon');
    expect(checkSlackLimits(asMessage(s!))).toEqual([]);
    const missing = await h.command('show no-such-article');
    expect(String((await responseTo(h, missing.responseUrl))[0]!.args.text)).toMatch(/No article "no-such-article"/);
    const stats = await h.command('stats');
    expect(String((await responseTo(h, stats.responseUrl))[0]!.args.text)).toMatch(new RegExp(`^${bundledArticleCount()} articles, \\d+ of \\d+ queries answered`));
  });

  it('lets only admins switch auto-answer, and honours the switch', async () => {
    const denied = await h.command('auto off', { user: 'UMALLORY', channel: 'C0QUIET' });
    expect(String((await responseTo(h, denied.responseUrl))[0]!.args.text)).toMatch(/only kb-assistant admins/);
    const ok = await h.command('auto off', { user: 'UADMIN', channel: 'C0QUIET' });
    expect(String((await responseTo(h, ok.responseUrl))[0]!.args.text)).toMatch(/Auto-answer is off/);
    expect(h.bot.bot.store.autoAnswer('C0QUIET')).toBe(false);
    const before = h.fake.callsTo('chat.postMessage').length;
    await h.event({ type: 'message', channel_type: 'channel', user: 'UCAROL', channel: 'C0QUIET', ts: '1700000100.000100', text: 'org.postgresql.util.PSQLException: FATAL: sorry, too many clients already' });
    await new Promise((r) => setTimeout(r, 500));
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(before);
  });

  it('answers the "Find a KB fix" shortcut privately with a button that posts in the thread', async () => {
    const { responseUrl } = await h.shortcut({ ts: '1700000200.000100', user: 'UCAROL', text: 'Error: listen EADDRINUSE: address already in use :::3000' });
    const [r] = await responseTo(h, responseUrl);
    expect(r!.args.response_type).toBe('ephemeral');
    const m = asMessage(r!);
    expect(blocksText(m.blocks)).toContain('EADDRINUSE');
    expect(blocksText(m.blocks)).toContain('Post in thread');

    const shared = await h.click({ ts: '1700000200.000900', ...m }, 'kb_share', { ephemeral: true });
    const [post] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === '1700000200.000100');
    expect(blocksText(post!.args.blocks)).toContain('EADDRINUSE');
    expect(blocksText(post!.args.blocks)).not.toContain('kb_share');
    const [del] = await responseTo(h, shared.responseUrl);
    expect(del!.args.delete_original).toBe(true);
  });

  it('records "Helpful" with the query and the article, and thanks the person in place', async () => {
    const { responseUrl } = await h.command('JwtInvalidClaimException qsh 401 companion');
    const m = asMessage((await responseTo(h, responseUrl))[0]!);
    const click = await h.click({ ts: '1700000300.000100', ...m }, 'kb_helpful', { user: 'UGRACE', ephemeral: true });
    const [upd] = await responseTo(h, click.responseUrl);
    expect(upd!.args.replace_original).toBe(true);
    expect(blocksText(upd!.args.blocks)).toContain('Thanks <@UGRACE>');
    expect(blocksText(upd!.args.blocks)).not.toContain('kb_helpful');
    const row = h.services.db.prepare('SELECT f.article_id AS a, f.helpful, q.text FROM feedback f JOIN queries q ON q.id = f.query_id WHERE f.user = ?').get('UGRACE') as { a: string; helpful: number; text: string };
    expect(row).toMatchObject({ a: 'proxy-companion-jwt-qsh-apache-nocanon', helpful: 1 });
    expect(row.text).toContain('JwtInvalidClaimException');
  });

  it('records "Not helpful" too', async () => {
    const { responseUrl } = await h.command('java.lang.OutOfMemoryError: Java heap space');
    const m = asMessage((await responseTo(h, responseUrl))[0]!);
    await responseTo(h, (await h.click({ ts: '1700000301.000100', ...m }, 'kb_not_helpful', { user: 'UHEIDI', ephemeral: true })).responseUrl);
    const row = h.services.db.prepare('SELECT helpful FROM feedback WHERE user = ?').get('UHEIDI') as { helpful: number };
    expect(row.helpful).toBe(0);
  });

  it('"Ask a human" mentions the configured experts in the answer\'s thread', async () => {
    const ts = '1700000400.000100';
    await h.event({ type: 'app_mention', user: 'UIVAN', channel: 'C0GENERAL', ts, text: '<@UKBBOT> git push fails with RPC failed; HTTP 413 curl 22' });
    const [answer] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
    await h.click({ ts: '1700000400.000200', thread_ts: ts, text: String(answer!.args.text), blocks: answer!.args.blocks as unknown[] }, 'kb_ask_human', { user: 'UIVAN' });
    const [ask] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts && String(c.args.text).includes('subteam'));
    expect(String(ask!.args.text)).toMatch(/<!subteam\^S0EXPERTS> could you help <@UIVAN>/);
  });

  it('opens another candidate privately from its button', async () => {
    const { responseUrl } = await h.command('ImagePullBackOff');
    const m = asMessage((await responseTo(h, responseUrl))[0]!);
    const click = await h.click({ ts: '1700000500.000100', ...m }, 'kb_open_0', { ephemeral: true });
    const [r] = await responseTo(h, click.responseUrl);
    expect(r!.args.response_type).toBe('ephemeral');
    expect(r!.args.replace_original).toBe(false);
    expect(checkSlackLimits(asMessage(r!))).toEqual([]);
  });

  it('abstains plainly on chat, listing the nearest articles and what to paste', async () => {
    const { responseUrl } = await h.command('anyone up for lunch at the thai place?');
    const m = asMessage((await responseTo(h, responseUrl))[0]!);
    expect(m.text).toMatch(/No confident match/);
    expect(blocksText(m.blocks)).toContain('Caused by:');
    expect(checkSlackLimits(m)).toEqual([]);
  });
});
