import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkKb } from '../../src/kb/walk-kb.js';
import { BOT_TOKEN, blocksText, type Harness, responseTo, SIGNING_SECRET, startHarness } from '../helpers/slack-harness.js';
import { KB_DIR, makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

/**
 * Issue 18, item 1: the KB walker followed links out of the KB folder (`ln -s /etc/passwd
 * kb/passwd.md`), and article text was posted as it was: a linked `.env` with the bot's own
 * token and signing secret came back from `/kb show env` in Slack.
 */
const QSH = 'proxy/proxy-companion-jwt-qsh-apache-nocanon.md';
const PG = 'db-jvm/dbjvm-postgres-too-many-clients.md';

let tmp: string;
let kb: string;
let outside: string;


beforeAll(() => {
  tmp = makeTempDir('kb-links-');
  kb = join(tmp, 'kb');
  outside = join(tmp, 'elsewhere');
  mkdirSync(join(kb, 'proxy'), { recursive: true });
  mkdirSync(join(outside, 'more'), { recursive: true });
  copyFileSync(join(KB_DIR, QSH), join(kb, QSH));
  // Outside the KB: a file of secrets and a folder of articles.
  writeFileSync(join(outside, 'env'), `---\nid: env\ntitle: Environment\n---\n## Summary\n\nSLACK_BOT_TOKEN=${BOT_TOKEN}\nSLACK_SIGNING_SECRET=${SIGNING_SECRET}\n`);
  copyFileSync(join(KB_DIR, PG), join(outside, 'more', 'pg.md'));
  symlinkSync(join(outside, 'env'), join(kb, 'env.md'));
  symlinkSync(join(outside, 'more'), join(kb, 'more'));
  symlinkSync('/etc/passwd', join(kb, 'passwd.md'));
  // A link that stays inside the KB is followed as before.
  symlinkSync(join(kb, QSH), join(kb, 'qsh-alias.md'));
  // An article of the KB's own that quotes the bot's credentials and a password, as a careless
  // author might paste them: every text the bot posts is scrubbed on the way out.
  writeFileSync(
    join(kb, 'careless.md'),
    `---\nid: careless\ntitle: Careless article about zorbleflux connection settings\n---\n## Summary\n\nzorbleflux fails to connect.\n\n## Solution\n\nSet SLACK_BOT_TOKEN=${BOT_TOKEN} and SLACK_SIGNING_SECRET=${SIGNING_SECRET}, then connect with jdbc:postgresql://app:Zorbl3PassW0rd@db:5432/app and PASSWORD: hunter18x.\n`,
  );
});

afterAll(() => removeTempDir(tmp));

describe('the KB walker never reads outside the KB folders', () => {
  it('skips links to files and folders outside, with the reason, and follows links inside', () => {
    const { files, problems } = walkKb([kb]);
    const sources = files.map((f) => f.source).sort();
    expect(sources).toEqual(['careless.md', QSH, 'qsh-alias.md'].sort());
    for (const name of ['env.md', 'more', 'passwd.md']) {
      expect(problems.find((p) => p.path === join(kb, name))?.reason).toMatch(/outside the KB folders; skipped/);
    }
  });

  it('a folder linked from one KB folder into another given KB folder is inside', () => {
    const { files } = walkKb([kb, outside]);
    expect(files.map((f) => f.source)).toContain('more/pg.md');
  });
});

describe('what the bot posts carries no secret', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { kbDirs: [kb] });
  });
  afterAll(async () => {
    await h.close();
  });

  it('has not indexed the linked files', async () => {
    const env = await h.command('show env');
    expect(String((await responseTo(h, env.responseUrl))[0]!.args.text)).toMatch(/No article "env"/);
    // careless.md and the QSH article (its alias inside the KB is the same id twice: reported, skipped).
    expect(h.services.articles.stats().articles).toBe(2);
  });

  it('/kb show of an article that quotes the bot token, the signing secret and passwords posts none of them', async () => {
    const show = await h.command('show careless');
    const [r] = await responseTo(h, show.responseUrl);
    const posted = JSON.stringify(r!.args);
    expect(posted).toContain('zorbleflux');
    expect(posted).toContain('[REDACTED]');
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, 'Zorbl3PassW0rd', 'hunter18x']) expect(posted).not.toContain(secret);
  });

  it('an answer in a thread built from that article posts none of them either', async () => {
    await h.event({ type: 'app_mention', user: 'UALICE', channel: 'C0GENERAL', ts: '1700001000.000100', text: '<@UKBBOT> zorbleflux connection settings fail to connect' });
    const [post] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === '1700001000.000100');
    const posted = JSON.stringify(post!.args);
    expect(blocksText(post!.args.blocks)).toContain('zorbleflux');
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, 'Zorbl3PassW0rd', 'hunter18x']) expect(posted).not.toContain(secret);
  });
});
