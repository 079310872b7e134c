import fc from 'fast-check';
import { prepareQuery } from '../src/match/prepare-query.js';
import { redactSecrets } from '../src/redact/redact-secrets.js';
import { splitEvents } from '../src/scan/split-events.js';
import type { Services } from '../src/services.js';
import { extractSignals, splitLines } from '../src/signals/extract-signals.js';
import { maskText } from '../src/signals/mask.js';
import { analyzeTerms } from '../src/signals/terms.js';
import { looksLikeErrorPaste, looksLikeFollowUp } from '../src/slack/detect-error.js';
import { slackTextToPlain } from '../src/slack/slack-text.js';

/**
 * Inputs that make backtracking regexes explode, and random ones nobody thought of: the hostile
 * input test checks that every analyzer survives them, `npm run bench:hostile` times them.
 */

export type Fn = (text: string) => unknown;

/** Every analyzer pasted text goes through. */
export const ANALYZERS: Record<string, Fn> = {
  extractSignals: (t) => extractSignals(t),
  splitLines: (t) => splitLines(t),
  maskText: (t) => maskText(t),
  analyzeTerms: (t) => analyzeTerms(t),
  redactSecrets: (t) => redactSecrets(t),
  looksLikeErrorPaste: (t) => looksLikeErrorPaste(t),
  looksLikeFollowUp: (t) => looksLikeFollowUp(t),
  slackTextToPlain: (t) => slackTextToPlain(t),
  prepareQuery: (t) => prepareQuery(t),
  splitEvents: (t) => splitEvents(t),
};

/** The whole answer and a whole-log scan, on an indexed KB. */
export function matchingOf(services: Services): Record<string, Fn> {
  return { answer: (t) => services.answer(t), scan: (t) => services.scan(t) };
}

/** The sizes the bounds are stated for: a Slack message, and a file. */
export const SLACK_MESSAGE = 40_000;
export const FILE = 2 * 1024 * 1024;

/** `s` repeated to exactly `n` characters. */
export const fill = (s: string, n: number) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
/** `s` repeated, then `end`, exactly `n` characters in all. */
export const ending = (s: string, end: string, n: number) => fill(s, n - end.length) + end;

/** The shapes that make a backtracking regex explode, each `n` characters long. */
export function pathological(n: number): Record<string, string> {
  const half = Math.floor(n / 2);
  return {
    'one character': fill('a', n),
    'a.a.a.a': fill('a.', n),
    'a.a.a lines': fill(`${'a.'.repeat(40)}\n`, n),
    'a.a.a ending in an exception': ending('a.', 'FooException', n),
    'a.a.a in a call': ending('a.', '(0x1)', n),
    'spaces': fill(' ', n),
    'space a': fill(' a', n),
    'nested parentheses': '('.repeat(half) + ')'.repeat(half),
    'nested brackets': '['.repeat(half) + ']'.repeat(half),
    'nested braces': '{'.repeat(half) + '}'.repeat(half),
    'open angle brackets': fill('<', n),
    'ten thousand bare at lines': fill('at \n', n),
    'stack frames': fill('\tat com.example.Foo.bar(Foo.java:12)\n', n),
    'a flattened trace': fill(' at com.example.Foo.bar(Foo.java:12)', n),
    'at with dots and no call': fill('at a.a.a.a.a.a.a.a.a.a.a.a ', n),
    'unclosed node frame': `at ${ending('a', ' (', n - 3)}`,
    'unclosed dotnet frame': `at ${ending('a.', '(', n - 3)}`,
    'digits': fill('1 ', n),
    'email-like': `${fill('a.', half)}@${fill('a.', half - 1)}`,
    'at signs': fill('a@', n),
    'url user colons': `jdbc:x://${fill('a:', n - 9)}`,
    'many schemes': fill('http://', n),
    'password pairs': fill('password=', n),
    'authorization headers': fill('Authorization: ', n),
    'key blocks without end': fill('-----BEGIN PRIVATE KEY-----\n', n),
    'jwt-like': fill('eyJaaaaa.', n),
    'quoted digits': fill('"1', n),
    'caused by': fill(' Caused by: ', n),
    'error levels': fill('ERROR ', n),
    'error then brackets': `ERROR ${fill('[a] ', n - 6)}`,
    'exception words': fill('aException ', n),
    'http words': fill('status 404 ', n),
    'unclosed slack links': fill('<http://a|', n),
    'unclosed mentions': fill('<@U1|', n),
    'slack escapes': fill('&lt;', n),
    'go frame path': ending('a/', '.f(0x1)', n),
    'python frame': `File "${fill('a', n - 6)}`,
    'control characters': fill('\u0001\u0002a', n),
    'astral symbols': fill('😀𝔘', n),
  };
}

/** Repeats one random pattern of tricky fragments to `n` characters: shapes nobody thought of. */
export const soup = (n: number) =>
  fc
    .array(
      fc.constantFrom('a', 'A', '.', ' ', '\n', '\t', 'at ', '(', ')', '[', ']', '{', '}', '<', '>', '|', ':', '/', '@', '"', "'", '=', '-', '_', '$', '0', '9',
        'Exception', 'Error', 'ERROR ', 'Caused by: ', 'http://', 'password=', 'Bearer ', 'eyJ', 'xoxb-', '-----BEGIN PRIVATE KEY-----', '&lt;', '<@U1', 'File "', '\u0000', 'é'),
      { minLength: 1, maxLength: 40 },
    )
    .map((parts) => fill(parts.join(''), n));

