import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceFor, referenceTops } from '../../src/eval/eval-kb.js';
import { formatMetrics, metrics, type Outcome } from '../../src/eval/evaluate.js';
import type { LabelledQuery } from '../../src/eval/labelled-query.js';
import { createServices, type Services } from '../../src/services.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

const article = (id: string, title: string, body: string) => `---\nid: ${id}\ntitle: "${title}"\n---\n\n## Summary\n\n${body}\n`;

describe('plain FTS5 beside the evaluation', () => {
  let tmp: string;
  let services: Services;
  const queries: LabelledQuery[] = [
    { id: 'q1', kind: 'fragment', text: 'ORA-12514 listener does not know of service', expect: 'oracle-listener' },
    { id: 'q2', kind: 'question', text: 'why is the disk full on the build server', expect: 'docker-disk' },
    { id: 'q3', kind: 'question', text: 'listener refuses the disk', expect: 'docker-disk' },
    { id: 'q4', kind: 'none', text: 'printer toner empty', expect: null },
  ];

  beforeAll(() => {
    tmp = makeTempDir();
    mkdirSync(join(tmp, 'kb'));
    writeFileSync(join(tmp, 'kb', 'a.md'), article('oracle-listener', 'ORA-12514 listener does not know of service', 'The listener does not know of the service name the client asks for.'));
    writeFileSync(join(tmp, 'kb', 'b.md'), article('docker-disk', 'No space left on device on the build server', 'Docker images fill the disk of the build server until builds stop.'));
    services = createServices(':memory:');
    services.index([join(tmp, 'kb')]);
  });
  afterAll(() => {
    services.close();
    removeTempDir(tmp);
  });

  it('ranks each indexed article file as it is, by the id the index gave it', () => {
    const reference = referenceFor(services);
    expect(reference.search('ORA-12514 listener', 1)).toEqual(['oracle-listener']);
    expect(reference.search('build server disk', 2)).toEqual(['docker-disk']);
    expect(reference.search('  ')).toEqual([]);
    const tops = referenceTops(reference, queries);
    reference.close();
    expect(tops.get('q1')).toBe('oracle-listener');
    expect(tops.get('q2')).toBe('docker-disk');
    expect(tops.has('q4')).toBe(false);
  });

  it('puts its top-1 per kind beside ours, over the answerable queries only', () => {
    const outcome = (q: LabelledQuery, ranked: string[]): Outcome => ({ query: q, ranked, answered: ranked[0] ?? null, top: null, confidence: 1 });
    const outcomes = [outcome(queries[0]!, ['oracle-listener']), outcome(queries[1]!, ['docker-disk']), outcome(queries[2]!, ['oracle-listener']), outcome(queries[3]!, [])];
    const tops = new Map([['q1', 'oracle-listener'], ['q2', 'oracle-listener'], ['q3', 'docker-disk'], ['q4', 'docker-disk']]);
    const rows = new Map(metrics(outcomes, tops).map((r) => [r.kind, r]));
    expect(rows.get('question')!.top1).toBe(0.5);
    expect(rows.get('question')!.referenceTop1).toBe(0.5);
    expect(rows.get('fragment')!.referenceTop1).toBe(1);
    expect(rows.get('answerable')!.referenceTop1).toBe(2 / 3);
    expect(formatMetrics([...rows.values()])).toMatch(/plain-FTS5-top-1\n/);
    expect(metrics(outcomes)[0]!.referenceTop1).toBeUndefined();
    expect(formatMetrics(metrics(outcomes))).not.toContain('plain-FTS5');
  });
});
