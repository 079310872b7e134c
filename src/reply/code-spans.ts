/** Marks around the number of a code span taken out of the text: private-use characters no rule matches. */
const OPEN = '\uE000';
const CLOSE = '\uE001';

/**
 * Transforms inline text whose `code spans` must stay as they are: each span is taken out and
 * stands as an opaque mark while `transform` runs over the whole line, so that formatting around
 * a span (`**\`qsh\`**`, `_more in \`/kb show\`_`) is seen whole; then `renderCode` puts each
 * span back.
 */
export function aroundCodeSpans(text: string, transform: (text: string) => string, renderCode: (span: string) => string): string {
  const spans: string[] = [];
  const masked = text.replaceAll(OPEN, '').replaceAll(CLOSE, '').replace(/`[^`\n]+`/g, (span) => `${OPEN}${spans.push(span) - 1}${CLOSE}`);
  return transform(masked).replace(new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g'), (_m, i: string) => renderCode(spans[Number(i)]!));
}
