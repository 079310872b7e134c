import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateKb } from '../../src/eval/eval-kb.js';
import { type KindMetrics, metrics } from '../../src/eval/evaluate.js';
import { createServices, type Services } from '../../src/services.js';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Floors on the matcher's quality over the labelled queries (`npm run eval` prints the same
 * figures). The targets: top-1 ≥ 0.90 on logs, traces and fragments, ≥ 0.75 on questions
 * and paraphrases, MRR@5 ≥ 0.90, ≤ 0.05 of answerable queries abstained, ≥ 0.85 of unanswerable
 * ones abstained. The last one is not reached yet (0.72 measured): its floor guards what we have.
 */
describe('matching quality on the labelled queries', () => {
  let services: Services;
  let tuned: Map<string, KindMetrics>;
  let holdout: Map<string, KindMetrics>;

  beforeAll(() => {
    services = createServices(':memory:');
    services.index([join(ROOT, 'kb')]);
    const byKind = (rows: KindMetrics[]) => new Map(rows.map((r) => [r.kind, r]));
    tuned = byKind(metrics(evaluateKb(services, join(ROOT, 'test', 'eval', 'queries'))));
    holdout = byKind(metrics(evaluateKb(services, join(ROOT, 'test', 'eval', 'holdout'))));
  });
  afterAll(() => services.close());

  it('has enough labelled queries of each kind', () => {
    expect(tuned.get('answerable')!.n).toBeGreaterThanOrEqual(200);
    expect(tuned.get('none')!.n).toBeGreaterThanOrEqual(40);
    expect(holdout.get('answerable')!.n).toBeGreaterThanOrEqual(100);
  });

  it('ranks the right article first for pasted logs, traces and error fragments', () => {
    expect(tuned.get('logs+fragments')!.top1).toBeGreaterThanOrEqual(0.9);
    expect(holdout.get('logs+fragments')!.top1).toBeGreaterThanOrEqual(0.9);
  });

  it('ranks the right article first for questions and paraphrases', () => {
    expect(tuned.get('questions+paraphrases')!.top1).toBeGreaterThanOrEqual(0.75);
    expect(holdout.get('questions+paraphrases')!.top1).toBeGreaterThanOrEqual(0.75);
  });

  it('has the right article in the first five', () => {
    expect(tuned.get('answerable')!.mrr5).toBeGreaterThanOrEqual(0.9);
    expect(holdout.get('answerable')!.mrr5).toBeGreaterThanOrEqual(0.9);
  });

  it('rarely abstains on answerable queries', () => {
    expect(tuned.get('answerable')!.wronglyAbstained).toBeLessThanOrEqual(0.05);
    expect(holdout.get('answerable')!.wronglyAbstained).toBeLessThanOrEqual(0.05);
  });

  it('abstains on most queries the KB does not answer', () => {
    expect(tuned.get('none')!.rightlyAbstained).toBeGreaterThanOrEqual(0.86);
    expect(holdout.get('none')!.rightlyAbstained).toBeGreaterThanOrEqual(0.76);
  });
});
