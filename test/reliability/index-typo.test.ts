import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IndexRefusedError } from '../../src/kb/kb-folders.js';
import { createServices } from '../../src/services.js';
import { runKb } from '../helpers/run-kb.js';
import { KB_DIR, makeTempDir, REPO_DIR, removeTempDir } from '../helpers/temp-dir.js';

const kb = (argv: string[]) => runKb(argv);

function articles(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** A typo in `--kb` or KB_DIR, or a folder that is empty, must not wipe an index that has articles. */
describe('a mistyped or empty KB folder changes nothing', () => {
  let tmp: string;
  let db: string;
  let kbCopy: string;
  let bundled: number;
  beforeAll(() => {
    tmp = makeTempDir('kb-typo-');
    kbCopy = join(tmp, 'kb');
    cpSync(KB_DIR, kbCopy, { recursive: true });
  });
  afterAll(() => removeTempDir(tmp));
  beforeEach(async () => {
    db = join(tmp, `kb-${Math.random().toString(36).slice(2)}.sqlite`);
    expect((await kb(['index', '--kb', kbCopy, '--db', db])).code).toBe(0);
    bundled = articles(db);
    expect(bundled).toBeGreaterThan(50);
  });

  it('kb index --kb /nonexistent exits 1 with one line and keeps every article', async () => {
    const run = await kb(['index', '--kb', join(tmp, 'no-such-kb'), '--db', db]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no-such-kb does not exist; nothing was changed/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(articles(db)).toBe(bundled);
  });

  it('a missing folder beside a good one changes nothing either', async () => {
    const run = await kb(['index', '--kb', kbCopy, '--kb', join(tmp, 'typo'), '--db', db]);
    expect(run.code).toBe(1);
    expect(articles(db)).toBe(bundled);
  });

  it('a missing folder does not create a database', async () => {
    const fresh = join(tmp, 'never', 'kb.sqlite');
    expect((await kb(['index', '--kb', join(tmp, 'no-such-kb'), '--db', fresh])).code).toBe(1);
    expect(existsSync(fresh)).toBe(false);
  });

  it('an existing empty folder is refused unless --allow-empty, which empties the index', async () => {
    const empty = join(tmp, `empty-${Math.random().toString(36).slice(2)}`);
    mkdirSync(empty);
    const refused = await kb(['index', '--kb', empty, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`would remove all ${bundled} articles of the index; nothing was changed.*--allow-empty`));
    expect(articles(db)).toBe(bundled);
    const asked = await kb(['index', '--kb', empty, '--db', db, '--allow-empty']);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toMatch(new RegExp(`removed ${bundled}`));
    expect(articles(db)).toBe(0);
  });

  it('a folder whose every file fails to index is refused too, and the previous index is kept (rolled back)', async () => {
    const bad = join(tmp, `bad-${Math.random().toString(36).slice(2)}`);
    mkdirSync(bad);
    writeFileSync(join(bad, 'a.md'), '');
    writeFileSync(join(bad, 'b.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    const services = createServices(db);
    try {
      expect(() => services.index([bad])).toThrow(IndexRefusedError);
      expect(services.articles.stats().articles).toBe(bundled);
      expect(services.articles.getById('proxy-companion-jwt-qsh-apache-nocanon')).not.toBeNull();
    } finally {
      services.close();
    }
  });

  it('the bot does not start on a missing KB_DIR, and leaves the index as it was', async () => {
    const run = await promisify(execFile)(process.execPath, [join(REPO_DIR, 'bin', 'start.mjs')], {
      cwd: tmp,
      env: { PATH: process.env.PATH, KB_DB: db, KB_DIR: join(tmp, 'kb-typo'), PORT: '0' },
      timeout: 20_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code?: number; stderr?: string }) => ({ code: err.code ?? -1, stderr: err.stderr ?? '' }),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/kb-assistant: KB folder .*kb-typo does not exist; nothing was changed/);
    expect(articles(db)).toBe(bundled);
  });
});
