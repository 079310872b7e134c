import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KB_DIR, makeTempDir, REPO_DIR, removeTempDir } from '../helpers/temp-dir.js';

/**
 * `kill -9` in the middle of `kb index` (a real child process, killed at seeded random points
 * between opening the database and finishing, i.e. while it reads, analyzes and writes the KB in
 * its one transaction): the database stays usable and holds a whole version of the KB, never
 * part of one; the next complete `kb index` gives exactly what a clean index of the same KB gives.
 * When the child opens the database is read from /proc/<pid>/fd (Linux); without /proc the kill
 * points are counted from the start of the process instead.
 */
const PROC = existsSync('/proc/self/fd');
const KILLS = 6;
const SEED = 1234567;

let tmp: string;
let kb: string;

/** mulberry32: a small seeded generator, so the kill points are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Version `v` of the KB: every article changed and one file renamed, so each run rewrites everything. */
function writeVersion(v: number): void {
  for (const rel of readdirSync(kb, { recursive: true }).map(String).filter((f) => f.endsWith('.md'))) {
    const path = join(kb, rel);
    const base = readFileSync(path, 'utf8').replace(/\n## Workaround \(version \d+\)[\s\S]*$/, '');
    writeFileSync(path, `${base}\n## Workaround (version ${v})\n\nRevision quokkarev${v}: restart the service${v % 3} after ${v} minutes.\n`);
  }
  const extra = join(kb, `extra-${v % 2}.md`);
  rmSync(join(kb, `extra-${(v + 1) % 2}.md`), { force: true });
  writeFileSync(extra, `---\nid: extra-article\ntitle: Extra article ${v}\n---\n## Summary\n\nThe gizmotron ${v} fails with ERR_GIZMO_${v}.\n`);
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  /** Milliseconds from start to the database being open, and to the end. */
  openedMs: number | null;
  ms: number;
}

/** Whether process `pid` has `file` open. */
function hasOpen(pid: number, file: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === file;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/** Runs `kb index`; with `killAfterOpenMs`, SIGKILLs it that long after it has opened the database. */
function runIndex(db: string, killAfterOpenMs?: number): Promise<Run> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(REPO_DIR, 'bin', 'kb.mjs'), 'index', '--kb', kb, '--db', db], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let openedMs: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const poll = setInterval(() => {
      if (openedMs !== null || child.pid === undefined || (PROC && !hasOpen(child.pid, db))) return;
      openedMs = performance.now() - started;
      if (killAfterOpenMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterOpenMs);
    }, 2);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      resolve({ code, signal, out, openedMs, ms: performance.now() - started });
    });
  });
}

/** Everything the index holds, keyed by article id and path (row keys and timestamps left out). */
function dump(file: string): Record<string, unknown> {
  const db = new Database(file);
  try {
    const all = (sql: string) => db.prepare(sql).all();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.prepare("INSERT INTO article_fts(article_fts) VALUES ('integrity-check')").run();
    return {
      articles: all('SELECT id, title, product, url, tags, patterns, source, path FROM articles ORDER BY id'),
      sections: all('SELECT a.id, s.ord, s.role, s.heading, s.text FROM sections s JOIN articles a ON a.key = s.article_key ORDER BY a.id, s.ord'),
      snippets: all('SELECT a.id, s.ord, s.section, s.kind, s.lang, s.text FROM snippets s JOIN articles a ON a.key = s.article_key ORDER BY a.id, s.ord'),
      signals: all('SELECT a.id, s.kind, s.key FROM signals s JOIN articles a ON a.key = s.article_key ORDER BY a.id, s.kind, s.key'),
      signalDf: all('SELECT kind, key, df FROM signal_df ORDER BY kind, key'),
      fts: all('SELECT a.id, f.title, f.symptoms, f.diagnosis, f.cause, f.solution, f.snippets, f.other FROM article_fts f JOIN articles a ON a.key = f.rowid ORDER BY a.id'),
      ftsRows: all('SELECT count(*) AS n FROM article_fts'),
      vocabulary: all('SELECT term, doc, cnt FROM article_fts_vocab ORDER BY term'),
      files: all('SELECT path, root, source, hash, error, article_key IS NOT NULL AS indexed FROM kb_files ORDER BY path'),
    };
  } finally {
    db.close();
  }
}

beforeAll(() => {
  tmp = makeTempDir('kb-crash-');
  kb = join(tmp, 'kb');
  cpSync(KB_DIR, kb, { recursive: true });
});

afterAll(() => {
  removeTempDir(tmp);
});

describe('kill -9 in the middle of kb index', () => {
  it('leaves a usable database holding a whole version, and the next run equals a clean index', async () => {
    const db = join(tmp, 'crash.sqlite');
    writeVersion(0);
    const first = await runIndex(db);
    expect(first.code).toBe(0);
    // How long a run that rewrites everything works once the database is open: the kills land inside that.
    const timing = join(tmp, 'timing.sqlite');
    cpSync(db, timing);
    writeVersion(1);
    const t = await runIndex(timing);
    expect(t.openedMs).not.toBeNull();
    const working = t.ms - t.openedMs!;

    const next = random(SEED);
    const killed: number[] = [];
    let before = dump(db);
    for (let round = 1; round <= KILLS; round += 1) {
      writeVersion(round + 1);
      const at = Math.round(working * (0.05 + 0.9 * next()));
      const r = await runIndex(db, at);
      if (r.signal === 'SIGKILL') killed.push(at);
      // Usable, and one whole version: the one before this run or, when the run got to commit
      // before it died, exactly what a clean index of this version holds.
      const after = dump(db);
      if (!isDeepStrictEqual(after, before)) {
        const clean = join(tmp, `clean-${round}.sqlite`);
        expect((await runIndex(clean)).code).toBe(0);
        expect(after).toEqual(dump(clean));
      }
      before = after;
    }
    expect(killed.length).toBeGreaterThanOrEqual(KILLS - 1);

    writeVersion(KILLS + 2);
    const last = await runIndex(db);
    expect(last.code).toBe(0);
    const clean = join(tmp, 'clean.sqlite');
    expect((await runIndex(clean)).code).toBe(0);
    expect(dump(db)).toEqual(dump(clean));
  }, 120_000);
});
