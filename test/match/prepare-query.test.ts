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

describe('prepareQuery: the numbers of dates and times', () => {
  it('knows the numbers that only stamp when a line was logged', () => {
    const q = prepareQuery(['[2025-08-08 03:12:45] production.ERROR: SQLSTATE[HY000] [1040] Too many connections', '10.1.2.3 - - [12/Jun/2025:08:28:10 +0000] "GET / HTTP/1.1" 504 0'].join('\n'));
    expect([...q.clockNumbers].sort()).toEqual(['03', '08', '10', '12', '2025', '28', '45']);
  });

  it('keeps a number that also stands on its own (a status, a port, errno 12)', () => {
    const q = prepareQuery('03:12:45 connect() failed (12: Cannot allocate memory) on port 45');
    expect(q.clockNumbers).toEqual(new Set(['03']));
  });
});
