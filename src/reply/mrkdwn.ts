import { aroundCodeSpans } from './code-spans.js';

/**
 * Slack mrkdwn from the Markdown that KB sections hold. Slack wants `&`, `<` and `>` escaped
 * everywhere (code included), `*bold*` instead of `**bold**`, `<url|text>` links, and has no
 * headings or tables.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A mention of a Slack user for mrkdwn, only when `id` is a user id (`U…`, `W…`): an id that
 * came in with a request is never trusted to be one (`U1> <!channel`).
 */
export function mentionUser(id: string): string {
  return /^[UW][A-Z0-9]{2,40}$/.test(id) ? `<@${id}>` : 'someone';
}

export function markdownToMrkdwn(markdown: string): string {
  const out: string[] = [];
  let inFence: string | null = null;
  for (const line of markdown.split('\n')) {
    const fence = /^\s*(```|~~~~)/.exec(line);
    if (fence) {
      if (inFence === null) {
        inFence = fence[1]!;
        out.push('```');
        continue;
      }
      if (fence[1] === inFence) {
        inFence = null;
        out.push('```');
        continue;
      }
    }
    if (inFence !== null) {
      out.push(escapeMrkdwn(line));
      continue;
    }
    out.push(inlineMarkdown(line));
  }
  if (inFence !== null) out.push('```');
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function inlineMarkdown(line: string): string {
  // Inline code spans stay as they are (escaped); the rest is converted around them.
  return aroundCodeSpans(
    line,
    (text) => {
      let s = escapeMrkdwn(text);
      s = s.replace(/^\s{0,3}#{1,6}\s+(.+?)\s*#*$/, '*$1*');
      s = s.replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) => `<${url}|${label}>`);
      s = s.replace(/\*\*(.+?)\*\*/g, '*$1*').replace(/__(.+?)__/g, '*$1*');
      s = s.replace(/^(\s*)[-*+]\s+/, '$1• ');
      s = s.replace(/^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*:?-{0,}:?\s*$/, '');
      return s;
    },
    escapeMrkdwn,
  );
}

/**
 * Cuts mrkdwn to `max` characters at a line boundary, closing an open code block, and
 * appends `more` (a pointer to the full text).
 */
export function truncateMrkdwn(text: string, max: number, more: string): string {
  if (text.length <= max) return text;
  const budget = max - more.length - 8;
  const lines = text.split('\n');
  const kept: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (size + line.length + 1 > budget) {
      if (kept.length === 0) kept.push(line.slice(0, budget));
      break;
    }
    kept.push(line);
    size += line.length + 1;
  }
  const fences = kept.filter((l) => l.trim().startsWith('```')).length;
  if (fences % 2 === 1) kept.push('```');
  return `${kept.join('\n')}\n${more}`;
}
