import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statInBackground } from '../../src/kb/background-stat.js';
import { makeTempDir, removeTempDir } from '../helpers/temp-dir.js';

let tmp: string;
let paths: string[];

beforeAll(() => {
  tmp = makeTempDir('kb-stat-');
  paths = Array.from({ length: 400 }, (_, i) => join(tmp, `a${i}.md`));
  paths.forEach((p, i) => writeFileSync(p, 'x'.repeat(i)));
  mkdirSync(join(tmp, 'folder.md'));
  // Gone, and a folder: neither is a file to index.
  paths.push(join(tmp, 'missing.md'), join(tmp, 'folder.md'), join(tmp, 'a1.md', 'under-a-file.md'));
});

afterAll(() => removeTempDir(tmp));

const expected = (path: string) => {
  try {
    const st = statSync(path);
    return st.isFile() ? { size: st.size, mtimeMs: st.mtimeMs } : null;
  } catch {
    return null; // gone (ENOENT), or under a file (ENOTDIR)
  }
};

describe('statInBackground', () => {
  it.each([
    ['on this thread', 10_000],
    ['on a worker thread', 0],
  ])('gives what statSync gives, %s, whatever order the files are asked for in', (_where, minFiles) => {
    const stats = statInBackground(paths, minFiles);
    try {
      // Backwards: the last files are claimed here before the worker reaches them, the first ones by the worker.
      const got = paths.map((_, i) => paths.length - 1 - i).map((i) => ({ i, stat: stats.get(i) }));
      for (const { i, stat } of got) expect(stat, paths[i]).toEqual(expected(paths[i]!));
      expect(got.filter((g) => g.stat === null)).toHaveLength(3);
    } finally {
      stats.close();
    }
  });

  it('gives the same answer when asked twice, after the worker is stopped', () => {
    const stats = statInBackground(paths, 0);
    const first = paths.map((_, i) => stats.get(i));
    stats.close();
    expect(paths.map((_, i) => stats.get(i))).toEqual(first);
  });
});
