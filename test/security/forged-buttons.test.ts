import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentionUser } from '../../src/reply/mrkdwn.js';
import { type Harness, responseTo, startHarness } from '../helpers/slack-harness.js';

/**
 * Issue 18, item 12: with a valid signature, a `kb_share` click naming another user's query id
 * re-posted Alice's DM question into a public channel, in a thread of the sender's choosing, and
 * an `ask_human` value broke out of its backticks and posted `<!channel>`. Button values are
 * whatever the clicking client sends: each action checks them against what the bot recorded.
 */
const ALICE_DM_QUESTION = 'ORA-12514 TNS:listener does not currently know of service requested, connecting to prod-payroll-db';

let h: Harness;
const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));


/** A message holding one button with this action id and value, as a forging client would send it. */
const forged = (actionId: string, value: unknown, blockId = 'kb_feedback') => ({
  ts: '1700004000.000100',
  text: 'x',
  blocks: [{ type: 'actions', block_id: blockId, elements: [{ type: 'button', action_id: actionId, value: typeof value === 'string' ? value : JSON.stringify(value) }] }],
});

/** The query id Alice's private answer in her DM carries. */
async function aliceAsksPrivately(): Promise<number> {
  const { responseUrl } = await h.command(ALICE_DM_QUESTION, { user: 'UALICE', channel: 'D0ALICE' });
  const [r] = await responseTo(h, responseUrl);
  const blocks = r!.args.blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>;
  const share = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'kb_share')!;
  return (JSON.parse(share.value!) as { q: number }).q;
}

const postsIn = (channel: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('forged button values', () => {
  it("kb_share naming another user's query posts nothing, whatever channel and thread it names", async () => {
    const q = await aliceAsksPrivately();
    const before = h.fake.callsTo('chat.postMessage').length;
    const click = await h.click(forged('kb_share', { q, a: null, t: '1699999999.000100' }), 'kb_share', { user: 'UMALLORY', channel: 'C0PUBLIC', ephemeral: true });
    expect(click.status).toBe(200);
    const [refusal] = await responseTo(h, click.responseUrl);
    expect(String(refusal!.args.text)).toMatch(/cannot be shared/);
    await settle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(before);
    expect(JSON.stringify(h.fake.calls)).not.toMatch(/prod-payroll-db[^]*C0PUBLIC|C0PUBLIC[^]*prod-payroll-db/);
    expect(h.logs.some((l) => l.includes('refused a button click') && l.includes('another channel'))).toBe(true);
  });

  it('kb_share of her own query in another channel than she asked in posts nothing either', async () => {
    const q = await aliceAsksPrivately();
    const before = postsIn('C0PUBLIC').length;
    const click = await h.click(forged('kb_share', { q, a: null }), 'kb_share', { user: 'UALICE', channel: 'C0PUBLIC', ephemeral: true });
    await responseTo(h, click.responseUrl);
    await settle();
    expect(postsIn('C0PUBLIC')).toHaveLength(before);
  });

  it("Post in thread goes to the thread recorded with the query, not to the one a value names", async () => {
    const target = '1700004100.000100';
    const { responseUrl } = await h.shortcut({ ts: target, text: 'java.lang.OutOfMemoryError: Metaspace after redeploying the app several times', user: 'UBOB' }, { user: 'UALICE', channel: 'C0TEAM' });
    const [r] = await responseTo(h, responseUrl);
    const blocks = r!.args.blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>;
    const value = JSON.parse(blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'kb_share')!.value!) as Record<string, unknown>;
    expect(Object.keys(value).sort()).toEqual(['a', 'q']);
    // The value is sent back with a thread of the sender's choosing added: it is not read.
    await h.click(forged('kb_share', { ...value, t: '1600000000.000001' }), 'kb_share', { user: 'UALICE', channel: 'C0TEAM', ephemeral: true });
    const [post] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0TEAM');
    expect(post!.args.thread_ts).toBe(target);
  });

  it('ask_human never posts markup from a value: no <!channel>, the article named is the recorded one', async () => {
    const evil = { q: null, a: 'x` <!channel> <@UBOSS> `y' };
    await h.click(forged('kb_ask_human', evil), 'kb_ask_human', { user: 'UMALLORY', channel: 'C0PUBLIC' });
    const [post] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0PUBLIC' && String(c.args.text).includes('could you help'));
    expect(String(post!.args.text)).not.toMatch(/<!channel>|<!here>|<@UBOSS>/);
    expect(String(post!.args.text)).toContain('<@UMALLORY>');

    // A query of another channel is refused outright.
    const q = await aliceAsksPrivately();
    const before = postsIn('C0PUBLIC').length;
    const refused = await h.click(forged('kb_ask_human', { q, a: 'anything' }), 'kb_ask_human', { user: 'UMALLORY', channel: 'C0PUBLIC' });
    expect(String((await responseTo(h, refused.responseUrl))[0]!.args.text)).toMatch(/does not belong here/);
    expect(postsIn('C0PUBLIC')).toHaveLength(before);
  });

  it('feedback naming an article the query did not answer records nothing', async () => {
    const { responseUrl } = await h.command('java.lang.OutOfMemoryError: Java heap space', { user: 'UALICE', channel: 'C0FEED' });
    const [r] = await responseTo(h, responseUrl);
    const blocks = r!.args.blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>;
    const { q, a } = JSON.parse(blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'kb_helpful')!.value!) as { q: number; a: string };
    const rows = () => h.services.db.prepare('SELECT query_id AS q, article_id AS a FROM feedback WHERE query_id = ?').all(q);
    await h.click(forged('kb_helpful', { q, a: 'proxy-companion-jwt-qsh-apache-nocanon' }), 'kb_helpful', { user: 'UMALLORY', channel: 'C0FEED' });
    await h.click(forged('kb_helpful', { q, a }), 'kb_helpful', { user: 'UCAROL', channel: 'C0ELSEWHERE' });
    await settle();
    expect(rows()).toEqual([]);
    await h.click(forged('kb_helpful', { q, a }), 'kb_helpful', { user: 'UCAROL', channel: 'C0FEED' });
    await h.fake.waitFor(() => rows().length === 1);
    expect(rows()).toEqual([{ q, a }]);
  });

  it('a notice quoting the request escapes it: /kb show <!channel> does not mention anyone', async () => {
    const { responseUrl } = await h.command('show &lt;!channel&gt;');
    const [r] = await responseTo(h, responseUrl);
    expect(JSON.stringify(r!.args)).not.toContain('<!channel>');
  });

  it('mentions only ids shaped like a user id', () => {
    expect(mentionUser('UALICE01')).toBe('<@UALICE01>');
    expect(mentionUser('W0123ABC')).toBe('<@W0123ABC>');
    expect(mentionUser('U1> <!channel')).toBe('someone');
    expect(mentionUser('')).toBe('someone');
  });
});
