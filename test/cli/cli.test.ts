import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/store/migrate.js';
import { type Run, runKb } from '../helpers/run-kb.js';
import { KB_DIR, REPO_DIR, makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

const kb = runKb;

const lines = (text: string) => text.split('\n').filter((l) => l.length > 0);
const sortedKeys = (o: object) => Object.keys(o).sort();

const QSH = 'proxy-companion-jwt-qsh-apache-nocanon';
const QSH_TEXT = "com.atlassian.jwt.exception.JwtInvalidClaimException: Expecting claim 'qsh' to have value 'abc' but instead it has the value 'def'";

let tmp: string;
let db: string;
let firstIndex: Run;

beforeAll(async () => {
  tmp = makeTempDir('kb-cli-');
  db = join(tmp, 'kb.sqlite');
  firstIndex = await kb(['index', '--kb', KB_DIR, '--db', db]);
});

afterAll(() => removeTempDir(tmp));

describe('kb index', () => {
  it('prints one summary line with the counts and the database', () => {
    expect(firstIndex.code).toBe(0);
    expect(firstIndex.stderr).toBe('');
    expect(firstIndex.stdout).toMatch(new RegExp(`^indexed (\\d+), unchanged 0, removed 0, failed 0 — \\1 articles in ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n$`));
  });

  it('reports everything unchanged on a second run', async () => {
    const run = await kb(['index', '--kb', KB_DIR, '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^indexed 0, unchanged (\d+), removed 0, failed 0 — \1 articles in /);
  });
});

describe('kb ask --json', () => {
  it('prints one object in the documented contract', async () => {
    const run = await kb(['ask', '--json', '--db', db, QSH_TEXT]);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toHaveLength(1);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(sortedKeys(json)).toEqual(['answer', 'matches', 'signals']);

    const answer = json.answer as Record<string, unknown>;
    expect(answer).toMatchObject({
      id: QSH,
      title: expect.any(String),
      source: 'proxy/proxy-companion-jwt-qsh-apache-nocanon.md',
      url: null,
      confidence: expect.any(Number),
      score: expect.any(Number),
      cause: expect.stringMatching(/qsh/),
      diagnosis: expect.any(String),
      solution: expect.stringMatching(/nocanon/),
    });
    const snippets = answer.snippets as Array<Record<string, unknown>>;
    expect(snippets.length).toBeGreaterThan(0);
    for (const s of snippets) expect(sortedKeys(s)).toEqual(['kind', 'lang', 'text']);
    expect(snippets[0]).toMatchObject({ kind: 'config', lang: 'apache', text: expect.stringMatching(/nocanon/) });

    const matches = json.matches as Array<Record<string, unknown>>;
    expect(matches[0]?.id).toBe(QSH);
    for (const m of matches) expect(sortedKeys(m)).toEqual(['confidence', 'id', 'score', 'source', 'title']);

    const signals = json.signals as Record<string, unknown>;
    for (const v of Object.values(signals)) expect(Array.isArray(v) && v.every((x) => typeof x === 'string')).toBe(true);
    expect(Object.values(signals).flat()).toContain('com.atlassian.jwt.exception.JwtInvalidClaimException');
  });

  it('prints answer null when it abstains', async () => {
    const run = await kb(['ask', '--json', '--db', db, 'good morning everyone!']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ answer: null, matches: expect.any(Array) });
  });

  it('reads the query from standard input when no TEXT is given', async () => {
    const run = await kb(['ask', '--json', '--db', db], 'com.atlassian.jwt.exception.JwtExpiredException: Expired at Tue May 14 08:01:55 CEST 2024\n');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { answer: { id: string } }).answer.id).toBe('proxy-companion-jwt-expired-node-clock-skew');
  });
});

describe('kb ask --jsonl', () => {
  it('answers one line per input line, carrying the ids, and reports a line that is not JSON', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: QSH_TEXT }),
      '{"id": "b", "text": unquoted}',
      JSON.stringify({ id: 7, text: 'ORA-12514: TNS:listener does not currently know of service requested in connect descriptor' }),
    ].join('\n');
    const run = await kb(['ask', '--jsonl', '--db', db], `${input}\n`);
    expect(run.code).toBe(0);
    const out = lines(run.stdout).map((l) => JSON.parse(l) as { id: unknown; error?: string; answer?: { id: string } | null });
    expect(out.map((o) => o.id)).toEqual(['a', null, 7]);
    expect(out[0]?.answer?.id).toBe(QSH);
    expect(out[1]?.error).toMatch(/line 2 is not JSON/);
    expect(out[2]?.answer?.id).toBe('dbjvm-oracle-ora-12514-service-not-registered');
  });
});

describe('kb show and kb stats', () => {
  it('shows one article by id', async () => {
    const run = await kb(['show', QSH, '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Companion app gets "Unexpected response status code 401" behind Apache/);
    expect(run.stdout).toContain('ProxyPass        /  http://127.0.0.1:8090/  nocanon');
  });

  it('exits 1 with one line for an unknown id', async () => {
    const run = await kb(['show', 'missing-id', '--db', db]);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/^kb: no article "missing-id"/)]);
  });

  it('prints what the index holds', async () => {
    const run = await kb(['stats', '--db', db]);
    expect(run.code).toBe(0);
    const articles = Number(/^articles\s+(\d+)$/m.exec(run.stdout)?.[1]);
    expect(articles).toBe(Number(/^indexed (\d+)/.exec(firstIndex.stdout)?.[1]));
    const json = JSON.parse((await kb(['stats', '--json', '--db', db])).stdout) as { articles: number; failed: number; ids: string[] };
    expect(json).toMatchObject({ articles, failed: 0 });
    expect(json.ids).toContain(QSH);
  });
});

describe('kb errors', () => {
  it('names a --db that is not a database, and says to check the path rather than delete the file', async () => {
    const notDb = join(tmp, 'notes.txt');
    writeFileSync(notDb, 'my notes, not an index\n');
    const run = await kb(['ask', '--db', notDb, 'some error']);
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/notes\.txt is not a usable kb-assistant database .*check that --db or KB_DB names the index/)]);
    expect(run.stderr).not.toMatch(/delete/);
    expect(readFileSync(notDb, 'utf8')).toBe('my notes, not an index\n');
  });

  it('counts the lines of a scanned log as a person would: a last line break starts no line', async () => {
    const log = join(tmp, 'three.log');
    writeFileSync(log, 'INFO a\nINFO b\nINFO c\n');
    const run = await kb(['scan', log, '--db', db, '--json']);
    expect((JSON.parse(run.stdout) as { lines: number }).lines).toBe(3);
  });

  it.each([['ask', 'some error'], ['show', QSH], ['stats']])('`kb %s` without a database exits 1 with one line pointing to `kb index`', async (...args) => {
    const run = await kb([...args, '--db', join(tmp, 'missing', 'kb.sqlite')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('kb index');
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it.each([
    ['an unknown command', ['frobnicate', '--db', 'x.sqlite'], /unknown command "frobnicate"/],
    ['a limit that is not a number', ['ask', '--limit', 'abc', 'text'], /--limit/],
    ['an unknown flag', ['ask', '--bogus', 'text'], /^kb: unknown option --bogus; run `kb help` for usage$/],
    ['a flag without its value', ['ask', '--db'], /^kb: --db needs a value; run `kb help` for usage$/],
  ])('exits 2 with one line for %s', async (_name, argv, message) => {
    const run = await kb(argv);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(message)]);
    expect(run.stdout).toBe('');
  });
});

describe('an index made by an older version', () => {
  it('is upgraded when a command opens it, saying so once on stderr', async () => {
    const old = join(tmp, 'old.sqlite');
    const all = loadMigrations();
    const newest = all.at(-1)!;
    const before = new Database(old);
    migrate(before, all.slice(0, -1));
    before.close();
    const first = await kb(['stats', '--db', old]);
    expect(first.code).toBe(0);
    const notice = lines(first.stderr).filter((l) => l.includes('upgrading'));
    expect(notice).toEqual([`kb: upgrading the index at ${old} for this version (${String(newest.version).padStart(3, '0')}-${newest.name}); once, and a large index takes a while`]);
    const again = await kb(['stats', '--db', old]);
    expect(again.stderr).not.toContain('upgrading');
    // A new index is created, not upgraded.
    expect(firstIndex.stderr).not.toContain('upgrading');
  });
});

describe('bin/kb.mjs', () => {
  it('runs as a real child process', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/kb.mjs', 'ask', '--json', '--db', db, QSH_TEXT], {
      cwd: REPO_DIR,
      timeout: 30_000,
    });
    expect((JSON.parse(stdout) as { answer: { id: string } }).answer.id).toBe(QSH);
  });

  it('sets the exit code of the process', async () => {
    const result = await promisify(execFile)(process.execPath, ['bin/kb.mjs', 'frobnicate'], { cwd: REPO_DIR, timeout: 30_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
    );
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/^kb: unknown command "frobnicate"/)]);
  });
});

describe('kb eval', () => {
  const queries = () => {
    const file = join(tmp, 'eval-queries.jsonl');
    writeFileSync(
      file,
      [
        { id: 'q1', kind: 'error', text: QSH_TEXT, expect: QSH },
        { id: 'q2', kind: 'error', text: "JwtInvalidClaimException Expecting claim 'qsh'", expect: 'some-article-not-in-the-kb' },
        { id: 'q3', kind: 'chatter', text: 'anyone up for lunch?', expect: null },
      ]
        .map((q) => JSON.stringify(q))
        .join('\n'),
    );
    return file;
  };

  it('prints per kind how often it answered right, beside plain FTS5, and lists the misses', async () => {
    const run = await kb(['eval', '--kb', KB_DIR, '--queries', queries(), '--misses']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^indexed (\d+) of \1 files into a temporary index; 3 queries/);
    expect(run.stdout).toMatch(/^error\s+2\s+50\.0%\s+0\.500\s+0\.0%\s+—\s+50\.0%/m);
    expect(run.stdout).toMatch(/^chatter\s+1\s+—\s+—\s+—\s+100\.0%\s+abstains/m);
    expect(run.stdout).toMatch(/q2 \[error\] expected some-article-not-in-the-kb, got proxy-companion-jwt-qsh-apache-nocanon/);
  });

  it('prints the figures as JSON with --json', async () => {
    const run = await kb(['eval', '--kb', KB_DIR, '--queries', queries(), '--json']);
    const out = JSON.parse(run.stdout) as { ours: Record<string, unknown>; fts5: Record<string, unknown>; failed: unknown[] };
    expect(out.ours.error).toEqual({ n: 2, top1: 50, mrr5: 0.5, falseAbstain: 0 });
    expect(out.ours.UNANSWERABLE).toEqual({ n: 1, abstained: 100 });
    expect(sortedKeys(out.fts5)).toEqual(['ANSWERABLE', 'UNANSWERABLE', 'chatter', 'error']);
    expect(out.failed).toEqual([]);
  });

  it('names what is missing or broken, with the fix', async () => {
    const noQueries = await kb(['eval', '--kb', KB_DIR]);
    expect([noQueries.code, noQueries.stderr]).toEqual([2, expect.stringMatching(/^kb: kb eval needs --queries FILE\.jsonl/)]);
    const noKb = await kb(['eval', '--kb', join(tmp, 'no-such-kb'), '--queries', queries()]);
    expect(noKb.stderr).toMatch(/^kb: no KB folder at .*no-such-kb; pass --kb DIR/);
    const bad = join(tmp, 'bad.jsonl');
    writeFileSync(bad, '{"id": "a", "kind": "error", "text": "x", "expect": null}\nnot json\n');
    const badLine = await kb(['eval', '--kb', KB_DIR, '--queries', bad]);
    expect([badLine.code, badLine.stderr]).toEqual([2, `kb: ${bad}:2 is not JSON; expected {"id", "kind", "text", "expect"}\n`]);
    const missing = await kb(['eval', '--kb', KB_DIR, '--queries', join(tmp, 'nope.jsonl')]);
    expect(missing.stderr).toMatch(/^kb: cannot read .*nope\.jsonl; check the path/);
  });
});
