/**
 * Removes credentials from pasted text before anything is stored or logged. People paste
 * whatever is on screen: JDBC URLs with passwords, Authorization headers, tokens, keys.
 * Each rule keeps the shape ("password=[REDACTED]") so a stored query still reads right.
 */
export const REDACTED = '[REDACTED]';

const RULES: Array<[RegExp, string]> = [
  // PEM private keys, whole block
  [/-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----[\s\S]{0,20000}?-----END [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----/g, `-----BEGIN PRIVATE KEY-----${REDACTED}-----END PRIVATE KEY-----`],
  // Authorization / Proxy-Authorization headers: scheme and credentials
  [/\b((?:Proxy-)?Authorization)(\s*[:=]\s*)(?:(?:Basic|Bearer|Digest|Negotiate|NTLM|token|Token|JWT)\s+)?[^\s,;"']{1,4096}/gi, `$1$2${REDACTED}`],
  [/\bBearer\s+[A-Za-z0-9._~+/-]{8,4096}=*/g, `Bearer ${REDACTED}`],
  // JSON Web Tokens
  [/\beyJ[A-Za-z0-9_-]{5,4096}\.[A-Za-z0-9_-]{5,4096}\.[A-Za-z0-9_-]{0,4096}/g, REDACTED],
  // Slack, GitHub, GitLab, npm, OpenAI-style and AWS tokens
  [/\bx(?:ox[abposre]|app)-[A-Za-z0-9-]{10,300}/g, REDACTED],
  [/\b(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255}|glpat-[A-Za-z0-9_-]{20,100}|npm_[A-Za-z0-9]{30,100}|sk-[A-Za-z0-9_-]{20,200})\b/g, REDACTED],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, REDACTED],
  [/\b(aws_secret_access_key|aws_session_token)(\s*[:=]\s*)["']?[A-Za-z0-9/+=]{16,1000}["']?/gi, `$1$2${REDACTED}`],
  // user:password@ in any URL (jdbc:postgresql://user:pw@host, https://u:p@host)
  [/(\b[a-z][a-z0-9+.-]{1,30}:\/\/[^\s:/@'"]{1,256}:)[^\s@/'"]{1,256}(@)/gi, `$1${REDACTED}$2`],
  // key=value and key: value pairs whose key says secret
  [/\b([\w.-]{0,40}(?:password|passwd|pwd|passphrase|secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|auth[_-]?token|access[_-]?token|refresh[_-]?token|session[_-]?token|token))(["']?\s*[:=]\s*["']?)(?!\[REDACTED\])[^\s"',;&)}\]]{1,1024}/gi, `$1$2${REDACTED}`],
  // -p'secret' / --password secret on command lines
  [/(\s--?(?:password|pass)(?:=|\s+))(?!\[REDACTED\])\S{1,256}/gi, `$1${REDACTED}`],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [re, to] of RULES) out = out.replace(re, to);
  return out;
}
