import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/store/migrate.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

let tmp: string;
beforeEach(() => {
  tmp = makeTempDir('kb-migrate-003-');
});
afterEach(() => {
  removeTempDir(tmp);
});

describe('migration 003-request-signatures', () => {
  it('upgrades a database written before it, keeping every query, feedback and handled event', () => {
    const db = new Database(join(tmp, 'kb.sqlite'));
    try {
      migrate(db, loadMigrations().filter((m) => m.version <= 2));
      db.prepare("INSERT INTO queries (id, at, surface, text, confidence) VALUES (1, '2024-01-01', 'mention', 'ORA-12514', 0.9)").run();
      db.prepare("INSERT INTO feedback (query_id, article_id, user, helpful, at) VALUES (1, 'a', 'U1', 1, '2024-01-01')").run();
      db.prepare("INSERT INTO handled (key, at) VALUES ('event:Ev1', '2024-01-01')").run();
      expect(migrate(db)).toContain(3); // and any later migration
      expect(db.prepare('SELECT count(*) AS n FROM queries').get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT count(*) AS n FROM feedback').get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT key FROM handled').pluck().all()).toEqual(['event:Ev1']);
      db.prepare("INSERT INTO request_signatures (signature, expires_at) VALUES ('v0=ab', 1)").run();
      expect(() => db.prepare("INSERT INTO request_signatures (signature, expires_at) VALUES ('v0=ab', 2)").run()).toThrow(/UNIQUE/);
      expect(migrate(db)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
