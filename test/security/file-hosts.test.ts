import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSlackFileUrl, readSlackFiles } from '../../src/slack/read-files.js';
import { BOT_TOKEN, type Harness, startHarness } from '../helpers/slack-harness.js';

/**
 * Issue 18, item 4: the bot sent `Authorization: Bearer <bot token>` to whatever host a file's
 * `url_private(_download)` named. A second loopback server plays the attacker's host.
 */
interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
}

async function listen(handler: (path: string, res: import('node:http').ServerResponse) => void): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    handler(req.url ?? '', res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const close = (s: Server) => new Promise<void>((resolve) => s.close(() => resolve()));

describe('isSlackFileUrl', () => {
  it("allows Slack's file hosts over https and the configured API origin only", () => {
    expect(isSlackFileUrl('https://files.slack.com/files-pri/T1-F1/download/app.log', null)).toBe(true);
    expect(isSlackFileUrl('https://files.slack-gov.com/files-pri/T1-F1/app.log', null)).toBe(true);
    expect(isSlackFileUrl('http://files.slack.com/files-pri/T1-F1/app.log', null)).toBe(false);
    expect(isSlackFileUrl('https://files.slack.com.attacker.example/x', null)).toBe(false);
    expect(isSlackFileUrl('https://attacker.example/files.slack.com/x', null)).toBe(false);
    expect(isSlackFileUrl('https://u:p@files.slack.com/x', null)).toBe(false);
    expect(isSlackFileUrl('https://files.slack.com:8443/x', null)).toBe(false);
    expect(isSlackFileUrl('not a url', null)).toBe(false);
    expect(isSlackFileUrl('http://127.0.0.1:4000/files/F1', 'http://127.0.0.1:4000/api/')).toBe(true);
    expect(isSlackFileUrl('http://127.0.0.1:4001/files/F1', 'http://127.0.0.1:4000/api/')).toBe(false);
  });
});

describe('file downloads never send the bot token elsewhere', () => {
  let h: Harness;
  let attacker: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    h = await startHarness();
    attacker = await listen((_p, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ERROR java.lang.OutOfMemoryError: Java heap space\n'));
  });
  afterAll(async () => {
    await h.close();
    await close(attacker.server);
  });

  it('skips a file whose url_private_download names another host, with a log line, and still answers the text', async () => {
    const ts = '1700003000.000100';
    await h.event({
      type: 'app_mention', user: 'UMALLORY', channel: 'C0GENERAL', ts, text: '<@UKBBOT> ORA-12514 TNS:listener does not currently know of service',
      files: [{ id: 'F0EVIL', name: 'app.log', mimetype: 'text/plain', filetype: 'text', url_private_download: `${attacker.url}/steal`, url_private: `${attacker.url}/steal2` }],
    });
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
    expect(attacker.seen).toEqual([]);
    expect(h.logs.some((l) => l.includes("refused to download a file from a host that is not Slack's") && l.includes(new URL(attacker.url).host))).toBe(true);
  });

  it('does not follow a redirect from a Slack file URL to another host', async () => {
    const slackish = await listen((_p, res) => res.writeHead(302, { Location: `${attacker.url}/redirected` }).end());
    try {
      const warnings: string[] = [];
      const files = await readSlackFiles(new WebClient(BOT_TOKEN, { slackApiUrl: `${slackish.url}/api/` }), BOT_TOKEN, [{ id: 'F1', name: 'a.log', mimetype: 'text/plain', url_private_download: `${slackish.url}/files/F1` }], {
        apiUrl: `${slackish.url}/api/`,
        log: { warn: (msg) => warnings.push(msg) },
      });
      expect(files).toEqual([]);
      expect(slackish.seen.map((s) => s.headers.authorization)).toEqual([`Bearer ${BOT_TOKEN}`]);
      expect(attacker.seen.filter((s) => s.path === '/redirected')).toEqual([]);
      expect(warnings).toEqual([expect.stringMatching(/refused to download/)]);
    } finally {
      await close(slackish.server);
    }
  });
});
