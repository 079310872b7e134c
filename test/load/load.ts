/**
 * The load run shared by `npm run load` (2,000 events over 60 s) and test/load/load.test.ts (a
 * short run): signed Slack events sent open-loop (on schedule, whatever the replies are doing)
 * over loopback to the bot's real HTTP receiver, with the fake Slack Web API answering and
 * sometimes refusing chat.postMessage with 429 Retry-After. Slack's own habits are mixed in:
 * retries of an event already delivered, and the `message` twin of a mention.
 *
 * Measures how long each event takes to be acknowledged, and checks that every event is
 * acknowledged within the bound and answered exactly once. Heavy work can run meanwhile, as in a
 * busy hour: an admin's `/kb reindex` of `reindexArticles` changed articles (a generated KB
 * beside the bundled one), and a mention with `attachments` 5 MB logs to scan.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { ensureCorpus, rewriteArticles } from '../../bench/corpus/write-corpus.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/config.js';
import { FAKE_BOT_USER, FAKE_TEAM, FakeSlack } from '../../src/local-slack/fake-slack.js';
import { sendSignedToBot } from '../../src/local-slack/sign-request.js';
import { createLog } from '../../src/log.js';
import { createServices } from '../../src/services.js';
import { createSlackBot } from '../../src/slack/app.js';

export interface LoadOptions {
  /** Events to send (each a distinct mention that must be answered once). */
  events: number;
  /** They are spread evenly over this many milliseconds. */
  durationMs: number;
  /** One chat.postMessage in this many is answered 429 with Retry-After: 1. Default 100. */
  rateLimitEvery?: number;
  /** One event in this many is delivered again as a Slack retry, and one as its `message` twin. Default 25. */
  duplicateEvery?: number;
  /** Every event must be acknowledged within this. Default 3000 ms (Slack's limit). */
  ackBoundMs?: number;
  /** How long to wait for the last replies after the last event. Default 60 s. */
  drainMs?: number;
  /** Progress lines. */
  progress?: (line: string) => void;
  /** A generated KB of this many articles is indexed first, all of them changed, and `/kb reindex` sent a quarter into the run. */
  reindexArticles?: number;
  /** A mention with this many 5 MB logs attached is sent a third into the run. */
  attachments?: number;
}

/** The heavy work of a run, when it had some: when it started and ended, relative to the first event. */
export interface HeavyReport {
  reindex: { articles: number; sentAtMs: number; doneAtMs: number | null; result: string | null } | null;
  scan: { files: number; sentAtMs: number; repliedAtMs: number | null; replies: number } | null;
  /** Acknowledgements of events sent while heavy work was in progress. */
  ackedDuring: number;
  ackMsDuring: { p50: number; p99: number; max: number };
}

export interface LoadReport {
  events: number;
  /** Requests sent in all: events, retries, twins. */
  requests: number;
  durationMs: number;
  /** Requests answered 200, and of those within the bound. */
  acked: number;
  ackedWithinBound: number;
  ackBoundMs: number;
  /** HTTP statuses other than 200 and network errors, by kind. */
  failures: Record<string, number>;
  ackMs: { p50: number; p90: number; p99: number; max: number };
  /** 429s the fake Slack served. */
  rateLimited: number;
  repliesPosted: number;
  eventsAnsweredOnce: number;
  eventsUnanswered: number;
  eventsAnsweredTwice: number;
  /** From the last request acknowledged to the last reply posted. */
  drainMs: number;
  /** Bot log lines at error level, first few (warnings about the injected 429s are expected). */
  errors: string[];
  heavy: HeavyReport;
}

const TOKEN = 'xoxb-load-0000000000-token';
const SECRET = 'load-signing-secret-0123456789';
const KB_DIR = join(import.meta.dirname, '..', '..', 'kb');

/** What people paste: traces, log lines, one-line errors, questions. */
const PASTES = [
  `2021-03-04 09:12:44,512 WARN [https-jsse-nio2-8443-exec-5] [jwt.internal.sal.DefaultAuthenticationResultHandler] createAndSendFailure Failure during JWT authentication
com.atlassian.jwt.exception.JwtInvalidClaimException: Expecting claim 'qsh' to have value 'a81c' but instead it has the value '93fe'
\tat com.atlassian.jwt.core.reader.JwtClaimEqualityVerifier.verify(JwtClaimEqualityVerifier.java:29)
\tat com.atlassian.jwt.core.reader.NimbusJwtReader.read(NimbusJwtReader.java:151)`,
  'org.postgresql.util.PSQLException: FATAL: sorry, too many clients already',
  'ORA-12514: TNS:listener does not currently know of service requested in connect descriptor',
  'Error: listen EADDRINUSE: address already in use :::3000\n    at Server.setupListenHandle [as _listen2] (node:net:1817:16)\n    at listenInCluster (node:net:1865:12)',
  'java.lang.OutOfMemoryError: Metaspace after redeploying the app several times',
  'error: RPC failed; HTTP 413 curl 22 The requested URL returned error: 413\nfatal: the remote end hung up unexpectedly',
  'how do I fix pip error externally-managed-environment on debian 12?',
  'Back-off pulling image "registry.local/app:1.4": ImagePullBackOff manifest unknown',
  'Caused by: javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
  'our docker build fails: failed to copy files: write /var/lib/docker/overlay2/x: no space left on device',
  'com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure The last packet successfully received from the server was 28,800,123 milliseconds ago',
  'anyone know why the wiki is slow today?',
];

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (x: number) => Math.round(x * 10) / 10;

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const ackBoundMs = options.ackBoundMs ?? 3000;
  const rateLimitEvery = options.rateLimitEvery ?? 100;
  const duplicateEvery = options.duplicateEvery ?? 25;
  const say = options.progress ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'kb-load-'));
  const fake = new FakeSlack(TOKEN);
  const apiUrl = await fake.start();
  const services = createServices(join(dir, 'kb.sqlite'));
  const logs: string[] = [];
  let bot: ReturnType<typeof createSlackBot> | null = null;
  try {
    const generated = join(dir, 'generated');
    const kbDirs = options.reindexArticles ? [KB_DIR, generated] : [KB_DIR];
    if (options.reindexArticles) {
      say(`generating and indexing ${options.reindexArticles} more articles to re-index during the run`);
      ensureCorpus(generated, 18, options.reindexArticles);
    }
    services.index(kbDirs);
    // 200 people in 100 channels: each stays well inside the default per-person and per-channel limits.
    const config = readConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${apiUrl}/api/`, PORT: '0', KB_DIR: kbDirs.join(','), KB_ADMINS: 'ULOADADMIN' });
    bot = createSlackBot(config, services, createLog({ level: 'warn', secrets: [TOKEN, SECRET], write: (l) => logs.push(l) }));
    const port = await bot.start();
    const url = `http://127.0.0.1:${port}/slack/events`;

    const acks: number[] = [];
    const failures: Record<string, number> = {};
    let requests = 0;
    const send = async (event: Record<string, unknown>, eventId: string, retryNum?: number) => {
      requests += 1;
      const payload = {
        token: 'legacy', team_id: FAKE_TEAM, api_app_id: 'ALOAD', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: FAKE_TEAM, user_id: FAKE_BOT_USER, is_bot: true }], event,
      };
      try {
        const during = heavyInProgress();
        const r = await sendSignedToBot(url, 'event', payload, { secret: SECRET, ...(retryNum ? { retryNum } : {}) });
        if (r.status === 200) {
          acks.push(r.ms);
          if (during || heavyInProgress()) duringAcks.push(r.ms);
        } else failures[`HTTP ${r.status}`] = (failures[`HTTP ${r.status}`] ?? 0) + 1;
      } catch (err) {
        const key = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
        failures[key] = (failures[key] ?? 0) + 1;
      }
    };

    const threads: string[] = [];
    const inFlight: Array<Promise<void>> = [];
    const started = performance.now();
    const heavy: HeavyReport = { reindex: null, scan: null, ackedDuring: 0, ackMsDuring: { p50: 0, p99: 0, max: 0 } };
    const duringAcks: number[] = [];
    const heavyInProgress = () =>
      (heavy.reindex !== null && heavy.reindex.doneAtMs === null) || (heavy.scan !== null && heavy.scan.repliedAtMs === null);
    const startReindex = () => {
      const n = options.reindexArticles ?? 0;
      rewriteArticles(generated, 18, Array.from({ length: n }, (_, k) => k), 1);
      const responseUrl = fake.responseUrl();
      heavy.reindex = { articles: n, sentAtMs: Math.round(performance.now() - started), doneAtMs: null, result: null };
      const path = new URL(responseUrl).pathname;
      const onResponse = ({ path: p, args }: { path: string; args: Record<string, unknown> }) => {
        if (p !== path || !String(args.text).match(/^Re-index(ed|.*did not run)/)) return;
        heavy.reindex!.doneAtMs = Math.round(performance.now() - started);
        heavy.reindex!.result = String(args.text);
        fake.off('response', onResponse);
      };
      fake.on('response', onResponse);
      say(`sending /kb reindex of ${n} changed articles`);
      inFlight.push(
        sendSignedToBot(url, 'command', {
          token: 'legacy', team_id: FAKE_TEAM, team_domain: 'load', channel_id: 'CADMIN', channel_name: 'admin', user_id: 'ULOADADMIN', user_name: 'admin',
          command: '/kb', text: 'reindex', api_app_id: 'ALOAD', response_url: responseUrl, trigger_id: 'tload',
        }, { secret: SECRET }).then(() => undefined),
      );
    };
    const startScan = () => {
      const count = options.attachments ?? 0;
      const fixture = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'logs', 'mixed-confluence.log'), 'utf8');
      const content = Buffer.from(fixture.repeat(Math.ceil((5 * 1024 * 1024) / fixture.length)).slice(0, 5 * 1024 * 1024 - 1));
      const files = Array.from({ length: count }, (_, k) => fake.addFile({ id: `FLOAD${k}`, name: `busy-${k}.log`, content }));
      const ts = '1799999999.000001';
      heavy.scan = { files: count, sentAtMs: Math.round(performance.now() - started), repliedAtMs: null, replies: 0 };
      const onMessage = (m: { channel: string; thread_ts?: string }) => {
        if (m.channel !== 'CSCAN' || m.thread_ts !== ts) return;
        heavy.scan!.replies += 1;
        if (heavy.scan!.replies >= count) {
          heavy.scan!.repliedAtMs = Math.round(performance.now() - started);
          fake.off('message', onMessage);
        }
      };
      fake.on('message', onMessage);
      say(`sending a mention with ${count} attached 5 MB logs`);
      inFlight.push(send({ type: 'app_mention', user: 'USCAN', channel: 'CSCAN', ts, event_ts: ts, text: `<@${FAKE_BOT_USER}> what is wrong here?`, files: files.map((f) => ({ id: f.id, name: f.name, mimetype: 'text/plain', filetype: 'text' })) }, 'EvLSCAN'));
    };
    const interval = options.durationMs / options.events;
    for (let i = 0; i < options.events; i += 1) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const ts = `${1_800_000_000 + i}.${String(i % 1_000_000).padStart(6, '0')}`;
      const channel = `C${String(i % 100).padStart(4, '0')}`;
      const user = `U${String(i % 200).padStart(4, '0')}`;
      const text = `<@${FAKE_BOT_USER}> ${PASTES[i % PASTES.length]}`;
      threads.push(ts);
      if (i % rateLimitEvery === rateLimitEvery - 1) {
        fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
      }
      const mention = { type: 'app_mention', user, channel, ts, event_ts: ts, text };
      if (options.reindexArticles && i === Math.floor(options.events / 4)) startReindex();
      if (options.attachments && i === Math.floor(options.events / 3)) startScan();
      inFlight.push(send(mention, `EvL${i}`));
      if (i % duplicateEvery === duplicateEvery - 1) {
        // Slack's retry of the same event (sent later, so signed with a later timestamp, as Slack
        // does), and the message event every mention also produces.
        inFlight.push(new Promise((resolve) => setTimeout(resolve, 1100)).then(() => send(mention, `EvL${i}`, 1)));
        inFlight.push(send({ type: 'message', channel_type: 'channel', user, channel, ts, event_ts: ts, text }, `EvL${i}m`));
      }
      if (i > 0 && i % Math.max(1, Math.floor(options.events / 10)) === 0) say(`${i} events sent, ${fake.posts().length} replies posted`);
    }
    const durationMs = performance.now() - started;
    await Promise.all(inFlight);
    const sentAt = performance.now();
    const sentAtWall = Date.now();

    const answered = () => {
      const perThread = new Map<string, number>();
      for (const c of fake.calls) {
        if (c.method === 'chat.postMessage' && c.status === 200 && typeof c.args.thread_ts === 'string') perThread.set(c.args.thread_ts, (perThread.get(c.args.thread_ts) ?? 0) + 1);
      }
      return perThread;
    };
    const drainBy = sentAt + (options.drainMs ?? 60_000);
    while ((threads.some((t) => !answered().has(t)) || heavyInProgress()) && performance.now() < drainBy) await new Promise((resolve) => setTimeout(resolve, 50));
    const sortedDuring = [...duringAcks].sort((a, b) => a - b);
    heavy.ackedDuring = duringAcks.length;
    heavy.ackMsDuring = { p50: round(percentile(sortedDuring, 50)), p99: round(percentile(sortedDuring, 99)), max: round(sortedDuring[sortedDuring.length - 1] ?? 0) };
    // A moment more, so a reply posted twice would be seen.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const lastPost = Math.max(...fake.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.at));
    const perThread = answered();
    const sorted = [...acks].sort((a, b) => a - b);
    return {
      events: options.events,
      requests,
      durationMs: Math.round(durationMs),
      acked: acks.length,
      ackedWithinBound: acks.filter((ms) => ms <= ackBoundMs).length,
      ackBoundMs,
      failures,
      ackMs: { p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? 0) },
      rateLimited: fake.calls.filter((c) => c.status === 429).length,
      repliesPosted: [...perThread.values()].reduce((a, b) => a + b, 0),
      eventsAnsweredOnce: threads.filter((t) => perThread.get(t) === 1).length,
      eventsUnanswered: threads.filter((t) => !perThread.has(t)).length,
      eventsAnsweredTwice: threads.filter((t) => (perThread.get(t) ?? 0) > 1).length,
      drainMs: Math.max(0, lastPost - sentAtWall),
      errors: logs.filter((l) => l.includes('"level":"error"')).slice(0, 5),
      heavy,
    };
  } finally {
    await bot?.stop(5000);
    await fake.stop();
    services.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The report as the lines `npm run load` prints. */
export function formatReport(r: LoadReport): string[] {
  const failed = Object.entries(r.failures).map(([k, n]) => `${k}: ${n}`).join(', ') || 'none';
  return [
    `events           ${r.events} over ${(r.durationMs / 1000).toFixed(1)} s (${(r.events / (r.durationMs / 1000)).toFixed(1)}/s), ${r.requests} requests with retries and message twins`,
    `acknowledged     ${r.acked}/${r.requests}, ${r.ackedWithinBound} within ${r.ackBoundMs} ms; failures: ${failed}`,
    `ack time (ms)    p50 ${r.ackMs.p50}  p90 ${r.ackMs.p90}  p99 ${r.ackMs.p99}  max ${r.ackMs.max}`,
    `replies          ${r.repliesPosted} posted: ${r.eventsAnsweredOnce} events answered exactly once, ${r.eventsUnanswered} unanswered, ${r.eventsAnsweredTwice} answered twice`,
    `429s from Slack  ${r.rateLimited} (each paused the Web API client for 1 s); last reply ${(r.drainMs / 1000).toFixed(1)} s after the last acknowledgement`,
    `bot errors       ${r.errors.length ? r.errors.join(' | ') : 'none'}`,
    ...heavyLines(r.heavy),
  ];
}

function heavyLines(h: HeavyReport): string[] {
  const s = (ms: number | null) => (ms === null ? 'not finished' : `${(ms / 1000).toFixed(1)} s`);
  const lines: string[] = [];
  if (h.reindex) lines.push(`re-index         ${h.reindex.articles} changed articles: sent at ${s(h.reindex.sentAtMs)}, done at ${s(h.reindex.doneAtMs)}: ${h.reindex.result ?? 'no result'}`);
  if (h.scan) lines.push(`file scan        ${h.scan.files} × 5 MB attached: sent at ${s(h.scan.sentAtMs)}, ${h.scan.replies} replies, last at ${s(h.scan.repliedAtMs)}`);
  if (h.reindex || h.scan) lines.push(`acks meanwhile   ${h.ackedDuring} events acknowledged while heavy work ran: p50 ${h.ackMsDuring.p50}  p99 ${h.ackMsDuring.p99}  max ${h.ackMsDuring.max} ms`);
  return lines;
}

/** Whether the run met its bounds: every request acknowledged in time, every event answered once. */
export function loadPassed(r: LoadReport): boolean {
  const heavyDone = (!r.heavy.reindex || /^Re-indexed:/.test(r.heavy.reindex.result ?? '')) && (!r.heavy.scan || r.heavy.scan.repliedAtMs !== null);
  return r.ackedWithinBound === r.requests && r.eventsAnsweredOnce === r.events && r.errors.length === 0 && heavyDone;
}
