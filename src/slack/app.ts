import { App, type Logger, LogLevel } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Log } from '../log.js';
import type { Services } from '../services.js';
import { createSlackStore } from '../store/slack-store.js';
import type { BotContext } from './bot-context.js';
import { registerListeners } from './listeners/index.js';
import { createRateLimiter } from './rate-limit.js';
import { createReplier } from './replier.js';

export interface SlackBot {
  app: App;
  bot: BotContext;
  /** Starts receiving (HTTP on config.port, or Socket Mode). Resolves with the bound port in HTTP mode. */
  start(): Promise<number | null>;
  /** Stops taking events, waits up to `graceMs` for replies in flight. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The Bolt app: configuration in, listeners registered, nothing else. Events, interactivity and
 * slash commands all arrive on /slack/events (Bolt's default); /healthz answers for probes.
 */
export function createSlackBot(config: Config, services: Services, log: Log): SlackBot {
  const store = createSlackStore(services.db);
  store.pruneClaims();
  const bot: BotContext = {
    config,
    services,
    store,
    replier: createReplier(services, store, config),
    log,
    limits: { user: createRateLimiter(config.rate.perUser), channel: createRateLimiter(config.rate.perChannel) },
    inFlight: new Set(),
  };
  const healthz = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: unknown, res: { writeHead(code: number, headers: Record<string, string>): void; end(body: string): void }) => {
      const stats = services.articles.stats();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: true, articles: stats.articles, lastIndexedAt: stats.lastIndexedAt }));
    },
  };
  const common = {
    token: config.slack.botToken ?? undefined,
    logger: boltLogger(log),
    customRoutes: [healthz],
    clientOptions: config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {},
  };
  const app =
    config.mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken: config.slack.appToken ?? undefined, installerOptions: { port: config.port } })
      : new App({ ...common, signingSecret: config.slack.signingSecret ?? '', port: config.port, processBeforeResponse: false });
  app.error(async (error) => {
    log.error('unhandled Slack listener error', { error: error instanceof Error ? error : String(error) });
  });
  registerListeners(app, bot);

  return {
    app,
    bot,
    async start() {
      const server = (await app.start(config.port)) as unknown;
      const address = (server as { address?: () => { port: number } | string | null } | undefined)?.address?.();
      return typeof address === 'object' && address ? address.port : config.mode === 'socket' ? null : config.port;
    },
    async stop(graceMs = 10_000) {
      await app.stop();
      const pending = [...bot.inFlight];
      if (pending.length) {
        log.info('waiting for replies in flight', { count: pending.length });
        await Promise.race([Promise.allSettled(pending), new Promise((r) => setTimeout(r, graceMs).unref())]);
      }
    },
  };
}

/** Bolt's logger interface on top of ours, so Bolt's lines are redacted like ours. */
function boltLogger(log: Log): Logger {
  let level = LogLevel.INFO;
  const join = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...m: unknown[]) => (level === LogLevel.DEBUG ? log.debug(join(m), { source: 'bolt' }) : undefined),
    info: (...m: unknown[]) => log.info(join(m), { source: 'bolt' }),
    warn: (...m: unknown[]) => log.warn(join(m), { source: 'bolt' }),
    error: (...m: unknown[]) => log.error(join(m), { source: 'bolt' }),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
