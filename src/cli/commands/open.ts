import { existsSync } from 'node:fs';
import { createServices, type Services, upgradeNotice } from '../../services.js';
import type { PendingMigrations } from '../../store/migrate.js';
import { CliError } from '../cli-error.js';

/**
 * Opens an existing index for reading commands; a missing one is a one-line error with the fix.
 * An index made by an older version is upgraded first, saying so on `stderr`.
 */
export function openIndex(db: string, stderr: NodeJS.WritableStream): Services {
  if (db !== ':memory:' && !existsSync(db)) {
    throw new CliError(`no index at ${db}; run \`npx kb index\` first (or pass --db FILE / set KB_DB)`, 1);
  }
  return createServices(db, { create: false, onUpgrade: announceUpgrade(db, stderr) });
}

/** What every `kb` command that opens an index does before upgrading it: one line on stderr. */
export function announceUpgrade(db: string, stderr: NodeJS.WritableStream) {
  return (pending: PendingMigrations): void => {
    stderr.write(`kb: ${upgradeNotice(db, pending)}\n`);
  };
}
