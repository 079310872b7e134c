import { describe, expect, it } from 'vitest';
import { prepareQuery } from '../../src/match/prepare-query.js';

describe('prepareQuery: numbers on the lines that say what went wrong', () => {
  it('keeps the numbers of error and trace lines, not those of the other lines', () => {
    const q = prepareQuery(
      [
        '2024-05-01 10:00:01,123 INFO [worker] Index queue flushed, 1046 items processed in 381 ms',
        '2024-05-01 10:00:02,456 INFO [worker] Accepted connection from edge-2.example.net:6123',
        '2024-05-01 10:00:03,789 ERROR [http] Upstream returned 503 on port 8443',
        '\tat com.example.Client.call(Client.java:1275)',
      ].join('\n'),
    );
    expect(q.tellingNumbers).toEqual(new Set(['503', '8443', '1275']));
  });

  it('counts every number when no line tells (a question, a fragment)', () => {
    expect(prepareQuery('why does the proxy answer 502 after 120 seconds').tellingNumbers).toBeNull();
  });
});
