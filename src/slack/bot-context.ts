import type { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import type { Log } from '../log.js';
import type { HeavyWork } from '../runtime/heavy-work.js';
import type { SlackMessage } from '../reply/slack-limits.js';
import type { Services } from '../services.js';
import type { SlackStore } from '../store/slack-store.js';
import type { RateLimiter } from './rate-limit.js';
import type { Replier } from './replier.js';

/** What every listener gets: built once in app.ts, passed in, never global. */
export interface BotContext {
  config: Config;
  services: Services;
  store: SlackStore;
  replier: Replier;
  /** Matching, file scans and re-indexing, on worker threads (src/runtime/heavy-work.ts). */
  heavy: HeavyWork;
  log: Log;
  limits: { user: RateLimiter; channel: RateLimiter };
  /** Work in progress (requests being handled, replies being written); SIGTERM waits for it. */
  inFlight: Set<Promise<unknown>>;
}

/** Runs listener work after the ack, tracked for shutdown, never letting an error escape unlogged. */
export function track(bot: BotContext, what: string, work: () => Promise<void>): Promise<void> {
  const p = work().catch((err: unknown) => bot.log.error(`${what} failed`, { error: err instanceof Error ? err : String(err) }));
  bot.inFlight.add(p);
  void p.finally(() => bot.inFlight.delete(p));
  return p;
}

/**
 * Whether a query from this user in this channel may go ahead. The first refusal in a
 * window is answered with a short notice through `notify` (an ephemeral message, or the
 * slash command's response_url); later ones in the same minute are dropped, so the notice
 * itself cannot flood.
 */
export async function allowQuery(bot: BotContext, user: string | undefined, channel: string, notify: (message: SlackMessage) => Promise<unknown>): Promise<boolean> {
  const u = bot.limits.user.take(`u:${user ?? '?'}`);
  const c = bot.limits.channel.take(`c:${channel}`);
  if (u.allowed && c.allowed) return true;
  if (u.notify || c.notify) await notify(bot.replier.rateLimited());
  bot.log.warn('query rate-limited', { user, channel, by: u.allowed ? 'channel' : 'user' });
  return false;
}

/** Admins: KB_ADMINS, plus workspace admins and owners as users.info tells (needs users:read). */
export async function isAdmin(bot: BotContext, client: WebClient, user: string): Promise<boolean> {
  if (bot.config.admins.includes(user)) return true;
  try {
    const info = await client.users.info({ user });
    return !!(info.user?.is_admin || info.user?.is_owner);
  } catch (err) {
    bot.log.warn('users.info failed; treating user as non-admin', { user, error: err instanceof Error ? err : String(err) });
    return false;
  }
}
