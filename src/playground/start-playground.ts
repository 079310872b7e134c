import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import { FakeSlack } from '../local-slack/fake-slack.js';
import type { Log } from '../log.js';
import type { Services } from '../services.js';
import { createSlackBot } from '../slack/app.js';
import { createPlaygroundServer } from './playground-server.js';
import { EXPERT } from './playground-state.js';

export interface Playground {
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs the real bot against a local Slack: the fake Web API (the same one the tests use),
 * the bot's Bolt HTTP receiver on a loopback port, and the page on config.port.
 */
export async function startPlayground(config: Config, services: Services, log: Log, host = process.env.PLAYGROUND_HOST ?? '127.0.0.1'): Promise<Playground> {
  const token = 'xoxb-playground-local-token';
  const secret = randomBytes(16).toString('hex');
  const fake = new FakeSlack(token);
  const apiUrl = await fake.start(0, '127.0.0.1');
  const bot = createSlackBot(
    {
      ...config,
      mode: 'http',
      slack: { botToken: token, signingSecret: secret, appToken: null, apiUrl: `${apiUrl}/api/` },
      port: 0,
      experts: config.experts.length ? config.experts : [EXPERT],
      admins: config.admins.length ? config.admins : ['U0YOU'],
    },
    services,
    log,
  );
  const botPort = await bot.start();
  const server = createPlaygroundServer({ fake, botUrl: `http://127.0.0.1:${botPort}/slack/events`, secret, log, articleCount: () => services.articles.stats().articles });
  let url: string;
  try {
    url = await server.listen(config.port, host);
  } catch (err) {
    await bot.stop(0);
    await fake.stop();
    throw err;
  }
  return {
    url,
    async stop() {
      await server.close();
      await bot.stop();
      await fake.stop();
    },
  };
}
