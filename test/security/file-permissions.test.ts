import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/services.js';
import { openDatabase } from '../../src/store/database.js';
import { KB_DIR, makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

const mode = (path: string) => statSync(path).mode & 0o777;

/** The index holds queries, user ids and KB content: no other local user may read it. */
describe('database files are private to their owner', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = makeTempDir('kb-perms-');
    // What a typical login shell has: without the fix, files came out 0644 and folders 0755.
    process.umask(0o022);
  });
  afterAll(() => removeTempDir(tmp));

  it('creates the folder 0700 and the database, WAL and shared memory 0600', () => {
    const file = join(tmp, 'data', 'nested', 'kb.sqlite');
    const services = createServices(file);
    try {
      services.index([KB_DIR]);
      expect(mode(join(tmp, 'data'))).toBe(0o700);
      expect(mode(join(tmp, 'data', 'nested'))).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(`${file}-shm`)).toBe(0o600);
    } finally {
      services.close();
    }
  });

  it('takes group and other permissions off an existing database made by an older version', () => {
    const dir = join(tmp, 'old');
    mkdirSync(dir, { mode: 0o755 });
    const file = join(dir, 'kb.sqlite');
    openDatabase(file).close();
    chmodSync(file, 0o644);
    closeSync(openSync(`${file}-wal`, 'a', 0o644));
    chmodSync(`${file}-wal`, 0o644);
    const db = openDatabase(file);
    try {
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
      // A folder the database did not create is the user's to set (KB_DB may be in /tmp).
      expect(mode(dir)).toBe(0o755);
    } finally {
      db.close();
    }
  });
});
