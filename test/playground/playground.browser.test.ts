import Database from 'better-sqlite3';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledArticleCount } from '../helpers/temp-dir.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const SEED = readFileSync(join(ROOT, 'test', 'fixtures', 'kb', 'seed-article.txt'), 'utf8');
/** The seed's log excerpt, as a person copies it from the KB page. */
const SEED_LOG = /1 2 3 4 5 6 7 8 9 (2020-07-XX.*)$/m.exec(SEED)![1]!;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('npm start without Slack tokens: the local playground in a real browser', () => {
  let child: ChildProcess;
  let browser: Browser;
  let page: Page;
  let url: string;
  let dir: string;
  let output = '';
  const failedRequests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kb-playground-'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), KB_DB: join(dir, 'kb.sqlite') };
    for (const k of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN']) delete env[k];
    child = spawn(process.execPath, ['bin/start.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 30_000);
      const onData = (d: Buffer) => {
        output += d.toString();
        const m = /Open (http:\/\/localhost:\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('response', (r) => {
      if (r.status() >= 400) failedRequests.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(url);
    await page.waitForSelector('nav a');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    child?.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads without a failed request and brings its own icon (a browser asks for /favicon.ico otherwise)', async () => {
    expect(failedRequests).toEqual([]);
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/);
  });

  it('tells the terminal where to open it, how many articles it indexed, and how to connect Slack', () => {
    expect(output).toMatch(new RegExp(`${bundledArticleCount()} articles indexed from kb`));
    expect(output).toMatch(/SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET/);
  });

  it('answers the seed log pasted with a mention, in the thread, with the cause and the nocanon fix', async () => {
    await page.fill('#input', `@kb Companion can't open PDFs, the log says:\n${SEED_LOG}`);
    await page.press('#input', 'Enter');
    const reply = page.locator('.thread .msg', { hasText: 'Companion app gets' });
    await reply.waitFor({ timeout: 15_000 });
    const text = await reply.innerText();
    expect(text).toContain('Cause');
    expect(text).toMatch(/re-encod|canonicalis/i);
    expect(text).toContain('nocanon');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('.msg', { hasText: "Companion can't open PDFs" }).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(ARTIFACTS, 'playground-thread.png'), fullPage: false });
  });

  it('answers /kb with an error fragment privately', async () => {
    await page.fill('#input', '/kb sorry too many clients already postgres');
    await page.press('#input', 'Enter');
    const eph = page.locator('.msg.ephemeral', { hasText: 'too many clients' });
    await eph.waitFor({ timeout: 15_000 });
    expect(await eph.innerText()).toContain('Only visible to you');
    expect(await eph.locator('button', { hasText: 'Share in channel' }).count()).toBe(1);
  });

  it('scans an attached .log file and lists the known problems', async () => {
    await page.fill('#input', '@kb what is wrong in this log?');
    await page.setInputFiles('#file', join(ROOT, 'test', 'fixtures', 'logs', 'mixed-confluence.log'));
    await page.press('#input', 'Enter');
    const scan = page.locator('.thread .msg', { hasText: 'Scanned' });
    await scan.waitFor({ timeout: 15_000 });
    const text = await scan.innerText();
    expect(text).toContain('mixed-confluence.log');
    expect(text).toMatch(/3× · lines \d+–\d+/);
  });

  it('answers the "Find a KB fix" shortcut on a message privately', async () => {
    await page.fill('#input', 'our build box says Error: listen EADDRINUSE: address already in use :::8080');
    await page.press('#input', 'Enter');
    const msg = page.locator('.msg', { hasText: 'our build box says' }).first();
    await msg.waitFor();
    await msg.hover();
    await msg.locator('button[data-tool="shortcut"]').click();
    const eph = page.locator('.msg.ephemeral', { hasText: 'EADDRINUSE' });
    await eph.waitFor({ timeout: 15_000 });
    expect(await eph.locator('button', { hasText: 'Post in thread' }).count()).toBe(1);
  });

  it('records a "Helpful" click and thanks the person', async () => {
    const eph = page.locator('.msg.ephemeral', { hasText: 'too many clients' }).first();
    await eph.locator('button', { hasText: /^Helpful$/ }).click();
    await page.locator('.msg.ephemeral', { hasText: 'glad it helped' }).waitFor({ timeout: 15_000 });
    const db = new Database(join(dir, 'kb.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT article_id AS a, helpful FROM feedback').all() as Array<{ a: string; helpful: number }>;
    db.close();
    expect(rows).toEqual([{ a: 'dbjvm-postgres-too-many-clients', helpful: 1 }]);
  });
});
