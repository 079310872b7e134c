import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, type PendingMigrations } from './migrate.js';

export type Db = Database.Database;

/** A database problem a person can act on: the message says what to do. */
export class DatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseError';
  }
}

/**
 * Opens (creating when asked) the SQLite file, in WAL mode so readers never wait for an
 * indexing writer, and brings its schema up to date.
 */
export interface OpenOptions {
  create?: boolean;
  readonly?: boolean;
  /** Told before an existing database's schema is brought up to date (see migrate). */
  onUpgrade?: (pending: PendingMigrations) => void;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const create = options.create ?? true;
  if (file !== ':memory:' && create) mkdirSync(dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: !create, readonly: options.readonly ?? false });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    if (!create && /unable to open|does not exist/i.test(why)) {
      throw new DatabaseError(`no index at ${file}; run \`npx kb index\` first (or pass --db FILE / set KB_DB)`);
    }
    throw new DatabaseError(`cannot open database ${file}: ${why}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) migrate(db, undefined, options.onUpgrade);
  } catch (err) {
    db.close();
    if (err instanceof DatabaseError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new DatabaseError(`${file} is not a usable kb-assistant database (${why}); delete it and run \`npx kb index\``);
  }
  return db;
}

/**
 * Runs `fn` with a page cache of `kib` KiB, then puts the size back. An index run writes far
 * more than the default 2 MB holds; without room, SQLite spills and rewrites the same pages.
 */
export function withCacheSize<T>(db: Db, kib: number, fn: () => T): T {
  const before = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${Math.max(1, Math.floor(kib))}`);
  try {
    return fn();
  } finally {
    db.pragma(`cache_size = ${before}`);
  }
}
