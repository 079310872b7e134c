import { existsSync } from 'node:fs';

/**
 * Configuration, read from the environment once (a `.env` file in the working directory is
 * loaded first when present) and validated with messages that say what to set.
 */
export interface Config {
  /** `socket`: SLACK_APP_TOKEN set; `http`: bot token and signing secret; `playground`: no Slack tokens at all. */
  mode: 'socket' | 'http' | 'playground';
  slack: {
    botToken: string | null;
    signingSecret: string | null;
    appToken: string | null;
    /** Web API base URL, default Slack's own (https://slack.com/api/). */
    apiUrl: string | null;
  };
  /** HTTP port for events, interactivity, slash commands (all on /slack/events) and /healthz. Default 3000. */
  port: number;
  /** SQLite file. KB_DB, default data/kb.sqlite. */
  dbFile: string;
  /** KB folders. KB_DIR (comma-separated), default kb. */
  kbDirs: string[];
  /** Who "Ask a human" mentions: KB_EXPERTS, comma-separated user (U…) or user group (S…) ids. */
  experts: string[];
  /** Per-channel experts: KB_CHANNEL_EXPERTS="C0123:U1+S2,C0456:U3". */
  channelExperts: Map<string, string[]>;
  /** May run /kb auto and /kb reindex: KB_ADMINS, comma-separated user ids (workspace admins may too). */
  admins: string[];
  /** Channels that answer pasted errors without a mention: KB_AUTO_ANSWER=all (default) | none | C1,C2. */
  autoAnswer: 'all' | 'none' | Set<string>;
  /** Queries a user / a channel may make per minute: KB_RATE_USER (default 20), KB_RATE_CHANNEL (default 60). */
  rate: { perUser: number; perChannel: number };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const str = (k: string) => (env[k] ?? '').trim() || null;
  const list = (k: string) => (str(k) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const int = (k: string, def: number, min: number, max: number) => {
    const v = str(k);
    if (v === null) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${k}=${v} is not a whole number from ${min} to ${max}`);
    return n;
  };
  const botToken = str('SLACK_BOT_TOKEN');
  const signingSecret = str('SLACK_SIGNING_SECRET');
  const appToken = str('SLACK_APP_TOKEN');
  let mode: Config['mode'];
  if (!botToken && !signingSecret && !appToken) mode = 'playground';
  else if (appToken) mode = 'socket';
  else mode = 'http';

  const missing: string[] = [];
  if (mode !== 'playground' && !botToken) missing.push('SLACK_BOT_TOKEN (xoxb-…, from OAuth & Permissions after installing the app)');
  if (mode === 'http' && !signingSecret) missing.push('SLACK_SIGNING_SECRET (Basic Information → App Credentials), or SLACK_APP_TOKEN for Socket Mode');
  if (missing.length) throw new ConfigError(`Slack is half configured; also set ${missing.join(' and ')}. See README "Connect to Slack".`);
  if (botToken && !/^xox[bp]-/.test(botToken)) throw new ConfigError('SLACK_BOT_TOKEN should start with xoxb- (the Bot User OAuth Token)');
  if (appToken && !appToken.startsWith('xapp-')) throw new ConfigError('SLACK_APP_TOKEN should start with xapp- (an app-level token with connections:write)');

  const auto = str('KB_AUTO_ANSWER') ?? 'all';
  const channelExperts = new Map<string, string[]>();
  for (const entry of list('KB_CHANNEL_EXPERTS')) {
    const [channel, who] = entry.split(':');
    if (!channel || !who) throw new ConfigError(`KB_CHANNEL_EXPERTS entry "${entry}" should look like C0123:U1+S2`);
    channelExperts.set(channel, who.split('+').filter(Boolean));
  }
  let apiUrl = str('SLACK_API_URL');
  if (apiUrl && !apiUrl.endsWith('/')) apiUrl += '/';
  return {
    mode,
    slack: { botToken, signingSecret, appToken, apiUrl },
    port: int('PORT', 3000, 0, 65535),
    dbFile: str('KB_DB') ?? 'data/kb.sqlite',
    kbDirs: list('KB_DIR').length ? list('KB_DIR') : ['kb'],
    experts: list('KB_EXPERTS'),
    channelExperts,
    admins: list('KB_ADMINS'),
    autoAnswer: auto === 'all' || auto === 'none' ? auto : new Set(list('KB_AUTO_ANSWER')),
    rate: { perUser: int('KB_RATE_USER', 20, 1, 10_000), perChannel: int('KB_RATE_CHANNEL', 60, 1, 100_000) },
  };
}
