import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFrontMatter } from '../../src/kb/front-matter.js';
import { KB_DIR } from '../helpers/temp-dir.js';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? markdownFiles(p) : p.endsWith('.md') ? [p] : [];
  });
}

/** What a YAML parser makes of a block, as front matter fields (strings and lists of strings). */
function yamlFields(block: string): Record<string, string | string[]> {
  const data = (parse(block) ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(data)
      .filter(([, v]) => v !== null && (typeof v !== 'object' || Array.isArray(v)))
      .map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.map(String) : String(v)]),
  );
}

describe('readFrontMatter', () => {
  it('reads plain key: value front matter exactly as a YAML parser does (bundled KB)', () => {
    for (const file of markdownFiles(KB_DIR)) {
      const source = readFileSync(file, 'utf8');
      const block = /^---\n([\s\S]*?)\n---/.exec(source)?.[1];
      if (block === undefined) continue;
      expect(readFrontMatter(source), file).toEqual({ fields: yamlFields(block), content: expect.any(String), warnings: [] });
    }
  });

  it.each([
    ['simply quoted values', 'title: "KlothmuthCoordinator cannot resolve: no node"\nproduct: \'Kubernetes\'\ntags: [k8s, trust-store]\npatterns:\n  - "Expecting claim qsh"'],
    ['quoted values with escapes', 'title: "Proxy: 502 \\"Bad Gateway\\""\ntags: [\'a\', "b"]'],
    ['block lists', 'title: T\ntags:\n  - jira\n  - lucene\npatterns:\n  - "Expecting claim \'qsh\'"'],
    ['numbers and booleans', 'title: 404\ndraft: true\nversion: 7.13'],
    ['comments', '# a comment\ntitle: T # trailing\n'],
  ])('reads %s as the YAML parser does', (_name, block) => {
    expect(readFrontMatter(`---\n${block}\n---\nbody`).fields).toEqual(yamlFields(block));
  });
});
