import { FAKE_BOT_USER, type FakeSlack, type StoredMessage } from '../local-slack/fake-slack.js';
import { blocksToHtml, mrkdwnToHtml, type RenderNames } from './render-block-kit-html.js';

export const YOU = 'U0YOU';
export const EXPERT = 'U0EXPERT';
export const CHANNELS = [
  { id: 'C0GENERAL', name: 'general', im: false },
  { id: 'D0KB', name: 'kb', im: true },
] as const;

export const NAMES: RenderNames = {
  user: (id) => (id === FAKE_BOT_USER ? 'kb' : id === YOU ? 'you' : id === EXPERT ? 'kb-expert' : id),
  group: (id) => (id.startsWith('S') ? 'kb-experts' : id),
};

/** A message as the page shows it: rendered HTML, who, where, visible to whom. */
export interface ViewMessage {
  channel: string;
  ts: string;
  thread_ts: string | null;
  user: string;
  userName: string;
  ephemeral: boolean;
  html: string;
  text: string;
  files: Array<{ name: string }>;
}

export function toView(m: StoredMessage): ViewMessage {
  const html = m.blocks && Array.isArray(m.blocks) && m.blocks.length ? blocksToHtml(m.blocks, NAMES) : mrkdwnToHtml(m.text, NAMES);
  return {
    channel: m.channel,
    ts: m.ts,
    thread_ts: m.thread_ts && m.thread_ts !== m.ts ? m.thread_ts : null,
    user: m.user,
    userName: NAMES.user(m.user),
    ephemeral: !!m.ephemeralTo,
    html,
    text: m.text,
    files: (m.files ?? []).map((f) => ({ name: f.name })),
  };
}

/** What a response_url stands for: where its answer goes and which message it may replace. */
export interface ResponseContext {
  channel: string;
  user: string;
  sourceTs?: string;
  threadTs?: string;
}

/**
 * Applies a post to a response_url the way Slack does: replace or delete the message the
 * interaction came from, or add an ephemeral (default) or in-channel message.
 */
export function applyResponse(fake: FakeSlack, ctx: ResponseContext, args: Record<string, unknown>): { changed?: StoredMessage; deleted?: StoredMessage } {
  const source = ctx.sourceTs ? fake.messages.find((m) => m.channel === ctx.channel && m.ts === ctx.sourceTs) : undefined;
  if (args.delete_original && source) {
    fake.messages.splice(fake.messages.indexOf(source), 1);
    return { deleted: source };
  }
  if (args.replace_original && source) {
    if (typeof args.text === 'string') source.text = args.text;
    if (Array.isArray(args.blocks)) source.blocks = args.blocks;
    return { changed: source };
  }
  const msg: StoredMessage = {
    channel: ctx.channel,
    ts: fake.nextTs(),
    user: FAKE_BOT_USER,
    text: typeof args.text === 'string' ? args.text : '',
    blocks: Array.isArray(args.blocks) ? args.blocks : undefined,
    responseUrl: 'yes',
  };
  if (args.response_type !== 'in_channel') msg.ephemeralTo = ctx.user;
  if (ctx.threadTs) msg.thread_ts = ctx.threadTs;
  fake.messages.push(msg);
  return { changed: msg };
}
