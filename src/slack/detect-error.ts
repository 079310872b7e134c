/**
 * Does a message look like a pasted error (a stack trace, an error log line, an error code)?
 * Only such messages are auto-answered in channels: a bot that answers chat gets removed.
 *
 * Runs in time linear in the text: line patterns are anchored at line starts and bounded, and
 * the exception pattern is tried per whitespace-separated token (at most 300 characters), so
 * a pathological paste (`a.a.a.a…` for 40,000 characters) costs what any other paste does.
 */
const TRACE = /^\s{0,40}at\s{1,10}[\w$.<>/]{1,400}[.(]|^\s{0,40}File "[^"\n]{1,400}", line \d|Traceback \(most recent call last\)|^\s{0,40}Caused by: |^goroutine \d{1,10} \[|^panic: /m;
const LOG_ERROR = /(^|\s|\[)(ERROR|FATAL|SEVERE|CRITICAL)(\]|\s|:)|npm ERR!|^error(\[E\d{1,6}\])?:|^fatal: /im;
const EXCEPTION_TOKEN = /^(?:[a-z_$][\w$]{0,80}\.){1,30}[A-Z][\w$]{0,100}(?:Exception|Error)(?![\w$])/;
const EXCEPTION_WITH_COLON = /^[A-Z][a-zA-Z]{0,100}(?:Exception|Error):$/;
const CODE = /\b(?:ORA-\d{5}|E[A-Z]{4,20}\b(?=:)|ERR_[A-Z_]{1,60}|SQLSTATE|HTTP\/[\d.]{1,5} [45]\d\d|AH\d{5})/;

export function looksLikeErrorPaste(text: string): boolean {
  if (text.length < 20) return false;
  return TRACE.test(text) || LOG_ERROR.test(text) || CODE.test(text) || hasExceptionToken(text);
}

/** `com.x.FooException` anywhere, or `FooError: ` as a word followed by a message. */
function hasExceptionToken(text: string): boolean {
  for (const m of text.matchAll(/[^\s=,;()[\]{}<>"'|]{1,300}/g)) {
    const tok = m[0];
    if (EXCEPTION_TOKEN.test(tok)) return true;
    if (EXCEPTION_WITH_COLON.test(tok) && /^\s/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 1))) return true;
  }
  return false;
}

/** A thread reply worth answering: an error, a question, or more than a few words (not "thanks!"). */
export function looksLikeFollowUp(text: string): boolean {
  const t = text.trim();
  if (looksLikeErrorPaste(t)) return true;
  const words = t.split(/\s+/).length;
  if (/\?\s*$/.test(t) && words >= 3) return true;
  return words >= 8 && !/^(thanks|thank you|thx|ok|okay|great|cool|nice|perfect)\b/i.test(t);
}
