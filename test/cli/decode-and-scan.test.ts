import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText } from '../../src/text/decode-text.js';
import { KB_DIR, makeTempDir, REPO_DIR, removeTempDir } from '../helpers/temp-dir.js';

/**
 * Issue 18, item 13: `kb scan /dev/zero` never returned, and one invalid UTF-8 byte or a UTF-16
 * file was answered as "binary data". Run as a person would, `bin/kb.mjs` in a child process
 * (stopped by the test runner's timeout if it hangs).
 */
const ORA = 'ORA-12514: TNS:listener does not currently know of service requested in connect descriptor';
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};

let tmp: string;
let db: string;

function kb(args: string[], input?: Buffer): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [join(REPO_DIR, 'bin', 'kb.mjs'), ...args], { cwd: tmp, timeout: 25_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
    child.stdin!.end(input ?? Buffer.alloc(0));
  });
}

beforeAll(async () => {
  tmp = makeTempDir('kb-decode-');
  db = join(tmp, 'kb.sqlite');
  await promisify(execFile)(process.execPath, [join(REPO_DIR, 'bin', 'kb.mjs'), 'index', '--kb', KB_DIR, '--db', db], { cwd: tmp });
}, 60_000);
afterAll(() => removeTempDir(tmp));

describe('decodeText', () => {
  it('reads UTF-16 by its byte order mark, drops a UTF-8 one, and keeps valid UTF-8 as it is', () => {
    expect(decodeText(utf16le('Café ORA-12514 😀'))).toBe('Café ORA-12514 😀');
    expect(decodeText(utf16be('Café ORA-12514 😀'))).toBe('Café ORA-12514 😀');
    expect(decodeText(Buffer.from('\uFEFFCafé', 'utf8'))).toBe('Café');
    expect(decodeText(Buffer.from('naïve 日本 😀', 'utf8'))).toBe('naïve 日本 😀');
  });

  it('reads a byte outside valid UTF-8 as Windows-1252, and only that byte', () => {
    expect(decodeText(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0xc3, 0xa9]))).toBe('Café é');
    expect(decodeText(Buffer.from([0x80, 0x41]))).toBe('€A');
    // An overlong encoding and a surrogate are not UTF-8: byte by byte.
    expect(decodeText(Buffer.from([0xc0, 0xaf]))).toBe('À¯');
    expect(decodeText(Buffer.from([0xed, 0xa0, 0x80]))).toBe('í\u00a0€');
    // A sequence cut off at the end of the text.
    expect(decodeText(Buffer.from([0x61, 0xe2, 0x82]))).toBe('aâ‚');
  });
});

describe('kb ask and kb scan on what people actually pipe in', () => {
  it('answers a short paste with one stray byte instead of calling it binary', async () => {
    const run = await kb(['ask', '--db', db], Buffer.concat([Buffer.from('ORA-12514 caf'), Buffer.from([0xe9])]));
    expect(run.stdout).not.toMatch(/binary data/);
    expect(run.stdout).toMatch(/dbjvm-oracle-ora-12514-service-not-registered/);
  });

  it('answers a UTF-16 paste (PowerShell redirects write UTF-16LE with a BOM)', async () => {
    for (const bytes of [utf16le(ORA), utf16be(ORA)]) {
      const run = await kb(['ask', '--db', db], bytes);
      expect(run.stdout).toMatch(/dbjvm-oracle-ora-12514-service-not-registered/);
    }
  });

  it('scans a UTF-16 log file', async () => {
    const file = join(tmp, 'windows.log');
    writeFileSync(file, utf16le(`2024-05-02 10:11:12,123 ERROR [main] connect failed\r\njava.sql.SQLException: ${ORA}\r\n`));
    const run = await kb(['scan', file, '--db', db, '--json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { findings: Array<{ articleId: string }> }).findings.map((f) => f.articleId)).toContain('dbjvm-oracle-ora-12514-service-not-registered');
  });

  it('refuses to scan /dev/zero or a folder, with one line', async () => {
    for (const path of ['/dev/zero', tmp]) {
      const run = await kb(['scan', path, '--db', db]);
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(`kb: cannot scan ${path}: not a regular file; give a log file`);
    }
  }, 60_000);
});
