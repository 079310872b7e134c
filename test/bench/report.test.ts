import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTables } from '../../bench/report.js';
import type { Results, SizeResult } from '../../bench/results.js';
import { storageReadBytes } from '../../bench/storage-reads.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** The sizes of the committed results, as a run leaves them. */
const committed = (): SizeResult[] => Object.values((JSON.parse(readFileSync(join(ROOT, 'bench', 'results.json'), 'utf8')) as Results).sizes);

describe('bench report', () => {
  it('says how much each engine read from storage while its queries were timed, when that was measured', () => {
    const sizes = committed().map((s) => structuredClone(s));
    for (const s of sizes) {
      for (const k of Object.values(s.queries)) {
        delete k.storageReadMiB;
        delete k.oursAlone;
      }
    }
    expect(renderTables(sizes)).not.toContain('Read from storage');
    sizes[0]!.queries.fragment.storageReadMiB = { ours: 4.94, reference: 12.5 };
    const out = renderTables(sizes);
    expect(out).toContain('Read from storage');
    expect(out).toMatch(new RegExp(`${sizes[0]!.articles}\\s+trace -, trace200 -, fragment 4\\.9 / 12\\.5, question -`));
    // What kb-assistant read when timed alone comes third.
    sizes[0]!.queries.fragment.oursAlone = { p50: 1, p95: 2, p99: 3, queries: 100, storageReadMiB: 0.25 };
    expect(renderTables(sizes)).toMatch(new RegExp(`${sizes[0]!.articles}\\s+trace -, trace200 -, fragment 4\\.9 / 12\\.5 / 0\\.3, question -`));
  });

  it('shows kb-assistant timed alone, when that was measured', () => {
    const sizes = committed().map((s) => structuredClone(s));
    for (const s of sizes) for (const k of Object.values(s.queries)) delete k.oursAlone;
    expect(renderTables(sizes)).not.toContain('kb-assistant alone: other queries');
    for (const k of Object.values(sizes[0]!.queries)) k.oursAlone = { p50: 1.234, p95: 2, p99: 9.876, queries: 100 };
    const out = renderTables(sizes);
    expect(out).toMatch(new RegExp(`${sizes[0]!.articles}\\s+trace 1\\.23 / 2\\.00 / 9\\.88, trace200 1\\.23`));
    expect(out).toContain('(100 queries per kind)');
  });

  it('reads the bytes this process had read from storage where Linux keeps them', () => {
    const bytes = storageReadBytes();
    if (process.platform === 'linux') expect(bytes).toBeGreaterThanOrEqual(0);
    else expect(bytes).toBeNull();
  });
});
