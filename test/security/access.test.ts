import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../src/local-slack/fake-slack.js';
import { type Harness, startHarness } from '../helpers/slack-harness.js';
import { bundledArticleCount } from '../helpers/temp-dir.js';

const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

/** The text of the command's reply: its `nth` post to the response_url (a re-index says first that it started). */
async function commandReply(h: Harness, text: string, opts: { user?: string; channel?: string } = {}, nth = 1): Promise<string> {
  const { responseUrl } = await h.command(text, opts);
  const posts = await h.fake.waitFor((c) => c.args.url === new URL(responseUrl).pathname, nth, 30_000);
  return String(posts[nth - 1]!.args.text);
}

describe('administrative commands', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ KB_ADMINS: 'UADMIN' });
    h.fake.makeAdmin('UWSADMIN');
  });
  afterAll(async () => {
    await h.close();
  });

  const indexedAt = () => h.services.articles.stats().lastIndexedAt;

  it('refuses `/kb reindex` to someone who is neither in KB_ADMINS nor a workspace admin, politely, and does not re-index', async () => {
    const before = h.fake.callsTo('users.info').length;
    expect(await commandReply(h, 'reindex', { user: 'UMALLORY' })).toBe('Sorry, only kb-assistant admins can re-index.');
    expect(h.fake.callsTo('users.info').slice(before).map((c) => c.args.user)).toEqual(['UMALLORY']);
    expect(h.logs.some((l) => l.includes('re-indexed'))).toBe(false);
  });

  it('lets a KB_ADMINS user re-index, without asking Slack', async () => {
    const before = h.fake.callsTo('users.info').length;
    expect(await commandReply(h, 'reindex', { user: 'UADMIN' }, 2)).toMatch(new RegExp(`^Re-indexed: 0 new or changed, ${bundledArticleCount()} unchanged, 0 removed, 0 failed\\. ${bundledArticleCount()} articles\\.$`));
    expect(h.fake.callsTo('users.info')).toHaveLength(before);
  });

  it('lets a workspace admin (users.info is_admin) re-index and switch auto-answer', async () => {
    expect(await commandReply(h, 'reindex', { user: 'UWSADMIN' }, 2)).toMatch(/^Re-indexed:/);
    expect(await commandReply(h, 'auto off', { user: 'UWSADMIN', channel: 'C0WS' })).toMatch(/Auto-answer is off/);
    expect(h.bot.bot.store.autoAnswer('C0WS')).toBe(false);
    expect(await commandReply(h, 'auto on', { user: 'UWSADMIN', channel: 'C0WS' })).toMatch(/Auto-answer is on/);
    expect(h.bot.bot.store.autoAnswer('C0WS')).toBe(true);
  });

  it('refuses `/kb auto on` to others and leaves the switch as it was', async () => {
    expect(await commandReply(h, 'auto on', { user: 'UMALLORY', channel: 'C0NEVER' })).toMatch(/only kb-assistant admins can change that/);
    expect(h.bot.bot.store.autoAnswer('C0NEVER')).toBeNull();
  });

  it('refuses, and says so, when Slack cannot tell whether someone is an admin', async () => {
    const stamp = indexedAt();
    h.fake.failNext('users.info', { status: 200, error: 'user_not_found' });
    expect(await commandReply(h, 'reindex', { user: 'UWSADMIN' })).toBe('Sorry, only kb-assistant admins can re-index.');
    expect(h.logs.some((l) => l.includes('users.info failed; treating user as non-admin'))).toBe(true);
    expect(indexedAt()).toBe(stamp);
  });
});

describe('rate limits on queries', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ KB_RATE_USER: '2', KB_RATE_CHANNEL: '3' });
  });
  afterAll(async () => {
    await h.close();
  });

  const answersIn = (channel: string) => h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.status === 200);
  const noticesTo = (user: string) => h.fake.calls.filter((c: RecordedCall) => c.method === 'chat.postEphemeral' && c.args.user === user && String(c.args.text).includes('faster than I answer'));
  const mention = (user: string, channel: string, ts: string) =>
    h.event({ type: 'app_mention', user, channel, ts, text: '<@UKBBOT> java.lang.OutOfMemoryError: Metaspace' });

  it('answers a person up to their limit, tells them once, then drops the rest of the minute', async () => {
    for (let i = 1; i <= 5; i += 1) await mention('UFAST', `C0USER${i}`, `1700400001.00000${i}`);
    await h.fake.waitFor((c) => c.method === 'chat.postEphemeral' && c.args.user === 'UFAST');
    // Answers come from the matching thread, after the acknowledgement: wait for the two allowed.
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && (c.args.channel === 'C0USER1' || c.args.channel === 'C0USER2'), 2);
    await settle(600);
    const answered = [1, 2, 3, 4, 5].filter((i) => answersIn(`C0USER${i}`).length > 0);
    expect(answered).toEqual([1, 2]);
    const notices = noticesTo('UFAST');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.args).toMatchObject({ channel: 'C0USER3', thread_ts: '1700400001.000003' });
    expect(h.logs.filter((l) => l.includes('query rate-limited') && l.includes('"by":"user"'))).toHaveLength(3);
  });

  it('answers a channel up to its limit across people, tells the first refused person, then drops the rest', async () => {
    for (let i = 1; i <= 5; i += 1) await mention(`UCROWD${i}`, 'C0BUSY', `1700400002.00000${i}`);
    await h.fake.waitFor((c) => c.method === 'chat.postEphemeral' && c.args.channel === 'C0BUSY');
    await settle(600);
    expect(answersIn('C0BUSY')).toHaveLength(3);
    expect([1, 2, 3, 4, 5].map((i) => noticesTo(`UCROWD${i}`).length)).toEqual([0, 0, 0, 1, 0]);
  });

  it('limits `/kb` questions too, with the notice on the command\'s response_url', async () => {
    const replies: string[] = [];
    const urls: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const { responseUrl } = await h.command('ECONNREFUSED connect to 10.0.0.5:5432', { user: 'UCMD', channel: `C0CMD${i}` });
      urls.push(new URL(responseUrl).pathname);
    }
    await h.fake.waitFor((c) => urls.includes(String(c.args.url)), 3);
    await settle(600);
    for (const url of urls) replies.push(h.fake.calls.filter((c) => c.args.url === url).map((c) => String(c.args.text)).join(' | '));
    expect(replies[0]).not.toMatch(/faster than I answer/);
    expect(replies[1]).not.toMatch(/faster than I answer/);
    expect(replies[2]).toMatch(/faster than I answer/);
    expect(replies[3]).toBe('');
    // Help and stats are not queries: never limited.
    expect(await commandReply(h, 'help', { user: 'UCMD' })).toMatch(/kb-assistant help/);
  });

  it('limits the "Find a KB fix" shortcut too', async () => {
    const texts: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { responseUrl } = await h.shortcut({ ts: `1700400003.00000${i}`, user: 'UOTHER', text: 'Error: listen EADDRINUSE: address already in use :::3000' }, { user: 'USHORT', channel: `C0SC${i}` });
      const [r] = await h.fake.waitFor((c) => c.args.url === new URL(responseUrl).pathname);
      texts.push(String(r!.args.text));
    }
    expect(texts.map((t) => /faster than I answer/.test(t))).toEqual([false, false, true]);
  });
});
