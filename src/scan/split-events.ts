/**
 * Splits a log into events: a line that starts a log record, with the continuation lines
 * (stack frames, `Caused by:`, wrapped text) that follow it.
 */
export interface LogEvent {
  /** 1-based line number of the event's first line. */
  line: number;
  /** 1-based line number of its last line. */
  endLine: number;
  text: string;
  /** The first line, which carries the level and the message. */
  head: string;
}

const EVENT_START = [
  /^\[?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/, // ISO timestamps
  /^\[?\d{2}[-/. ][A-Za-z]{3}[-/. ]\d{4}[ :]\d{2}:\d{2}/, // 27-Nov-2024 10:11, Tomcat catalina.out
  /^\[?\d{1,2}\/\d{1,2}\/\d{2,4},? \d{1,2}:\d{2}/, // 11/27/24 10:11
  /^\[?\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/, // nginx 2024/11/27 10:11
  /^[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}/, // syslog
  /^\[?[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}/, // Apache error log [Wed Nov 27 10:11:12 ...]
  /^\d{2}:\d{2}:\d{2}[.,]\d{3}/, // 10:11:12.345
  /^(?:ERROR|WARN|WARNING|INFO|DEBUG|FATAL|SEVERE|CRITICAL|TRACE)\b/,
  /^\S+ \| /, // docker compose prefixes
  /^Traceback \(most recent call last\):/,
  /^Exception in thread /,
  /^npm ERR! code /,
];

export function splitEvents(text: string, maxEvents = 200_000): LogEvent[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const events: LogEvent[] = [];
  let current: { line: number; endLine: number; lines: string[] } | null = null;
  const flush = () => {
    if (current && current.lines.some((l) => l.trim())) {
      events.push({ line: current.line, endLine: current.endLine, text: current.lines.join('\n'), head: current.lines[0] ?? '' });
    }
    current = null;
  };
  for (let i = 0; i < lines.length && events.length < maxEvents; i += 1) {
    const raw = lines[i]!;
    const line = raw.length > 4000 ? raw.slice(0, 4000) : raw;
    const starts = EVENT_START.some((re) => re.test(line));
    if (starts || current === null) {
      flush();
      current = { line: i + 1, endLine: i + 1, lines: [line] };
    } else if (current !== null) {
      const c: { line: number; endLine: number; lines: string[] } = current;
      if (c.lines.length < 400) c.lines.push(line);
      c.endLine = i + 1;
    }
  }
  flush();
  return events;
}
