import type { ScanReport } from '../scan/scan-log.js';
import type { StoredArticle } from '../store/article-store.js';
import { type Answer, relatedMatches } from './answer.js';

export interface TerminalStyle {
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
}

export const PLAIN: TerminalStyle = { bold: (s) => s, dim: (s) => s, green: (s) => s, yellow: (s) => s };
export const ANSI: TerminalStyle = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  green: (s) => `\x1b[32m${s}\x1b[39m`,
  yellow: (s) => `\x1b[33m${s}\x1b[39m`,
};

/** An Answer as text for a terminal: the fix first, then how sure, then the alternatives. */
export function renderAnswerText(answer: Answer, style: TerminalStyle = PLAIN): string {
  const out: string[] = [];
  if (answer.problem === 'empty') return 'Nothing to match: paste an error message, a log excerpt or a stack trace, or ask a question.';
  if (answer.problem === 'binary') return 'That looks like binary data, not text. Paste the error as text (the log line with ERROR, the exception and its "Caused by:" chain).';
  const a = answer.answer;
  if (a) {
    out.push(style.bold(style.green(a.title)));
    out.push(style.dim(`${a.level} confidence (${a.confidence.toFixed(2)}) · ${a.id} · ${a.source}${a.url ? ` · ${a.url}` : ''}`));
    if (a.evidence.length) out.push(style.dim(`matched ${a.evidence.join(' · ')}`));
    section(out, style, 'Cause', a.cause);
    section(out, style, 'Diagnosis', a.diagnosis);
    section(out, style, 'Fix', a.solution);
    if (!a.solution) for (const s of a.snippets.slice(0, 2)) out.push('', codeBlock(s.text, s.lang ?? s.kind, style));
    if (!a.cause && !a.solution && a.summary) section(out, style, 'Summary', a.summary);
  } else {
    out.push(style.yellow('No confident match in the knowledge base.'));
    out.push('Paste more of the error to help: the full exception with its "Caused by:" chain, or the log line with ERROR and the lines around it.');
  }
  const others = relatedMatches(answer, 4);
  if (others.length) {
    out.push('', style.bold(a ? 'Other candidates' : 'Nearest articles'));
    for (const m of others) out.push(`  ${m.title} ${style.dim(`(${m.id}, ${m.confidence.toFixed(2)})`)}`);
    out.push(style.dim('  Show one with: kb show <id>'));
  }
  if (answer.focused) out.push('', style.dim('(The input was long; only its error lines were matched.)'));
  return out.join('\n');
}

/** A whole article, for `kb show`. */
export function renderArticleText(a: StoredArticle, style: TerminalStyle = PLAIN): string {
  const out = [style.bold(a.title), style.dim(`${a.id} · ${a.source}${a.product ? ` · ${a.product}` : ''}${a.url ? ` · ${a.url}` : ''}`)];
  const labels: Record<string, string> = { summary: 'Summary', environment: 'Environment', diagnosis: 'Diagnosis', cause: 'Cause', solution: 'Fix', other: '' };
  for (const s of a.sections) section(out, style, s.heading || labels[s.role] || s.role, s.text);
  return out.join('\n');
}

function section(out: string[], style: TerminalStyle, title: string, markdown: string): void {
  if (!markdown.trim()) return;
  out.push('', style.bold(title));
  for (const block of splitFences(markdown.trim())) {
    out.push(block.code === null ? indent(block.text) : codeBlock(block.text, block.code || 'code', style));
  }
}

/** Markdown split into prose and fenced code blocks, in order. */
export function splitFences(markdown: string): Array<{ text: string; code: string | null }> {
  const out: Array<{ text: string; code: string | null }> = [];
  const re = /^(```|~~~~)([^\n]*)\n([\s\S]*?)\n\1[ \t]*$/gm;
  let last = 0;
  for (const m of markdown.matchAll(re)) {
    const before = markdown.slice(last, m.index).trim();
    if (before) out.push({ text: before, code: null });
    out.push({ text: m[3]!, code: m[2]!.trim() });
    last = (m.index ?? 0) + m[0].length;
  }
  const rest = markdown.slice(last).trim();
  if (rest) out.push({ text: rest, code: null });
  return out;
}

function codeBlock(text: string, label: string, style: TerminalStyle): string {
  const lines = text.split('\n');
  const shown = lines.slice(0, 40);
  const more = lines.length > shown.length ? [`… ${lines.length - shown.length} more lines`] : [];
  return [style.dim(`  ┌ ${label}`), ...[...shown, ...more].map((l) => `${style.dim('  │')} ${l}`), style.dim('  └')].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** A log scan as text for `kb scan`. */
export function renderScanText(report: ScanReport, style: TerminalStyle = PLAIN): string {
  const out = [
    style.dim(`${report.lines} lines, ${report.events} log events, ${report.problemEvents} warnings or errors in ${report.templates} kinds`),
  ];
  if (!report.findings.length) out.push(style.yellow('No known problem found in this log.'));
  else out.push(style.bold(`${report.findings.length} known problem${report.findings.length > 1 ? 's' : ''}:`));
  for (const f of report.findings) {
    out.push(
      '',
      `${style.green(f.title)}`,
      style.dim(`  ${f.count}× · lines ${f.firstLine}–${f.lastLine} · ${f.articleId} · confidence ${f.confidence.toFixed(2)}`),
      `  e.g. ${f.sample.slice(0, 160)}`,
    );
  }
  if (report.unmatched.length) {
    out.push('', style.bold('Errors with no matching article (most frequent first):'));
    for (const u of report.unmatched.slice(0, 5)) out.push(`  ${u.count}× from line ${u.firstLine}: ${u.sample.slice(0, 140)}`);
  }
  if (report.findings.length) out.push('', style.dim('Show an article with: kb show <id>'));
  return out.join('\n');
}
