import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
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

/** The index holds queries, user ids and KB content: the owner's alone (files 0600, a folder it creates 0700). */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const create = options.create ?? true;
  if (file !== ':memory:' && !options.readonly) makePrivate(file, create);
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
    throw new DatabaseError(
      `${file} is not a usable kb-assistant database (${why}); check that --db or KB_DB names the index (\`npx kb index\` makes one, by default at data/kb.sqlite)`,
    );
  }
  return db;
}

/**
 * Creates the folder (0700) and an empty database file (0600) when asked to and they are
 * missing, and takes group and other permissions off an existing database, WAL and shared-memory
 * file. SQLite creates the WAL and shared-memory files with the database file's mode, so they
 * are 0600 too. A folder that already exists is left as it is (KB_DB may well be in /tmp).
 */
function makePrivate(file: string, create: boolean): void {
  if (create) {
    const dir = dirname(file);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      const mode = statSync(f).mode & 0o777;
      if (mode & 0o077) chmodSync(f, mode & ~0o077);
    } catch {
      // missing (no WAL yet), or owned by someone else: SQLite reports what matters on open
    }
  }
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
