import { describe, expect, it } from 'vitest';
import { formatReport, runLoad } from './load.js';

/**
 * A short version of `npm run load`: 200 signed events in 5 s (a faster rate than the full run's
 * 2,000 in 60 s), with 429s from the Web API, Slack retries and message twins mixed in.
 */
describe('load', () => {
  it('acknowledges every event within 3 s and answers each exactly once', async () => {
    const report = await runLoad({ events: 200, durationMs: 5000, rateLimitEvery: 40, duplicateEvery: 10, drainMs: 30_000 });
    console.log(formatReport(report).join('\n'));
    expect(report.failures).toEqual({});
    expect(report.acked).toBe(report.requests);
    expect(report.ackedWithinBound).toBe(report.requests);
    expect(report.requests).toBe(200 + 2 * 20);
    expect(report.rateLimited).toBe(5);
    expect({ once: report.eventsAnsweredOnce, unanswered: report.eventsUnanswered, twice: report.eventsAnsweredTwice }).toEqual({ once: 200, unanswered: 0, twice: 0 });
    expect(report.errors).toEqual([]);
  }, 60_000);
});
