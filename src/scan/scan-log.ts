import type { Matcher } from '../match/matcher.js';
import { redactSecrets } from '../redact/redact-secrets.js';
import { maskText } from '../signals/mask.js';
import { splitEvents, type LogEvent } from './split-events.js';

export interface ScanFinding {
  articleId: string;
  title: string;
  source: string;
  confidence: number;
  /** How many log events point at this article. */
  count: number;
  firstLine: number;
  lastLine: number;
  /** The first matching event's first line, as an example (secrets redacted). */
  sample: string;
}

export interface ScanReport {
  lines: number;
  events: number;
  /** Events at WARN level or above, or carrying an exception. */
  problemEvents: number;
  /** Distinct problem templates seen. */
  templates: number;
  findings: ScanFinding[];
  /** Problem templates no article confidently matched. */
  unmatched: Array<{ count: number; firstLine: number; sample: string }>;
}

const PROBLEM = /\b(ERROR|FATAL|SEVERE|CRITICAL|WARN|WARNING|Exception|Error:|Traceback|panic:|npm ERR!)\b|^\s*at\s|Caused by:/;
/** Templates matched at most: a log with thousands of distinct errors is answered by its most frequent. */
const MAX_TEMPLATES = 300;

/**
 * Finds every known problem in a whole log, the way a log analyzer does, but without a regex
 * per article: events are grouped by their masked template, each group is matched once, and
 * groups answering to the same article are added up.
 */
export function scanLog(text: string, matcher: Matcher): ScanReport {
  // A last line break ends the last line; it does not start another.
  const lines = text ? text.split('\n').length - (text.endsWith('\n') ? 1 : 0) : 0;
  const events = splitEvents(text);
  const groups = new Map<string, LogEvent[]>();
  let problemEvents = 0;
  for (const e of events) {
    if (!PROBLEM.test(e.text)) continue;
    problemEvents += 1;
    const exception = firstException(e.text);
    const key = `${maskText(e.head.replace(/^\S+ \| /, '')).replace(/^(?:<\*>\s*)+/, '')}|${exception}`;
    const g = groups.get(key);
    if (g) g.push(e);
    else groups.set(key, [e]);
  }
  const ranked = [...groups.values()].sort((a, b) => b.length - a.length || a[0]!.line - b[0]!.line);
  const byArticle = new Map<string, ScanFinding>();
  const unmatched: ScanReport['unmatched'] = [];
  for (const group of ranked.slice(0, MAX_TEMPLATES)) {
    const first = group[0]!;
    const result = matcher.match(first.text, { limit: 1 });
    const best = result.best;
    if (!best) {
      unmatched.push({ count: group.length, firstLine: first.line, sample: excerpt(first.head) });
      continue;
    }
    const f = byArticle.get(best.id);
    const last = group[group.length - 1]!;
    if (f) {
      f.count += group.length;
      f.firstLine = Math.min(f.firstLine, first.line);
      f.lastLine = Math.max(f.lastLine, last.endLine);
      f.confidence = Math.max(f.confidence, best.confidence);
    } else {
      byArticle.set(best.id, {
        articleId: best.id,
        title: best.title,
        source: best.source,
        confidence: best.confidence,
        count: group.length,
        firstLine: first.line,
        lastLine: last.endLine,
        sample: excerpt(first.head),
      });
    }
  }
  return {
    lines,
    events: events.length,
    problemEvents,
    templates: groups.size,
    findings: [...byArticle.values()].sort((a, b) => b.count - a.count || a.firstLine - b.firstLine),
    unmatched: unmatched.slice(0, 20),
  };
}

/**
 * A log line as an example, 300 characters at most, with its credentials redacted (log lines
 * carry JDBC URLs, `PASSWORD: …`, `Pwd=…;`). Redacted before the final cut, so no secret is cut
 * in two and half-kept; the line is first cut to a margin that no secret on it spans.
 */
function excerpt(line: string): string {
  return redactSecrets(line.length > 1300 ? line.slice(0, 1300) : line).slice(0, 300);
}

/**
 * The first exception class name in an event, found token by token with an anchored pattern
 * (a search through the whole text would retry every dotted run from each position inside it).
 */
function firstException(text: string): string {
  const head = text.length > 8000 ? text.slice(0, 8000) : text;
  for (const raw of head.split(/[\s(),:;'"[\]]+/)) {
    if (raw.length < 6 || raw.length > 200) continue;
    const m = EXCEPTION_NAME.exec(raw);
    if (m) return m[1]!;
  }
  return '';
}

const EXCEPTION_NAME = /^((?:[A-Za-z_$][\w$]{0,60}\.){0,20}[A-Z][\w$]{0,100}?(?:Exception|Error))$/;
