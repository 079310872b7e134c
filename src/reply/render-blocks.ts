import type { ScanReport } from '../scan/scan-log.js';
import type { StoredArticle } from '../store/article-store.js';
import { ACTIONS, encodeAction } from './actions.js';
import { type Answer, relatedMatches } from './answer.js';
import { escapeMrkdwn, markdownToMrkdwn, truncateMrkdwn } from './mrkdwn.js';
import { SLACK_LIMITS, type SlackBlock, type SlackMessage } from './slack-limits.js';

export interface RenderOptions {
  /** The recorded query the buttons refer to. */
  queryId: number | null;
  /** Ephemeral replies get a button that posts them for everyone. */
  share?: { label: string; threadTs?: string } | null;
  /** Offer "Ask a human" (when experts are configured). */
  askHuman?: boolean;
}

/** Per-section budgets: the fix gets the most room, a person in a hurry reads it first. */
const BUDGET = { cause: 1200, diagnosis: 1600, fix: 2900 } as const;

/** An Answer as a Slack message: title, confidence and evidence, Cause, Diagnosis, Fix, buttons. */
export function renderAnswerBlocks(answer: Answer, opts: RenderOptions): SlackMessage {
  if (answer.problem) return notice(problemText(answer.problem));
  const a = answer.answer;
  if (!a) return renderAbstain(answer, opts);
  const more = `_… more in \`/kb show ${a.id}\`_`;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(a.title, SLACK_LIMITS.headerText), emoji: true } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: clip(
            `*${a.level === 'high' ? 'High' : 'Medium'} confidence* (${Math.round(a.confidence * 100)}%)` +
              (a.evidence.length ? ` · matched ${a.evidence.map(evidenceMrkdwn).join(', ')}` : '') +
              ` · ${linkOrCode(a.url, a.source)}`,
            2900,
          ),
        },
      ],
    },
  ];
  const section = (label: string, markdown: string, budget: number) => {
    if (!markdown.trim()) return;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(`*${label}*\n${markdownToMrkdwn(markdown)}`, budget, more) } });
  };
  section('Cause', a.cause || a.summary, BUDGET.cause);
  section('Diagnosis', a.diagnosis, BUDGET.diagnosis);
  section('Fix', a.solution, BUDGET.fix);
  blocks.push(actionsBlock(answer, opts));
  const others = relatedMatches(answer);
  if (others.length) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: '*Other candidates*' }] });
    blocks.push(candidateButtons(others, opts.queryId));
  }
  return { text: escapeMrkdwn(`${a.title} (${a.level} confidence): ${firstSentence(a.solution || a.cause)}`), blocks };
}

function renderAbstain(answer: Answer, opts: RenderOptions): SlackMessage {
  const nearest = relatedMatches(answer);
  const blocks: SlackBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          "*I couldn't find a KB article that confidently fits this.*\n" +
          'To help me match it, paste the full exception with its `Caused by:` chain, or the log line with `ERROR` and a few lines around it.',
      },
    },
  ];
  if (nearest.length) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: '*Nearest articles* (low confidence)' }] });
    blocks.push(candidateButtons(nearest, opts.queryId));
  }
  const extra: SlackBlock[] = [];
  if (opts.askHuman) extra.push(button('Ask a human', ACTIONS.askHuman, encodeAction({ q: opts.queryId, a: null })));
  if (opts.share) extra.push(button(opts.share.label, ACTIONS.share, encodeAction({ q: opts.queryId, a: null })));
  if (extra.length) blocks.push({ type: 'actions', elements: extra });
  return { text: "No confident match in the knowledge base. Paste the full exception or the ERROR log line to help.", blocks };
}

function actionsBlock(answer: Answer, opts: RenderOptions): SlackBlock {
  const value = encodeAction({ q: opts.queryId, a: answer.answer?.id ?? null });
  const elements: SlackBlock[] = [
    { ...button('Helpful', ACTIONS.helpful, value), style: 'primary' },
    button('Not helpful', ACTIONS.notHelpful, value),
  ];
  if (opts.askHuman) elements.push(button('Ask a human', ACTIONS.askHuman, value));
  if (opts.share) {
    elements.push(button(opts.share.label, ACTIONS.share, encodeAction({ q: opts.queryId, a: answer.answer?.id ?? null })));
  }
  return { type: 'actions', block_id: 'kb_feedback', elements };
}

function candidateButtons(matches: Answer['matches'], queryId: number | null): SlackBlock {
  return {
    type: 'actions',
    block_id: 'kb_candidates',
    elements: matches.map((m, i) => button(clip(m.title, SLACK_LIMITS.buttonText), `${ACTIONS.openCandidate}${i}`, encodeAction({ q: queryId, a: m.id }))),
  };
}

/** A whole article (for `/kb show` and candidate buttons), within Slack's limits. */
export function renderArticleBlocks(a: StoredArticle): SlackMessage {
  const more = `_… cut for Slack; the full article is \`${escapeMrkdwn(a.source)}\`_`;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(a.title, SLACK_LIMITS.headerText), emoji: true } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: clip(`\`${escapeMrkdwn(a.id)}\` · ${linkOrCode(a.url, a.source)}`, 2900) }] },
  ];
  let budget = SLACK_LIMITS.totalChars - 600;
  for (const s of a.sections) {
    if (budget < 300 || blocks.length >= SLACK_LIMITS.blocks - 1) break;
    const label = s.heading || s.role;
    const text = truncateMrkdwn(`*${escapeMrkdwn(label)}*\n${markdownToMrkdwn(s.text)}`, Math.min(SLACK_LIMITS.sectionText - 100, budget), more);
    budget -= text.length;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  return { text: escapeMrkdwn(a.title), blocks };
}

/** A one-paragraph message (errors, confirmations, rate-limit notices); its text is escaped, so any part of a request in it stays text. */
export function notice(text: string): SlackMessage {
  return { text: escapeMrkdwn(text), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(escapeMrkdwn(text), SLACK_LIMITS.sectionText) } }] };
}

export function renderHelpBlocks(): SlackMessage {
  const text = [
    '*kb-assistant* finds the knowledge-base article that fixes an error.',
    '• `/kb <error, log line or question>`: answer privately, with a button to share',
    '• `/kb show <article id>`: show a whole article',
    '• `/kb stats`: articles indexed, queries answered, helpful rate',
    '• `/kb auto on|off`: answer pasted stack traces in this channel without a mention (admins)',
    '• `/kb reindex`: read the KB folder again after articles changed (admins)',
    '• Mention me with a trace or question, DM me, or use the *Find a KB fix* shortcut on any message.',
    '• Attach a `.log` file to a mention or DM and I scan it for every known problem.',
  ].join('\n');
  return { text: 'kb-assistant help: /kb <error>, /kb show <id>, /kb stats, /kb auto on|off, /kb reindex', blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export function renderStatsBlocks(s: { articles: number; queries: number; answered: number; feedback: number; helpfulRate: number | null; lastIndexedAt: string | null }): SlackMessage {
  const rate = s.helpfulRate === null ? 'no feedback yet' : `${Math.round(s.helpfulRate * 100)}% of ${s.feedback} ratings`;
  const text = `*Articles indexed:* ${s.articles}\n*Queries answered:* ${s.answered} of ${s.queries}\n*Helpful:* ${rate}\n*Last indexed:* ${s.lastIndexedAt ? slackDate(s.lastIndexedAt) : 'never'}`;
  return { text: `${s.articles} articles, ${s.answered} of ${s.queries} queries answered, helpful: ${rate}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/**
 * A time as Slack's date token, which each reader sees in their own time zone
 * (`<!date^1733626620^{date_short_pretty} at {time}|2024-12-08 02:57 UTC>`); the fallback is for
 * clients that cannot. Not a time: the text as it is.
 */
export function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  const fallback = `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} at {time}|${fallback}>`;
}

/** The feedback buttons replaced by a thank-you, the rest of the message kept. */
export function withThanks(blocks: readonly SlackBlock[], thanks: string): SlackBlock[] {
  return blocks.map((b) => (b.block_id === 'kb_feedback' ? { type: 'context', block_id: 'kb_thanks', elements: [{ type: 'mrkdwn', text: thanks }] } : b));
}

function button(text: string, actionId: string, value: string): SlackBlock {
  return { type: 'button', text: { type: 'plain_text', text: clip(text, SLACK_LIMITS.buttonText), emoji: true }, action_id: actionId, value };
}

/** The article's source as a link to its URL when that is a plain http(s) URL, else as code: a URL with `|` or `>` in it would end the link early and leave the rest as markup. */
function linkOrCode(url: string | null, source: string): string {
  return url && /^https?:\/\/[^\s<>|]{1,2000}$/.test(url) ? `<${url}|${escapeMrkdwn(source)}>` : `\`${escapeMrkdwn(source.replace(/`/g, "'"))}\``;
}

function evidenceMrkdwn(e: string): string {
  if (e.startsWith('words: ')) return `words ${escapeMrkdwn(e.slice(7))}`;
  return `\`${escapeMrkdwn(e.replace(/`/g, "'"))}\``;
}

function problemText(problem: 'empty' | 'binary'): string {
  return problem === 'empty'
    ? 'Nothing to match. Paste an error message, a log excerpt or a stack trace, or ask a question: `/kb <error>`.'
    : 'That looks like binary data, not text. Paste the error as text (the ERROR log line, the exception and its "Caused by:" chain).';
}

function firstSentence(markdown: string): string {
  const plain = markdown.replace(/```[\s\S]*?```/g, ' ').replace(/[*_`#>]/g, '').replace(/\s+/g, ' ').trim();
  const m = /^(.{20,300}?[.!?])(\s|$)/.exec(plain);
  return clip(m ? m[1]! : plain, 300);
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** A log scan as a Slack message: every known problem with how often and where. */
export function renderScanBlocks(report: ScanReport, opts: { fileName: string; partial: boolean; queryId: number | null }): SlackMessage {
  const head = `Scanned \`${escapeMrkdwn(opts.fileName)}\`${opts.partial ? ' (first 5 MB only: the file is larger)' : ''}: ${report.lines} lines, ${report.problemEvents} warnings or errors.`;
  const blocks: SlackBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: head } }];
  if (!report.findings.length) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: 'No known problem found. Paste the error you care about with `/kb` to look it up on its own.' } });
  }
  for (const f of report.findings.slice(0, 10)) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(`*${escapeMrkdwn(f.title)}*\n${f.count}× · lines ${f.firstLine}–${f.lastLine} · \`/kb show ${escapeMrkdwn(f.articleId)}\`\n\`${escapeMrkdwn(f.sample.slice(0, 200).replace(/`/g, "'"))}\``, SLACK_LIMITS.sectionText),
      },
    });
  }
  if (report.findings.length) {
    blocks.push({
      type: 'actions',
      block_id: 'kb_candidates',
      elements: report.findings.slice(0, 5).map((f, i) => button(clip(f.title, SLACK_LIMITS.buttonText), `${ACTIONS.openCandidate}${i}`, encodeAction({ q: opts.queryId, a: f.articleId }))),
    });
  }
  if (report.unmatched.length) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(`${report.unmatched.length} other kind${report.unmatched.length > 1 ? 's' : ''} of error had no matching article; the most frequent: \`${escapeMrkdwn(report.unmatched[0]!.sample.slice(0, 150).replace(/`/g, "'"))}\``, 2900) }] });
  }
  const text = report.findings.length
    ? `Found ${report.findings.length} known problem(s) in ${opts.fileName}: ${report.findings.map((f) => `${f.title} (${f.count}×)`).join('; ')}`
    : `No known problem found in ${opts.fileName}`;
  return { text: clip(escapeMrkdwn(text), 3000), blocks };
}
