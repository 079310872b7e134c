import type { Server } from 'node:http';
import { App, HTTPReceiver, type Logger, LogLevel } from '@slack/bolt';
import type { Config } from '../config.js';
import { createScrubber, type Log } from '../log.js';
import { createHeavyWork } from '../runtime/heavy-work.js';
import type { Services } from '../services.js';
import { createSlackStore } from '../store/slack-store.js';
import type { BotContext } from './bot-context.js';
import { registerListeners } from './listeners/index.js';
import { createRateLimiter } from './rate-limit.js';
import { createReplier } from './replier.js';
import { scrubbingFetch } from './outgoing.js';
import { guardRequests } from './request-guard.js';

/**
 * HTTP server limits: a client gets 10 s to send its headers and 15 s for the whole request,
 * checked every second (Node checks every 30 s by default), so connections that trickle a byte
 * at a time are closed instead of held for minutes.
 */
export const SERVER_OPTIONS = { headersTimeout: 10_000, requestTimeout: 15_000, connectionsCheckingInterval: 1000, keepAliveTimeout: 5000 } as const;

export interface SlackBot {
  app: App;
  bot: BotContext;
  /** Starts receiving (HTTP on config.port, or Socket Mode). Resolves with the bound port in HTTP mode. */
  start(): Promise<number | null>;
  /** Stops taking events (new requests get 503), waits up to `graceMs` for replies in flight. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The Bolt app: configuration in, listeners registered, nothing else. Events, interactivity and
 * slash commands all arrive on /slack/events (Bolt's default); /healthz answers for probes.
 * In HTTP mode every request passes the request guard (signature, 5-minute window, replays)
 * before Bolt sees it.
 */
export function createSlackBot(config: Config, services: Services, log: Log): SlackBot {
  const store = createSlackStore(services.db);
  store.pruneClaims();
  const heavy = createHeavyWork(services, services.db.name, log);
  const bot: BotContext = {
    config,
    services,
    store,
    replier: createReplier(heavy, store, config, log),
    heavy,
    log,
    limits: { user: createRateLimiter(config.rate.perUser), channel: createRateLimiter(config.rate.perChannel) },
    inFlight: new Set(),
  };
  let stopping = false;
  let server: Server | null = null;
  const healthz = {
    path: '/healthz',
    method: ['GET', 'HEAD'],
    handler: (_req: unknown, res: { writeHead(code: number, headers: Record<string, string>): void; end(body: string): void }) => {
      const stats = services.articles.stats();
      res.writeHead(stopping ? 503 : 200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: !stopping, articles: stats.articles, lastIndexedAt: stats.lastIndexedAt }));
    },
  };
  const logger = boltLogger(log);
  // Every Web API call and response_url post leaves through one fetch that scrubs what it carries.
  const fetch = scrubbingFetch(createScrubber([config.slack.botToken, config.slack.signingSecret, config.slack.appToken]));
  const common = {
    token: config.slack.botToken ?? undefined,
    logger,
    clientOptions: { fetch, ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}) },
  };
  let app: App;
  if (config.mode === 'socket') {
    app = new App({ ...common, customRoutes: [healthz], socketMode: true, appToken: config.slack.appToken ?? undefined, installerOptions: { port: config.port } });
  } else {
    const receiver = new HTTPReceiver({
      signingSecret: config.slack.signingSecret ?? '',
      port: config.port,
      customRoutes: [healthz],
      logger,
      processBeforeResponse: false,
      processEventErrorHandler: async ({ error, response }) => answerBoltError(error, response, log),
    });
    receiver.requestListener = guardRequests(receiver.requestListener, {
      signingSecret: config.slack.signingSecret ?? '',
      store,
      log,
      stopping: () => stopping,
      inFlight: bot.inFlight,
    });
    app = new App({ ...common, receiver });
  }
  app.error(async (error) => {
    log.error('unhandled Slack listener error', { error: error instanceof Error ? error : String(error) });
  });
  // Everything a request sets off, from the first middleware to the last reply, counts as in flight.
  app.use(async ({ next }) => {
    const work = next();
    bot.inFlight.add(work);
    try {
      await work;
    } finally {
      bot.inFlight.delete(work);
    }
  });
  registerListeners(app, bot);

  return {
    app,
    bot,
    async start() {
      const started = (await (config.mode === 'socket' ? app.start(config.port) : app.start(config.port, SERVER_OPTIONS))) as unknown;
      if (started && typeof (started as Server).address === 'function') server = started as Server;
      const address = server?.address();
      return typeof address === 'object' && address ? address.port : config.mode === 'socket' ? null : config.port;
    },
    async stop(graceMs = 10_000) {
      if (stopping) return;
      stopping = true;
      const deadline = Date.now() + graceMs;
      // Stop listening at once; keep-alive connections still open get 503 from the guard.
      const closed = app.stop().catch((err: unknown) => log.warn('stopping the receiver failed', { error: err instanceof Error ? err : String(err) }));
      server?.closeIdleConnections();
      if (bot.inFlight.size) log.info('waiting for replies in flight', { count: bot.inFlight.size, graceMs });
      while (bot.inFlight.size && Date.now() < deadline) {
        await Promise.race([Promise.allSettled([...bot.inFlight]), sleep(deadline - Date.now())]);
      }
      if (bot.inFlight.size) log.warn('gave up waiting for replies in flight', { count: bot.inFlight.size });
      server?.closeAllConnections();
      await Promise.race([closed, sleep(1000)]);
      await heavy.close();
    },
  };
}

/**
 * What a request gets when Bolt throws before any listener acknowledged it. Every listener acks
 * first, so that is Bolt reading a signed body that is not shaped like Slack's (`"event": 1`,
 * `"user": null`): 400, not 500, which would ask Slack to retry the same body. After the ack
 * there is nothing left to answer; the error is logged.
 */
function answerBoltError(error: unknown, response: { headersSent: boolean; writeHead(code: number): { end(): void } }, log: Log): boolean {
  const fields = { error: error instanceof Error ? error : String(error) };
  if (response.headersSent) {
    log.error('a Slack request failed after it was acknowledged', fields);
    return false;
  }
  if (error instanceof Error && error.name === 'AuthorizationError') {
    log.warn('refused a Slack request: authorization failed', fields);
    response.writeHead(401).end();
    return true;
  }
  log.warn('refused a signed Slack request Bolt could not read (not shaped like a Slack payload)', fields);
  response.writeHead(400).end();
  return true;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());
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
