import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYZERS, FILE, type Fn, matchingOf, pathological, SLACK_MESSAGE, soup } from '../../bench/hostile-shapes.js';
import { createServices, type Services } from '../../src/services.js';
import { extractSignals } from '../../src/signals/extract-signals.js';
import { analyzeTerms } from '../../src/signals/terms.js';
import { KB_DIR, makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

/**
 * Signal extraction and matching never throw and return well-formed results on any input:
 * arbitrary strings, Slack-sized messages (40,000 characters) and 2 MB files, including the
 * shapes that make backtracking regexes explode. How long they take on those shapes is measured
 * by `npm run bench:hostile`, not here: a busy machine must not turn the suite red.
 */
const SEED = 20240607;

let tmp: string;
let services: Services;
let matching: Record<string, Fn>;

beforeAll(() => {
  tmp = makeTempDir('kb-hostile-');
  services = createServices(join(tmp, 'kb.sqlite'));
  services.index([KB_DIR]);
  matching = matchingOf(services);
});

afterAll(() => {
  services.close();
  removeTempDir(tmp);
});

const analyzers = ANALYZERS;

describe('signal extraction and matching on hostile input', () => {
  it('never throw on arbitrary strings, in any alphabet', () => {
    const all = { ...analyzers, ...matching };
    for (const unit of ['grapheme', 'binary', 'binary-ascii'] as const) {
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 3000 }), (text) => {
          for (const fn of Object.values(all)) fn(text);
        }),
        { numRuns: 60, seed: SEED },
      );
    }
  });

  it('return well-formed results on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        for (const s of extractSignals(text)) expect(typeof s.key).toBe('string');
        expect(analyzeTerms(text).every((t) => t.length > 0)).toBe(true);
        const answer = services.answer(text);
        expect(answer.matches.length).toBeLessThanOrEqual(5);
        for (const m of answer.matches) expect(m.confidence).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 80, seed: SEED },
    );
  });

  it('analyze, answer and scan every pathological 40,000-character message', () => {
    for (const text of Object.values(pathological(SLACK_MESSAGE))) {
      expect(text.length).toBe(SLACK_MESSAGE);
      for (const fn of Object.values(analyzers)) fn(text);
      for (const fn of Object.values(matching)) fn(text);
    }
  });

  it('analyze and answer random repeated patterns of tricky fragments (40,000 characters)', () => {
    fc.assert(
      fc.property(soup(SLACK_MESSAGE), (text) => {
        for (const fn of Object.values(analyzers)) fn(text);
        expect(services.answer(text).matches.length).toBeLessThanOrEqual(5);
      }),
      { numRuns: 25, seed: SEED },
    );
  });

  it('analyze, answer and scan pathological 2 MB files', () => {
    const shapes = pathological(FILE);
    const chosen = ['a.a.a.a', 'a.a.a lines', 'a.a.a ending in an exception', 'ten thousand bare at lines', 'at with dots and no call', 'email-like',
      'key blocks without end', 'unclosed slack links', 'unclosed dotnet frame', 'caused by', 'error then brackets', 'space a'];
    for (const shape of chosen) for (const fn of Object.values({ ...analyzers, ...matching })) fn(shapes[shape]!);
  }, 120_000);

  it('scans a 2 MB log of ten thousand distinct errors and stack frames', () => {
    const lines: string[] = [];
    for (let i = 0, size = 0; size < FILE; i += 1) {
      lines.push(`2024-05-0${i % 9 + 1} 10:11:12,${i % 1000} ERROR [pool-${i}] com.acme.svc${i % 50}.Worker${i % 7} - request ${i} failed: widget${i % 300} gizmo${i % 211} refused`);
      lines.push(`\tat com.acme.svc${i % 50}.Worker${i % 7}.run(Worker.java:${i % 90})`);
      size += lines[lines.length - 1]!.length + lines[lines.length - 2]!.length + 2;
    }
    const report = services.scan(lines.join('\n').slice(0, FILE));
    expect(report.problemEvents).toBeGreaterThan(1000);
  }, 60_000);

  it('scans 100 KB of "ERROR a.a.a…" lines', () => {
    const line = `ERROR ${'a.'.repeat(1997)}\n`;
    const report = services.scan(line.repeat(Math.ceil((100 * 1024) / line.length)));
    expect(report.problemEvents).toBeGreaterThan(0);
  });
});
