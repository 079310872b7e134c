import type { SnippetKind } from './article.js';

const CONFIG_LANGS = new Set([
  'apache', 'apacheconf', 'nginx', 'xml', 'yaml', 'yml', 'ini', 'properties', 'toml', 'json', 'conf', 'config', 'hcl', 'dockerfile',
]);
const COMMAND_LANGS = new Set(['bash', 'sh', 'shell', 'console', 'zsh', 'powershell', 'ps', 'cmd', 'bat', 'shell-session']);
const LOG_LANGS = new Set(['log', 'logs', 'output', 'stderr']);
const CODE_LANGS = new Set(['java', 'javascript', 'js', 'ts', 'typescript', 'python', 'py', 'go', 'csharp', 'cs', 'sql', 'groovy', 'kotlin', 'ruby']);

const FRAME_LINE = /^\s*(at\s+[\w$.<>]+|File "[^"]+", line \d+|goroutine \d+|\s+[\w$.]+\([^)]*\)\s*$)/m;
const LOG_LINE = /^\s*(\[?\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}|[A-Z][a-z]{2} \d{1,2} |\[?(ERROR|WARN|WARNING|INFO|DEBUG|FATAL|SEVERE|TRACE)\b)/m;
const TRACE_HEAD = /(Traceback \(most recent call last\)|^\s*(Caused by:|Exception in thread)|^\s*at [\w$.]+\(|^\s+at .+:\d+:\d+\)?$|^panic: )/m;
const TAG_CONFIG = /^\s*<\/?[A-Za-z][\w:-]*[^>]*>/m;
const COMMAND_LINE = /^\s*(\$|#|>|sudo |PS [A-Z]:\\)|^\s*(kubectl|docker|git|npm|npx|pip|python3?|systemctl|service|curl|openssl|keytool|psql|mysql|sqlplus|export|cd|ls|chmod|chown|rm|mv|cp|cat|grep|tail|apt(-get)?|yum|dnf|brew|node|java|ulimit|sysctl|echo|set)\b/m;
const KEY_VALUE = /^\s*[\w.-]+\s*[=:]\s*\S/m;

/**
 * Infers what a code block is from its language tag and shape. The language tag is a hint,
 * not the truth: KB authors tag logs as `text` or `java` all the time.
 */
export function snippetKind(text: string, lang: string | null): SnippetKind {
  const l = (lang ?? '').toLowerCase();
  const hasTrace = TRACE_HEAD.test(text) || countMatches(text, /^\s*at\s+\S+/gm) >= 2;
  if (hasTrace && (LOG_LANGS.has(l) || l === '' || l === 'text' || l === 'java' || l === 'python' || l === 'js' || l === 'javascript' || l === 'none')) {
    return 'stacktrace';
  }
  if (LOG_LANGS.has(l)) return 'log';
  if (CONFIG_LANGS.has(l)) return 'config';
  if (COMMAND_LANGS.has(l)) return 'command';
  if (CODE_LANGS.has(l)) return LOG_LINE.test(text) ? 'log' : 'code';
  if (hasTrace) return 'stacktrace';
  if (LOG_LINE.test(text)) return 'log';
  if (TAG_CONFIG.test(text)) return 'config';
  if (COMMAND_LINE.test(text)) return 'command';
  if (KEY_VALUE.test(text)) return 'config';
  return 'code';
}

/** A language for an untagged snippet, from its shape; null when nothing is clear. */
export function guessLang(text: string): string | null {
  if (/<\/?(VirtualHost|Location|Directory|IfModule)\b/i.test(text) || /^\s*(ProxyPass|RewriteRule|SSLEngine|Listen)\b/m.test(text)) return 'apache';
  if (/^\s*(server|location|upstream)\s*[^{]*\{/m.test(text) || /\bproxy_pass\b|\bclient_max_body_size\b/.test(text)) return 'nginx';
  if (/^\s*<\?xml|<(Connector|Server|Context|Engine|Host)\b/m.test(text)) return 'xml';
  if (FRAME_LINE.test(text) && /\.java:\d+\)|\bat [\w$]+\.[\w$.]+\(/.test(text)) return 'java';
  if (/Traceback \(most recent call last\)/.test(text)) return 'python';
  return null;
}

function countMatches(text: string, re: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(re)) {
    n += 1;
    if (n > 4) break;
  }
  return n;
}
