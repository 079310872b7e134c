import { describe, expect, it } from 'vitest';
import { renderHelpBlocks, renderStatsBlocks, slackDate } from '../../src/reply/render-blocks.js';
import { mrkdwnToHtml } from '../../src/playground/render-block-kit-html.js';

const sectionText = (m: { blocks: unknown[] }) => JSON.stringify(m.blocks);

describe('/kb help and /kb stats', () => {
  it('lists every /kb subcommand, /kb reindex included', () => {
    const text = sectionText(renderHelpBlocks());
    for (const sub of ['/kb show', '/kb stats', '/kb auto on|off', '/kb reindex']) expect(text).toContain(sub);
  });

  it('shows the last index time as a Slack date token, with a readable fallback', () => {
    const stats = renderStatsBlocks({ articles: 60, queries: 3, answered: 2, feedback: 0, helpfulRate: null, lastIndexedAt: '2026-12-08T02:57:13.512Z' });
    expect(sectionText(stats)).toContain('<!date^1796698633^{date_short_pretty} at {time}|2026-12-08 02:57 UTC>');
    expect(sectionText(stats)).not.toContain('02:57:13.512Z');
  });

  it('keeps text that is not a time as it is, and the playground shows the fallback', () => {
    expect(slackDate('yesterday')).toBe('yesterday');
    expect(mrkdwnToHtml(slackDate('2026-12-08T02:57:13Z'))).toContain('<time>2026-12-08 02:57 UTC</time>');
  });
});
