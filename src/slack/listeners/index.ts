import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../reply/actions.js';
import type { BotContext } from '../bot-context.js';
import { askHuman } from './actions/ask-human.js';
import { feedback } from './actions/feedback.js';
import { openCandidate } from './actions/open-candidate.js';
import { share } from './actions/share.js';
import { kbCommand } from './commands/kb-command.js';
import { appMention } from './events/app-mention.js';
import { message } from './messages/message.js';
import { FIND_KB_FIX_CALLBACK, findKbFix } from './shortcuts/find-kb-fix.js';

/** Registers one listener per Slack surface. */
export function registerListeners(app: App, bot: BotContext): void {
  app.event('app_mention', appMention(bot));
  app.message(message(bot));
  app.command('/kb', kbCommand(bot));
  app.shortcut({ callback_id: FIND_KB_FIX_CALLBACK, type: 'message_action' }, findKbFix(bot));
  app.action<BlockButtonAction>(ACTIONS.helpful, feedback(bot));
  app.action<BlockButtonAction>(ACTIONS.notHelpful, feedback(bot));
  app.action<BlockButtonAction>(ACTIONS.askHuman, askHuman(bot));
  app.action<BlockButtonAction>(ACTIONS.share, share(bot));
  app.action<BlockButtonAction>(new RegExp(`^${ACTIONS.openCandidate}\\d+$`), openCandidate(bot));
}
