/**
 * `npm start`: index the KB, then run the bot — against Slack when tokens are set (Socket Mode
 * with SLACK_APP_TOKEN, else HTTP on PORT), or against the built-in local Slack playground.
 */
import { relative } from 'node:path';
import { ConfigError, loadDotEnv, readConfig } from './config.js';
import { checkKbFolders, IndexRefusedError } from './kb/kb-folders.js';
import { createLog, createScrubber } from './log.js';
import { collectGarbage } from './runtime/collect-garbage.js';
import { startPlayground } from './playground/start-playground.js';
import { createServices, upgradeNotice } from './services.js';
import { createSlackBot } from './slack/app.js';
import { DatabaseError } from './store/database.js';
import { retryWhileBusy } from './store/slack-store.js';

/** How long SIGTERM waits for replies in flight before closing the database anyway. */
const SHUTDOWN_GRACE_MS = 10_000;
/** Error text never carries the bot's own credentials, whatever threw it. */
let scrub = createScrubber([process.env.SLACK_BOT_TOKEN, process.env.SLACK_SIGNING_SECRET, process.env.SLACK_APP_TOKEN]);

async function main(): Promise<void> {
  loadDotEnv();
  const config = readConfig();
  const secrets = [config.slack.botToken, config.slack.signingSecret, config.slack.appToken];
  scrub = createScrubber(secrets);
  const log = createLog({ level: (process.env.LOG_LEVEL as 'debug' | 'info') ?? 'info', secrets });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  // A mistyped KB_DIR stops the start, before the database is opened: the index stays as it was.
  checkKbFolders(config.kbDirs);
  const services = createServices(config.dbFile, { longRunning: true, onUpgrade: (pending) => say(`kb-assistant: ${upgradeNotice(config.dbFile, pending)}`) });
  // A `kb index` run beside the bot may hold the write lock: wait for it rather than fail the start.
  const report = await retryWhileBusy(services.db, () => services.index(config.kbDirs), 120_000);
  say(`kb-assistant: ${report.total} articles indexed from ${config.kbDirs.join(', ')} into ${config.dbFile} (${report.indexed.length} new or changed, ${report.unchanged} unchanged, ${report.removed.length} removed)`);
  for (const f of report.failed) say(`  skipped ${relative(process.cwd(), f.path) || f.path}: ${f.reason}`);
  // Checking a large KB at start-up (a stat per file, a row per file) leaves tens of MB of
  // garbage that V8 would keep until the bot gets busy: collect it, so the idle bot stays small.
  collectGarbage();

  let stop: () => Promise<void>;
  if (config.mode === 'playground') {
    const playground = await startPlayground(config, services, log);
    say(`kb-assistant: no Slack tokens set, so it runs against the local Slack playground.`);
    say(`  Open ${playground.url} and paste an error, mention @kb, run /kb, or attach a .log file.`);
    say(`  To use a real workspace, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) in .env; see README "Connect to Slack".`);
    stop = playground.stop;
  } else {
    const bot = createSlackBot(config, services, log);
    const port = await bot.start();
    say(config.mode === 'socket' ? `kb-assistant: connected to Slack in Socket Mode (health on :${config.port}/healthz)` : `kb-assistant: listening on :${port}/slack/events (health: /healthz)`);
    stop = () => bot.stop(SHUTDOWN_GRACE_MS);
  }

  // SIGTERM: stop taking new events, finish the replies in flight (bounded), close the database
  // (which checkpoints the WAL into the file), exit 0.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal, graceMs: SHUTDOWN_GRACE_MS });
    let code = 0;
    try {
      await stop();
    } catch (err) {
      log.error('shutdown did not finish cleanly', { error: err instanceof Error ? err : String(err) });
      code = 1;
    } finally {
      services.close();
      log.info('stopped; database closed');
      process.exit(code);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseError || err instanceof IndexRefusedError) {
    process.stderr.write(scrub(`kb-assistant: ${err.message}\n`));
  } else if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    process.stderr.write(`kb-assistant: port ${process.env.PORT ?? 3000} is in use; set PORT to another port (PORT=3100 npm start)\n`);
  } else {
    process.stderr.write(scrub(`kb-assistant: could not start: ${err instanceof Error ? err.message : String(err)} (LOG_LEVEL=debug for more)\n`));
    if (process.env.LOG_LEVEL === 'debug') process.stderr.write(scrub(`${(err as Error).stack}\n`));
  }
  process.exit(1);
});
