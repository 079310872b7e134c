import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../src/local-slack/fake-slack.js';
import { BOT_TOKEN, type Harness, startHarness } from '../helpers/slack-harness.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

const settle = (ms = 500) => new Promise((resolve) => setTimeout(resolve, ms));

describe('what the bot remembers survives a restart', () => {
  let tmp: string;
  let dbFile: string;
  let fake: FakeSlack;
  let h: Harness;
  const ts = '1700500001.000100';
  const text = '<@UKBBOT> PSQLException: FATAL: sorry, too many clients already';
  const postsInThread = () => fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts && c.status === 200);

  beforeAll(async () => {
    tmp = makeTempDir('kb-restart-');
    dbFile = join(tmp, 'kb.sqlite');
    fake = new FakeSlack(BOT_TOKEN);
    await fake.start();
    // Before the restart: an answered mention, a click on Helpful, an auto-answer switch.
    h = await startHarness({}, { dbFile, fake });
    await h.event({ type: 'app_mention', user: 'UALICE', channel: 'C0GENERAL', ts, text }, { eventId: 'EvRESTART1' });
    const [answer] = await fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
    const click = await h.click({ ts: '1700500001.000200', thread_ts: ts, text: String(answer!.args.text), blocks: answer!.args.blocks as unknown[] }, 'kb_helpful', { user: 'UALICE' });
    await fake.waitFor((c) => c.args.url === new URL(click.responseUrl).pathname);
    const auto = await h.command('auto off', { user: 'UADMIN', channel: 'C0QUIET' });
    await fake.waitFor((c) => c.args.url === new URL(auto.responseUrl).pathname);
    // A restart: the bot stops, the database is closed, a new bot opens the same file.
    await h.bot.stop(2000);
    h.services.close();
    h = await startHarness({}, { dbFile, fake });
  }, 60_000);

  afterAll(async () => {
    await h.close();
    await fake.stop();
    removeTempDir(tmp);
  });

  it('keeps the feedback, with its query and article', () => {
    const rows = h.services.db.prepare('SELECT f.user, f.helpful, f.article_id AS articleId, q.text FROM feedback f JOIN queries q ON q.id = f.query_id').all();
    expect(rows).toEqual([{ user: 'UALICE', helpful: 1, articleId: 'dbjvm-postgres-too-many-clients', text: expect.stringContaining('too many clients') }]);
    expect(h.bot.bot.store.usage()).toMatchObject({ feedback: 1, helpful: 1 });
  });

  it('answers an event delivered again after the restart only once: the retry, and its message twin', async () => {
    expect(postsInThread()).toHaveLength(1);
    // Slack signs each delivery afresh: a retry carries its own, later timestamp.
    const retry = { eventId: 'EvRESTART1', retryNum: 2, timestamp: Math.floor(Date.now() / 1000) + 1 };
    expect((await h.event({ type: 'app_mention', user: 'UALICE', channel: 'C0GENERAL', ts, text }, retry)).status).toBe(200);
    expect((await h.event({ type: 'message', channel_type: 'channel', user: 'UALICE', channel: 'C0GENERAL', ts, text }, { eventId: 'EvRESTART1-MSG' })).status).toBe(200);
    await settle();
    expect(postsInThread()).toHaveLength(1);
  });

  it('keeps the channel switch and the threads it takes part in', async () => {
    expect(h.bot.bot.store.autoAnswer('C0QUIET')).toBe(false);
    await h.event({ type: 'message', channel_type: 'channel', user: 'UALICE', channel: 'C0GENERAL', ts: '1700500001.000300', thread_ts: ts, text: 'still failing: FATAL: remaining connection slots are reserved for non-replication superuser connections' });
    await fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts && c.status === 200, 2);
  });
});
