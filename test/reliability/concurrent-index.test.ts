import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerInOneSnapshot } from '../../src/runtime/heavy-work.js';
import { createServices } from '../../src/services.js';
import { type Harness, startHarness } from '../helpers/slack-harness.js';
import { KB_DIR, makeTempDir, REPO_DIR, removeTempDir } from '../helpers/temp-dir.js';

/**
 * `kb index` in another process while the bot answers: every query is answered, with the right
 * article, and no busy database ever reaches a person.
 *
 * The KB is rewritten between runs so each run replaces every article in one transaction, and
 * the two versions differ by one extra file that sorts first: every article's row key shifts by
 * one from one version to the next. A reader that took its full-text hits from one version and
 * its articles from the other would answer with a neighbouring article, which the test sees.
 */
const ROUNDS = 6;
const QUERIES = [
  'com.atlassian.jwt.exception.JwtInvalidClaimException: Expecting claim \'qsh\' to have value \'a81c\' but instead it has the value \'93fe\'',
  'org.postgresql.util.PSQLException: FATAL: sorry, too many clients already',
  'ORA-12514: TNS:listener does not currently know of service requested in connect descriptor',
  'Error: listen EADDRINUSE: address already in use :::3000',
  'java.lang.OutOfMemoryError: Metaspace after redeploying the app several times',
];

let tmp: string;
let kb: string;
let h: Harness;

/** Writes version `v` of the KB: every article gains a section naming the version; version 1 adds a file sorted first. */
function writeVersion(v: number): void {
  for (const dir of readdirSync(kb, { recursive: true }).map(String).filter((f) => f.endsWith('.md'))) {
    const path = join(kb, dir);
    const base = readFileSync(path, 'utf8').replace(/\n## Workaround \(version \d+\)[\s\S]*$/, '');
    writeFileSync(path, `${base}\n## Workaround (version ${v})\n\nRevision quokkarev${v} of this article.\n`);
  }
  const decoy = join(kb, '000-decoy.md');
  if (v % 2 === 1) writeFileSync(decoy, `---\nid: aaa-decoy-${v}\ntitle: Decoy article ${v}\n---\n## Summary\n\nA zebracorn grazes on the meadow, version ${v}.\n`);
  else rmSync(decoy, { force: true });
}

function runIndex(db: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_DIR, 'bin', 'kb.mjs'), 'index', '--kb', kb, '--db', db], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** The article a /kb reply answers with (the "Helpful" button's value), or null when it abstained. */
function answeredId(blocks: unknown): string | null {
  for (const b of (blocks ?? []) as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>) {
    for (const e of b.elements ?? []) if (e.action_id === 'kb_helpful' && e.value) return (JSON.parse(e.value) as { a: string | null }).a;
  }
  return null;
}

beforeAll(async () => {
  tmp = makeTempDir('kb-concurrent-');
  kb = join(tmp, 'kb');
  cpSync(KB_DIR, kb, { recursive: true, filter: (src) => !/\.(txt|html)$/.test(src) });
  writeVersion(0);
  h = await startHarness({ KB_RATE_USER: '10000', KB_RATE_CHANNEL: '10000' }, { kbDirs: [kb] });
}, 60_000);

afterAll(async () => {
  await h.close();
  removeTempDir(tmp);
});

describe('kb index in another process while the bot answers', () => {
  it('answers from one version of the index even when a re-index commits in the middle of an answer', async () => {
    // The bot answers on a thread of its own (src/runtime/heavy-work.ts), with the very function
    // used here on its own connection; here the commit can be slipped into the middle of it.
    const answer = (text: string) => answerInOneSnapshot(h.services, text);
    const q = QUERIES[1]!;
    const before = answer(q);
    const expectedId = before.answer?.id;
    expect(expectedId).toBe('dbjvm-postgres-too-many-clients');
    // Between the full-text search and reading the articles it found, another connection commits a
    // re-index whose row keys are all shifted by one.
    const writer = createServices(h.dbFile);
    const articles = h.services.articles;
    const getByKey = articles.getByKey;
    let committed = false;
    articles.getByKey = (key) => {
      if (!committed) {
        committed = true;
        writeVersion(99);
        expect(writer.index([kb]).indexed.length).toBeGreaterThan(40);
      }
      return getByKey(key);
    };
    try {
      const during = answer(q);
      expect(committed).toBe(true);
      expect(during.answer?.id).toBe(expectedId);
      expect(during.matches.every((m) => !m.id.startsWith('aaa-decoy'))).toBe(true);
      // The next answer reads the new version, which has the decoy first: on this connection and on the bot's thread.
      expect(answer('zebracorn meadow').matches[0]?.id).toBe('aaa-decoy-99');
      expect((await h.bot.bot.replier.answer('zebracorn meadow', { surface: 'command', channel: 'C0', user: 'U0' })).answer?.matches[0]?.id).toBe('aaa-decoy-99');
    } finally {
      articles.getByKey = getByKey;
      writer.close();
      writeVersion(0);
      h.services.index([kb]);
    }
  });

  it('answers every query with the right article while the KB is re-indexed again and again', async () => {
    // The answer to each query before any re-index: the one every later answer must match.
    const expected: string[] = [];
    for (const q of QUERIES) {
      const { responseUrl } = await h.command(q);
      const [r] = await h.fake.waitFor((c) => c.args.url === new URL(responseUrl).pathname);
      const id = answeredId(r!.args.blocks);
      expect(id).not.toBeNull();
      expected.push(id!);
    }

    let indexing = true;
    const runs: Array<{ code: number | null; out: string }> = [];
    let lockConflicts = 0;
    const writer = (async () => {
      for (let v = 1; v <= ROUNDS; v += 1) {
        writeVersion(v);
        const run = await runIndex(h.dbFile);
        // kb index takes the write lock before it reads (IMMEDIATE), so the bot's commits never make it fail.
        if (run.code !== 0 && /database is locked/.test(run.out)) lockConflicts += 1;
        runs.push(run);
      }
      indexing = false;
    })();

    // Three askers at once keep the bot matching nearly all the time, so index commits land mid-match.
    const sent: Array<{ url: string; expected: string }> = [];
    let statuses = 0;
    let i = 0;
    const asker = async () => {
      while (indexing) {
        const q = i % QUERIES.length;
        i += 1;
        const { status, responseUrl } = await h.command(QUERIES[q]!, { user: `U${i % 7}`, channel: `C${i % 5}` });
        if (status !== 200) statuses += 1;
        sent.push({ url: new URL(responseUrl).pathname, expected: expected[q]! });
        await h.fake.waitFor((c) => c.args.url === new URL(responseUrl).pathname, 1, 30_000);
      }
    };
    await Promise.all([writer, asker(), asker(), asker()]);

    expect(lockConflicts).toBe(0);
    expect(runs.map((r) => (r.code === 0 ? 0 : r.out))).toEqual(Array(ROUNDS).fill(0));
    expect(runs.every((r) => /indexed \d+, unchanged 0/.test(r.out))).toBe(true);
    expect(statuses).toBe(0);
    expect(sent.length).toBeGreaterThan(50);
    const replies = await h.fake.waitFor((c) => sent.some((s) => s.url === c.args.url), sent.length, 30_000);
    const wrong = sent
      .map((s) => ({ ...s, got: answeredId(replies.find((c) => c.args.url === s.url)!.args.blocks) }))
      .filter((s) => s.got !== s.expected);
    expect(wrong).toEqual([]);
    expect(h.logs.filter((l) => /SQLITE_BUSY|database is locked|failed/i.test(l))).toEqual([]);
    // The last version is what the bot answers from now, without a restart.
    expect(h.services.articles.getById(`aaa-decoy-${ROUNDS % 2 === 1 ? ROUNDS : ROUNDS - 1}`) !== null).toBe(ROUNDS % 2 === 1);
    expect(h.services.answer('zebracorn meadow').matches.length > 0).toBe(ROUNDS % 2 === 1);
  }, 120_000);
});
