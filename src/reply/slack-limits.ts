/** Slack's Block Kit limits (api.slack.com/reference/block-kit), and the total size Slack has been seen to refuse. */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  fallbackText: 40_000,
  /** Well under the ~12,000 characters at which chat.postMessage has been seen to fail. */
  totalChars: 11_000,
} as const;

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

// A structural type for the blocks we build; Slack's own types are wider than we need.
export type SlackBlock = { type: string; block_id?: string; [key: string]: unknown };

/** Every way a message breaks Slack's limits; empty when it is fine. Used by tests on every reply. */
export function checkSlackLimits(message: SlackMessage): string[] {
  const problems: string[] = [];
  if (!message.text || !message.text.trim()) problems.push('no fallback text');
  if (message.text.length > SLACK_LIMITS.fallbackText) problems.push('fallback text too long');
  if (message.blocks.length > SLACK_LIMITS.blocks) problems.push(`${message.blocks.length} blocks > ${SLACK_LIMITS.blocks}`);
  const total = JSON.stringify(message.blocks).length;
  if (total > SLACK_LIMITS.totalChars + 4000) problems.push(`blocks JSON ${total} chars`);
  let chars = 0;
  const actionIds = new Set<string>();
  message.blocks.forEach((b, i) => {
    const where = `block ${i} (${b.type})`;
    if (b.type === 'header') {
      const t = (b.text as { text?: string; type?: string } | undefined) ?? {};
      if (t.type !== 'plain_text') problems.push(`${where}: header text must be plain_text`);
      if ((t.text ?? '').length > SLACK_LIMITS.headerText) problems.push(`${where}: header over ${SLACK_LIMITS.headerText}`);
      chars += (t.text ?? '').length;
    }
    if (b.type === 'section') {
      const t = (b.text as { text?: string } | undefined)?.text ?? '';
      if (t.length > SLACK_LIMITS.sectionText) problems.push(`${where}: section text ${t.length} > ${SLACK_LIMITS.sectionText}`);
      if (!t.trim() && !b.fields) problems.push(`${where}: empty section`);
      chars += t.length;
    }
    if (b.type === 'context') {
      const els = (b.elements as Array<{ text?: string }> | undefined) ?? [];
      if (els.length === 0 || els.length > SLACK_LIMITS.contextElements) problems.push(`${where}: ${els.length} context elements`);
      for (const e of els) chars += (e.text ?? '').length;
    }
    if (b.type === 'actions') {
      const els = (b.elements as Array<{ action_id?: string; value?: string; text?: { text?: string } }> | undefined) ?? [];
      if (els.length === 0 || els.length > SLACK_LIMITS.actionsElements) problems.push(`${where}: ${els.length} actions`);
      for (const e of els) {
        if (!e.action_id || e.action_id.length > SLACK_LIMITS.actionId) problems.push(`${where}: bad action_id`);
        else if (actionIds.has(e.action_id)) problems.push(`${where}: duplicate action_id ${e.action_id}`);
        else actionIds.add(e.action_id);
        if ((e.value ?? '').length > SLACK_LIMITS.buttonValue) problems.push(`${where}: button value too long`);
        if ((e.text?.text ?? '').length > SLACK_LIMITS.buttonText) problems.push(`${where}: button text too long`);
      }
    }
  });
  if (chars > SLACK_LIMITS.totalChars) problems.push(`${chars} characters of text > ${SLACK_LIMITS.totalChars}`);
  return problems;
}
