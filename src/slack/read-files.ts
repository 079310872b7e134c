import type { WebClient } from '@slack/web-api';
import type { Log } from '../log.js';
import { decodeText } from '../text/decode-text.js';

/** The most of one file the bot reads; a larger file is read in part and the reply says so. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface SlackFileRef {
  id: string;
  name?: string;
  mimetype?: string;
  filetype?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
}

export interface ReadFile {
  name: string;
  text: string;
  /** True when only the first MAX_FILE_BYTES were read. */
  partial: boolean;
}

const TEXT_TYPES = new Set(['text', 'log', 'txt', 'plain', 'csv', 'json', 'xml', 'yaml', 'yml', 'java', 'python', 'javascript', 'shell', 'sql', 'diff', 'markdown', 'properties', 'ini', 'html']);

export function isTextFile(f: SlackFileRef): boolean {
  return (f.mimetype ?? '').startsWith('text/') || TEXT_TYPES.has((f.filetype ?? '').toLowerCase()) || /\.(log|txt|out|err|trace)$/i.test(f.name ?? '');
}

/** Where Slack serves files (`url_private`, `url_private_download`), commercial and GovSlack. */
export const SLACK_FILE_HOSTS: readonly string[] = ['files.slack.com', 'files.slack-gov.com'];

export interface ReadFilesOptions {
  /** The configured Web API base URL (SLACK_API_URL): files from its origin are Slack's too (a local Slack in tests). */
  apiUrl: string | null;
  log: Pick<Log, 'warn'>;
}

/**
 * Whether the bot token may be sent to this URL: https on one of Slack's file hosts, or the
 * origin of the configured SLACK_API_URL. A file's URLs come inside the event, so anyone who
 * can make an event say `url_private: "https://attacker.example/"` would otherwise be sent the token.
 */
export function isSlackFileUrl(url: string, apiUrl: string | null): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === 'https:' && SLACK_FILE_HOSTS.includes(u.hostname) && (u.port === '' || u.port === '443')) return true;
  if (!apiUrl) return false;
  try {
    return u.origin === new URL(apiUrl).origin;
  } catch {
    return false;
  }
}

/** Redirects followed at most, each to a Slack file URL again. */
const MAX_REDIRECTS = 3;

/**
 * Reads text files attached to a message through the Web API (`files.info`, then the private
 * download URL with the bot token; needs the `files:read` scope). Only from Slack's own file
 * hosts (see isSlackFileUrl): a file anywhere else is skipped with a log line, and its URL
 * never sees the token, redirects included.
 */
export async function readSlackFiles(client: WebClient, token: string, files: readonly SlackFileRef[], options: ReadFilesOptions): Promise<ReadFile[]> {
  const out: ReadFile[] = [];
  for (const ref of files.filter(isTextFile).slice(0, 5)) {
    let f = ref;
    if (!f.url_private_download && !f.url_private) {
      const info = await client.files.info({ file: ref.id });
      f = { ...ref, ...(info.file as SlackFileRef) };
    }
    const url = f.url_private_download ?? f.url_private;
    if (!url) continue;
    const res = await download(url, token, options);
    if (!res) continue;
    if (!res.ok || !res.body) throw new Error(`downloading ${f.name ?? f.id} failed with HTTP ${res.status}`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    let partial = false;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.length > MAX_FILE_BYTES) {
        chunks.push(value.subarray(0, MAX_FILE_BYTES - size));
        partial = true;
        await reader.cancel();
        break;
      }
      chunks.push(value);
      size += value.length;
    }
    out.push({ name: f.name ?? f.id, text: decodeText(Buffer.concat(chunks)), partial: partial || (f.size ?? 0) > MAX_FILE_BYTES });
  }
  return out;
}

/** GET with the bot token, following redirects by hand so that each hop is checked; null when refused. */
async function download(url: string, token: string, options: ReadFilesOptions): Promise<Response | null> {
  let next = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    if (!isSlackFileUrl(next, options.apiUrl)) {
      options.log.warn('refused to download a file from a host that is not Slack\'s; the bot token is sent to Slack only', { host: hostOf(next), redirect: hop > 0 });
      return null;
    }
    const res = await fetch(next, { headers: { Authorization: `Bearer ${token}` }, redirect: 'manual' });
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    if (!location) return res;
    await res.body?.cancel();
    next = new URL(location, next).toString();
  }
  options.log.warn('refused to download a file: too many redirects', { host: hostOf(next) });
  return null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(not a URL)';
  }
}
