/**
 * Does a message look like a pasted error (a stack trace, an error log line, an error code)?
 * Only such messages are auto-answered in channels: a bot that answers chat gets removed.
 */
const TRACE = /^\s*at\s+[\w$.<>/]+[.(]|^\s*File "[^"]+", line \d+|Traceback \(most recent call last\)|^\s*Caused by: |^goroutine \d+ \[|^panic: /m;
const LOG_ERROR = /(^|\s|\[)(ERROR|FATAL|SEVERE|CRITICAL)(\]|\s|:)|npm ERR!|^error(\[E\d+\])?:|^fatal: /im;
const EXCEPTION = /\b(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error)\b|\b[A-Z][a-zA-Z]+(?:Exception|Error):\s/;
const CODE = /\b(?:ORA-\d{5}|E[A-Z]{4,}\b(?=:)|ERR_[A-Z_]+|SQLSTATE|HTTP\/[\d.]+ [45]\d\d|AH\d{5})/;

export function looksLikeErrorPaste(text: string): boolean {
  if (text.length < 20) return false;
  return TRACE.test(text) || LOG_ERROR.test(text) || EXCEPTION.test(text) || CODE.test(text);
}

/** A thread reply worth answering: an error, a question, or more than a few words (not "thanks!"). */
export function looksLikeFollowUp(text: string): boolean {
  const t = text.trim();
  if (looksLikeErrorPaste(t)) return true;
  if (/\?\s*$/.test(t) && t.split(/\s+/).length >= 3) return true;
  return t.split(/\s+/).length >= 8 && !/^(thanks|thank you|thx|ok|okay|great|cool|nice|perfect)\b/i.test(t);
}
