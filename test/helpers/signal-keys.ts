import type { Db } from '../../src/store/database.js';

/** Every article's signal keys as its row stores them (articles.signal_keys), by id. */
export function signalKeysOnRows(db: Db): unknown[] {
  return db.prepare('SELECT id, signal_keys FROM articles ORDER BY id').all();
}

/** Every article's signal keys worked out from its postings, in SQLite's (kind, key) order, by id. */
export function signalKeysOfPostings(db: Db): unknown[] {
  return db
    .prepare(
      `SELECT a.id, coalesce((SELECT json_group_array(json_array(kind, key)) FROM (SELECT kind, key FROM signals WHERE article_key = a.key ORDER BY kind, key)), '[]') AS signal_keys
       FROM articles a ORDER BY a.id`,
    )
    .all();
}
