import { describe, expect, it } from 'vitest';
import { mrkdwnToHtml } from '../../src/playground/render-block-kit-html.js';
import { markdownToMrkdwn } from '../../src/reply/mrkdwn.js';

describe('formatting around inline code', () => {
  it('turns Markdown bold around a code span into Slack bold, leaving the code as it is', () => {
    expect(markdownToMrkdwn('The key evidence is for the claim **`qsh`**.')).toBe('The key evidence is for the claim *`qsh`*.');
    expect(markdownToMrkdwn('Run `a <b> & c` then **restart**')).toBe('Run `a &lt;b&gt; &amp; c` then *restart*');
    // A list marker is only one at the start of the line, not after a code span.
    expect(markdownToMrkdwn('use `x` - then y')).toBe('use `x` - then y');
  });

  it('shows bold and italics that wrap a code span in the playground, as Slack does', () => {
    expect(mrkdwnToHtml('the claim *`qsh`*.')).toBe('the claim <b><code>qsh</code></b>.');
    expect(mrkdwnToHtml('_… more in `/kb show x`_')).toBe('<i>… more in <code>/kb show x</code></i>');
    expect(mrkdwnToHtml('`*not bold*` and `a<b`')).toBe('<code>*not bold*</code> and <code>a&lt;b</code>');
  });
});
