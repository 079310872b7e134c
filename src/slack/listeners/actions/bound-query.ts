import type { ActionValue } from '../../../reply/actions.js';
import type { RecordedQuery } from '../../../store/slack-store.js';
import type { BotContext } from '../../bot-context.js';

/**
 * The recorded query a button's value names, when this click may act on it: the query exists,
 * was asked in the channel the click came from, and, with `askerOnly` (buttons only the asker
 * saw: "Share in channel", "Post in thread"), was asked by whoever clicked. Anything else is a
 * value the client made up: null, with a log line.
 */
export function boundQuery(bot: BotContext, value: ActionValue, click: { user: string; channel: string | undefined }, askerOnly: boolean): RecordedQuery | null {
  if (value.q === null || !click.channel) return null;
  const query = bot.store.query(value.q);
  const why = !query ? 'no such query' : query.channel !== click.channel ? 'a query of another channel' : askerOnly && query.user !== click.user ? "another person's query" : null;
  if (why === null) return query;
  bot.log.warn('refused a button click: its value names ' + why, { query: value.q, user: click.user, channel: click.channel });
  return null;
}
