import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import type { RecordedCall } from '../../src/local-slack/fake-slack.js';
import { BOT_TOKEN, type Harness, SIGNING_SECRET, startHarness } from '../helpers/slack-harness.js';

/** Secrets that cannot be in the KB or anywhere else by chance: random per run, real in shape. */
const r = randomBytes(8).toString('hex');
const R = r.toUpperCase();
const b64 = (s: string) => Buffer.from(s).toString('base64');
const SECRETS = {
  jdbcPassword: `Pg${r}!`,
  basicAuth: b64(`admin:${r}`),
  jwtSignature: `Sig${r}Xy_${r}`,
  slackUserToken: `xoxp-1234567890-1234567890-${r}`,
  awsKeyId: `AKIA${R.slice(0, 16)}`,
  awsSecret: `wJalrXUtnFEMI/K7MDENG/${r}KEY`,
  keyLine1: `MIIEowIBAAKCAQEA${r}${r}LfVLPHCozMxH2Mo4lgOEePzNm0`,
  keyLine2: `VTLw7onLRnrq0${r}IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfB`,
  passwordPair: `hunter${r}`,
  bearer: `${r}${r}`,
  mysqlPassword: `My${r}#`,
  fileSecret: `File${r}Pw`,
  fileName: `xoxb-9999999999-${r}`,
  cookie: `JSESSIONID${r}`,
  thread: `Thr${r}Pw`,
};
const jwt = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: 'u1', n: r })).toString('base64url')}.${SECRETS.jwtSignature}`;
const PRIVATE_KEY = `-----BEGIN RSA PRIVATE KEY-----\n${SECRETS.keyLine1}\n${SECRETS.keyLine2}\n-----END RSA PRIVATE KEY-----`;

const PASTES = {
  mention: `<@UKBBOT> confluence cannot connect: jdbc:postgresql://confluence:${SECRETS.jdbcPassword}@db:5432/confluence
org.postgresql.util.PSQLException: FATAL: no pg_hba.conf entry for host "10.20.0.7", user "confluence", database "confluence", SSL off
curl -H "Authorization: Basic ${SECRETS.basicAuth}" https://wiki/rest/api/space → 401; token ${jwt}`,
  dm: `our deploy fails with java.lang.OutOfMemoryError: Java heap space and the key is\n${PRIVATE_KEY}\naws_access_key_id=${SECRETS.awsKeyId} aws_secret_access_key=${SECRETS.awsSecret}`,
  channel: `2024-05-02 10:11:12,123 ERROR [main] c.a.c.DatabaseConfig - connect failed password=${SECRETS.passwordPair}
org.postgresql.util.PSQLException: FATAL: sorry, too many clients already
\tat org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:613)`,
  command: `ERR_TLS_CERT_ALTNAME_INVALID calling Slack with ${SECRETS.slackUserToken} and Bearer ${SECRETS.bearer}`,
  shortcut: `jdbc:mysql://db:3306/jira?user=jira&password=${SECRETS.mysqlPassword} Communications link failure; Cookie: ${SECRETS.cookie}=1`,
  thread: `still failing after the restart, here is the new error: password: ${SECRETS.thread} then ORA-12514 TNS:listener does not currently know of service`,
};

function fileBytes(file: string): Buffer {
  return existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
}

/** Which of the secrets occur in the raw bytes of the database, its WAL and shared memory files. */
function secretsOnDisk(dbFile: string): string[] {
  const bytes = Buffer.concat([fileBytes(dbFile), fileBytes(`${dbFile}-wal`), fileBytes(`${dbFile}-shm`)]);
  return Object.entries(SECRETS).filter(([, s]) => bytes.includes(Buffer.from(s, 'utf8'))).map(([k]) => k);
}

describe('secrets in pastes', () => {
  let h: Harness;
  let dbFile: string;
  beforeAll(async () => {
    h = await startHarness({ LOG_LEVEL: 'debug' });
    dbFile = h.dbFile;
    const fake = h.fake;
    const postsIn = (ts: string) => (c: RecordedCall) => c.method === 'chat.postMessage' && c.args.thread_ts === ts && c.status === 200;

    // A mention, with a log file whose name and content carry secrets.
    const file = fake.addFile({ id: 'FSECRET', name: `${SECRETS.fileName}.log`, content: Buffer.from(`2024-05-02 10:11:12,123 ERROR [main] x - login failed password=${SECRETS.fileSecret}\norg.postgresql.util.PSQLException: FATAL: sorry, too many clients already\n`) });
    await h.event({ type: 'app_mention', user: 'UALICE', channel: 'C0GENERAL', ts: '1700100001.000100', text: PASTES.mention, files: [{ id: file.id, name: file.name, mimetype: 'text/plain', filetype: 'text' }] });
    const mentionPosts = await fake.waitFor(postsIn('1700100001.000100'), 2);
    const mentionAnswer = mentionPosts.find((p) => JSON.stringify(p.args.blocks).includes('kb_helpful'));
    // A follow-up in that thread, and feedback on the answer.
    await h.event({ type: 'message', channel_type: 'channel', user: 'UALICE', channel: 'C0GENERAL', ts: '1700100001.000300', thread_ts: '1700100001.000100', text: PASTES.thread });
    await fake.waitFor(postsIn('1700100001.000100'), 3);
    const helpful = await h.click({ ts: '1700100001.000200', text: String(mentionAnswer!.args.text), blocks: mentionAnswer!.args.blocks as unknown[] }, 'kb_helpful', { user: 'UALICE' });
    await fake.waitFor((c) => c.args.url === new URL(helpful.responseUrl).pathname);
    // A DM, an auto-answered channel paste, /kb, the shortcut and its "Post in thread".
    await h.event({ type: 'message', channel_type: 'im', user: 'UBOB', channel: 'D0BOB', ts: '1700100002.000100', text: PASTES.dm });
    await fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'D0BOB');
    await h.event({ type: 'message', channel_type: 'channel', user: 'UCAROL', channel: 'C0OPS', ts: '1700100003.000100', text: PASTES.channel });
    await fake.waitFor(postsIn('1700100003.000100'));
    const cmd = await h.command(PASTES.command, { user: 'UDAVE' });
    await fake.waitFor((c) => c.args.url === new URL(cmd.responseUrl).pathname);
    const sc = await h.shortcut({ ts: '1700100004.000100', user: 'UERIN', text: PASTES.shortcut }, { user: 'UERIN' });
    const [scAnswer] = await fake.waitFor((c) => c.args.url === new URL(sc.responseUrl).pathname);
    await h.click({ ts: '1700100004.000900', text: String(scAnswer!.args.text), blocks: scAnswer!.args.blocks as unknown[] }, 'kb_share', { user: 'UERIN', ephemeral: true });
    await fake.waitFor(postsIn('1700100004.000100'));
    // A failing Web API call, so an error is logged too.
    fake.failNext('chat.postMessage', { status: 200, error: 'channel_not_found' });
    await h.event({ type: 'app_mention', user: 'UALICE', channel: 'C0GONE', ts: '1700100005.000100', text: PASTES.mention });
    await fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0GONE');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it('recorded every surface: queries, feedback, threads and handled events are in the database', () => {
    const count = (sql: string) => (h.services.db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM queries')).toBeGreaterThanOrEqual(7);
    expect(count("SELECT count(DISTINCT surface) AS n FROM queries WHERE surface IN ('mention', 'file', 'thread', 'dm', 'message', 'command', 'shortcut')")).toBe(7);
    expect(count('SELECT count(*) AS n FROM feedback')).toBe(1);
    expect(count('SELECT count(*) AS n FROM handled')).toBeGreaterThanOrEqual(6);
    expect(count("SELECT count(*) AS n FROM queries WHERE text LIKE '%[REDACTED]%'")).toBeGreaterThanOrEqual(6);
  });

  it('keeps every secret out of the raw bytes of the database file and its WAL', () => {
    expect(existsSync(`${dbFile}-wal`)).toBe(true);
    expect(secretsOnDisk(dbFile)).toEqual([]);
  });

  it('keeps every secret out of the log, at debug level', () => {
    expect(h.logs.some((l) => l.includes('channel_not_found'))).toBe(true);
    const all = h.logs.join('\n');
    expect(Object.entries(SECRETS).filter(([, s]) => all.includes(s)).map(([k]) => k)).toEqual([]);
  });

  it('answers from the unredacted text: the match still sees what was pasted', () => {
    const text = h.services.db.prepare("SELECT text FROM queries WHERE surface = 'mention' ORDER BY id LIMIT 1").get() as { text: string };
    expect(text.text).toContain('jdbc:postgresql://confluence:[REDACTED]@db:5432/confluence');
    expect(text.text).toContain('no pg_hba.conf entry for host');
  });

  it('still holds no secret once the database is closed and the WAL folded into the file', async () => {
    await h.bot.stop(2000);
    h.services.close();
    expect(existsSync(`${dbFile}-wal`)).toBe(false);
    expect(readFileSync(dbFile).length).toBeGreaterThan(100_000);
    expect(secretsOnDisk(dbFile)).toEqual([]);
  });
});

describe("the bot's own credentials", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ LOG_LEVEL: 'debug' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('never appear in replies, logs or the database, even when someone pastes them', async () => {
    const file = h.fake.addFile({ id: 'FOWN', name: `${BOT_TOKEN}.log`, content: Buffer.from(`ERROR [main] x - bad token ${BOT_TOKEN} secret ${SIGNING_SECRET}\njava.lang.IllegalStateException: ${SIGNING_SECRET}\n`) });
    await h.event({ type: 'app_mention', user: 'UALICE', channel: 'C0GENERAL', ts: '1700200001.000100', text: `<@UKBBOT> java.lang.IllegalStateException: ${SIGNING_SECRET} ${BOT_TOKEN}`, files: [{ id: file.id, name: file.name, mimetype: 'text/plain' }] });
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === '1700200001.000100', 2);
    const show = await h.command(`show ${BOT_TOKEN}`);
    const ask = await h.command(`${SIGNING_SECRET} IllegalStateException ${SIGNING_SECRET}`);
    await h.fake.waitFor((c) => c.args.url === new URL(show.responseUrl).pathname);
    await h.fake.waitFor((c) => c.args.url === new URL(ask.responseUrl).pathname);
    // Requests signed with another secret are refused, and the refusal is logged without the secret.
    expect((await h.event({ type: 'app_mention', user: 'UALICE', channel: 'C0GENERAL', ts: '1700200002.000100', text: '<@UKBBOT> hi' }, { secret: 'not-the-secret-000' })).status).toBe(401);

    // Everything the bot posted: messages, ephemerals, response_url posts. (Its API calls carry the
    // token to Slack itself, which is what the token is for.)
    const replies = JSON.stringify(h.fake.posts());
    expect(h.fake.posts().length).toBeGreaterThanOrEqual(4);
    expect(replies).toContain('bad token [REDACTED] secret [REDACTED]');
    expect(replies).toContain('No article \\"[REDACTED]\\"');
    expect(replies).not.toContain(BOT_TOKEN);
    expect(replies).not.toContain(SIGNING_SECRET);
    const logs = h.logs.join('\n');
    expect(logs).toContain('refused a Slack request');
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toContain(SIGNING_SECRET);
    const db = Buffer.concat([fileBytes(h.dbFile), fileBytes(`${h.dbFile}-wal`)]);
    expect(db.includes(BOT_TOKEN)).toBe(false);
    expect(db.includes(SIGNING_SECRET)).toBe(false);
  });

  it('never appear in configuration errors', () => {
    const wrongToken = 'token-without-prefix-1234567890';
    const wrongAppToken = 'app-token-without-prefix-0987654321';
    expect(() => readConfig({ SLACK_BOT_TOKEN: wrongToken, SLACK_SIGNING_SECRET: 's' })).toThrow(/SLACK_BOT_TOKEN/);
    for (const env of [{ SLACK_BOT_TOKEN: wrongToken, SLACK_SIGNING_SECRET: SIGNING_SECRET }, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: wrongAppToken }, { SLACK_SIGNING_SECRET: SIGNING_SECRET }]) {
      try {
        readConfig(env);
        throw new Error('expected a ConfigError');
      } catch (err) {
        const message = (err as Error).message;
        for (const v of [wrongToken, wrongAppToken, SIGNING_SECRET, BOT_TOKEN]) expect(message).not.toContain(v);
      }
    }
  });
});
