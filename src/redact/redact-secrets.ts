/**
 * Removes credentials from pasted text before anything is stored or logged. People paste
 * whatever is on screen: JDBC URLs with passwords, Authorization headers, tokens, keys.
 * Each rule keeps the shape ("password=[REDACTED]") so a stored query still reads right.
 *
 * Every rule runs in time linear in the text, whatever its shape (a 2 MB run of `a.a.a.`,
 * thousands of `-----BEGIN` lines): patterns are anchored on a literal, their repetitions are
 * bounded, and a key token is read atomically (`(?=(...))\1`, JavaScript's atomic group), so
 * no pattern can retry a long token from every position inside it.
 */
export const REDACTED = '[REDACTED]';

/**
 * Key names whose value is a secret: `password=`, `"api_key": "…"`, `X-Auth-Token:`, `PGPASSWORD=`,
 * `DB_PASS=`, `pass:`. Checked as a lookbehind right after the key token, so a pair that is not
 * secret (`failed:`) never consumes the text of the one after it (`failed: password=…`). `pass`
 * and `pw` count only as a whole word or after a separator (`DB_PASS`, not `bypass`).
 */
const SECRET_KEY_END =
  '(?<=password|passwd|pwd|passphrase|(?<![a-z])pass|(?<![a-z])pw|secret|secret[_-]?key|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|auth[_-]?token|access[_-]?token|refresh[_-]?token|session[_-]?token|token)';

/**
 * A value that stands for a secret without being one (`***`, `${DB_PASSWORD}`, `$REGISTRY_TOKEN`,
 * `<password>`, `{{ vault_pw }}`, `%PW%`): a KB article's instructions keep it.
 */
const PLACEHOLDER = /^(?:\*{3,}|\$\{[A-Za-z_][A-Za-z0-9_]{0,100}\}|\$[A-Z_][A-Z0-9_]{0,100}|<[^<>]{1,100}>|&lt;[^&]{1,100}&gt;|\{\{[^{}]{1,100}\}\}|%[A-Za-z_][A-Za-z0-9_]{0,100}%)$/;

/** A 40-character AWS secret access key on its own: base64 letters with upper and lower case and a digit. */
const AWS_SECRET_SHAPE = /(?=[^]*[A-Z])(?=[^]*[a-z])(?=[^]*[0-9])/;

type Replacement = string | ((whole: string, ...groups: string[]) => string);

const RULES: Array<[RegExp, Replacement]> = [
  // Authorization / Proxy-Authorization headers, also as JSON keys: scheme and credentials
  // (without a scheme, a short plain word is prose: "may require authorization: server message")
  [
    /\b((?:Proxy-)?Authorization)(["']?[ \t]{0,20}[:=][ \t]{0,20}["']?)((?:Basic|Bearer|Digest|Negotiate|NTLM|token|Token|JWT|AWS4-HMAC-SHA256)[ \t]{1,20})?(?!\[REDACTED\])([^\s,;"']{1,4096})/gi,
    (whole, name = '', sep = '', scheme = '', value = '') => (!scheme && /^[A-Za-z]{1,19}$/.test(value)) || PLACEHOLDER.test(value) ? whole : `${name}${sep}${REDACTED}`,
  ],
  // Cookie headers carry session ids: the whole value
  [/\b((?:Set-)?Cookie)([ \t]{0,20}:[ \t]{0,20})[^\r\n]{1,8192}/gi, `$1$2${REDACTED}`],
  [/\bBearer\s{1,20}(?!\[REDACTED\])[A-Za-z0-9._~+/-]{8,4096}=*/g, `Bearer ${REDACTED}`],
  // JSON Web Tokens
  [/\beyJ[A-Za-z0-9_-]{5,4096}\.[A-Za-z0-9_-]{5,4096}\.[A-Za-z0-9_-]{0,4096}/g, REDACTED],
  // Slack tokens (xoxb-, xoxp-, xoxe.xoxp-, xapp-, any xox?-) and incoming-webhook URLs
  [/\bx(?:ox[a-z]|app)-[A-Za-z0-9-]{10,300}/g, REDACTED],
  [/\b(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_/-]{1,300}/g, `$1${REDACTED}`],
  // GitHub, GitLab, npm, OpenAI-style, Google API, Stripe secret and restricted keys, Stripe webhook secrets
  [/\b(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255}|glpat-[A-Za-z0-9_-]{20,100}|npm_[A-Za-z0-9]{30,100}|sk-[A-Za-z0-9_-]{20,200})\b/g, REDACTED],
  [/\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, REDACTED],
  [/\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,247}\b|\bwhsec_[0-9A-Za-z]{16,247}\b/g, REDACTED],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, REDACTED],
  [/\b(aws_secret_access_key|aws_session_token)([ \t]{0,20}[:=][ \t]{0,20})["']?[A-Za-z0-9/+=]{16,1000}["']?/gi, `$1$2${REDACTED}`],
  // A bare AWS secret access key: exactly 40 base64 characters, mixed case and digits (a git SHA is lower-case hex)
  [/(?<![A-Za-z0-9/+=])(?=([A-Za-z0-9/+]{40}))\1(?![A-Za-z0-9/+=])/g, (whole) => (AWS_SECRET_SHAPE.test(whole) ? REDACTED : whole)],
  // user:password@ in any URL (jdbc:postgresql://user:pw@host, redis://:pw@host, a password with @ or / in it);
  // not a port and path (https://host:8443/users/bob@example.com)
  [/(\b[a-z][a-z0-9+.-]{1,30}:\/\/[^\s:/@'"<>]{0,256}:)(?!\[REDACTED\])(?!\d{1,5}(?:\/|$))([^\s/'"<>]{1,256}|[^\s@'"<>]{1,256})(@)/gi, keepPlaceholder],
  // Oracle thin JDBC: jdbc:oracle:thin:scott/tiger@host:1521/svc
  [/(\bjdbc:oracle:[a-z]{1,10}:[^\s/@:'"]{1,128}\/)(?!\[REDACTED\])[^\s@'"]{1,256}(@)/gi, `$1${REDACTED}$2`],
  // <password>x</password> in XML, also as mrkdwn escapes it (&lt;password&gt;)
  [
    new RegExp(`(<|&lt;)(?=([\\w.:-]{1,80}))\\2${SECRET_KEY_END}(>|&gt;)(?!\\[REDACTED\\])((?:[^<&\\r\\n]|&(?!lt;)){1,1024})(<|&lt;)/`, 'gi'),
    (whole, open = '', tag = '', close = '', value = '', next = '') => (PLACEHOLDER.test(value.trim()) ? whole : `${open}${tag}${close}${REDACTED}${next}/`),
  ],
  // key=value, key: value, key => value pairs whose key says secret; a quoted value is redacted whole
  [
    new RegExp(`(?<![\\w.-])(?=([\\w.-]{1,80}))\\1${SECRET_KEY_END}(["']?[ \\t]{0,20}(?::=|=>|->|[:=])[ \\t]{0,20})("[^"\\r\\n]{0,1024}"?|'[^'\\r\\n]{0,1024}'?|<[^<>\\r\\n]{1,100}>|\\$\\{[^{}\\s]{1,100}\\}|\\{\\{[^{}\\r\\n]{1,100}\\}\\}|(?!\\[REDACTED\\])[^\\s"',;&)}\\]]{1,1024})`, 'gi'),
    (whole, key = '', sep = '', value = '') => {
      if (value.startsWith(REDACTED) || value === '""' || value === "''") return whole;
      const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
      const inner = quote ? value.slice(1, value.length > 1 && value.endsWith(quote) ? -1 : undefined) : value;
      if (PLACEHOLDER.test(inner) || inner.startsWith(REDACTED)) return whole;
      return `${key}${sep}${quote}${REDACTED}${quote && value.length > 1 && value.endsWith(quote) ? quote : ''}`;
    },
  ],
  // -p'secret' / --password secret on command lines
  [/(\s--?(?:password|pass)(?:=|[ \t]{1,20}))(?!\[REDACTED\])\S{1,256}/gi, `$1${REDACTED}`],
  // mysql -pSecret (no space: with one, -p asks for it), sshpass -p secret, curl -u user:secret
  [/(\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlshow|mariadb|mariadb-dump)\b[^\n]{0,300}?[ \t]-p)(?!\[REDACTED\])([^\s-][^\s]{0,255})/g, `$1${REDACTED}`],
  [/(\bsshpass[ \t]{1,20}-p[ \t]{0,20})(?!\[REDACTED\])(\S{1,256})/g, `$1${REDACTED}`],
  [/(\bcurl\b[^\n]{0,1000}?[ \t](?:-u|--user)(?:=|[ \t]{0,20})["']?[^\s:"']{0,256}:)(?!\[REDACTED\])([^\s"']{1,256})()/g, keepPlaceholder],
];

/** For rules of the shape (before)(secret)(after): the secret redacted, unless it is a placeholder. */
function keepPlaceholder(whole: string, before = '', secret = '', after = ''): string {
  return PLACEHOLDER.test(secret) ? whole : `${before}${REDACTED}${after}`;
}

export function redactSecrets(text: string): string {
  let out = redactPrivateKeys(text);
  for (const [re, to] of RULES) out = typeof to === 'string' ? out.replace(re, to) : out.replace(re, to);
  return out;
}

const KEY_BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const KEY_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const KEY_MARKER = `-----BEGIN PRIVATE KEY-----${REDACTED}-----END PRIVATE KEY-----`;

/**
 * PEM private keys, whole block. Found with one forward scan: each BEGIN pairs with the next
 * END; a block cut off before its END (a partial paste) loses every line that looks like key
 * material (base64, `Proc-Type:`/`DEK-Info:` headers) after the BEGIN.
 */
function redactPrivateKeys(text: string): string {
  if (!text.includes('PRIVATE KEY')) return text;
  let out = '';
  let from = 0;
  let endSearchFailed = false;
  KEY_BEGIN.lastIndex = 0;
  for (let m = KEY_BEGIN.exec(text); m; m = KEY_BEGIN.exec(text)) {
    out += text.slice(from, m.index);
    let stop = -1;
    if (!endSearchFailed) {
      KEY_END.lastIndex = m.index + m[0].length;
      const end = KEY_END.exec(text);
      if (end) stop = end.index + end[0].length;
      // No END after this BEGIN means none after any later BEGIN: do not search again.
      else endSearchFailed = true;
    }
    if (stop < 0) stop = endOfKeyMaterial(text, m.index + m[0].length);
    out += KEY_MARKER;
    from = stop;
    KEY_BEGIN.lastIndex = stop;
  }
  return out + text.slice(from);
}

const KEY_LINE = /^(?:[A-Za-z0-9+/=]{1,200}|(?:Proc-Type|DEK-Info|Comment):[^\r\n]{0,300}|)$/;

function endOfKeyMaterial(text: string, start: number): number {
  let pos = start;
  // The rest of the BEGIN line, then whole lines while they look like key material.
  for (;;) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(pos, lineEnd).trim();
    if (pos !== start && !KEY_LINE.test(line)) return pos;
    if (pos === start && line && !/^[A-Za-z0-9+/=\s]{1,20000}$/.test(line)) return pos;
    if (nl < 0) return text.length;
    pos = nl + 1;
  }
}
