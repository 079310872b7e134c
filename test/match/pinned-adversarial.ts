/**
 * Runs on a worker thread (test/helpers/worker-call.ts) for pinned-patterns.test.ts: pinned
 * regexes of the backtracking-bomb kind against the inputs that set them off, through the
 * matcher's own compilePatterns, and a whole answer from an index whose article pins one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilePatterns, normalizeForPatterns } from '../../src/match/pinned-patterns.js';
import { createServices } from '../../src/services.js';

export const ADVERSARIAL_PATTERNS = ['/(a+)+$/', '/(a|a)*$/', '/(a|aa)+$/', '/(.*a){12}$/', '/([a-z]+)*[0-9]$/', '/(\\w+\\s?)*$/', '/^(([a-z])+.)+[A-Z]([a-z])+$/', '/(x+x+)+y/i', '/(.*){1000}/s'];

export function adversarialInputs(): string[] {
  return ['a'.repeat(40) + '!', `${'a'.repeat(64 * 1024 - 1)}!`, ' a'.repeat(30_000), `${'x'.repeat(50_000)}z`, `${'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n'.repeat(2000)}`];
}

/** Every adversarial pattern against every adversarial input: how many matched. */
export function runPatterns(): { compiled: number; matched: number; tests: number } {
  const compiled = compilePatterns([{ key: 1, patterns: ADVERSARIAL_PATTERNS }]);
  let matched = 0;
  let tests = 0;
  for (const input of adversarialInputs()) {
    const normalized = normalizeForPatterns(input);
    for (const p of compiled) {
      tests += 1;
      if (p.test(input, normalized)) matched += 1;
    }
  }
  return { compiled: compiled.length, matched, tests };
}

/** The reproduction of issue 18: a KB article pins /(a+)+$/, and a 31-character mention is answered. */
export function answerAgainstBomb(dir: string): { answered: boolean; problem: string | null } {
  const kb = join(dir, 'kb');
  mkdirSync(kb, { recursive: true });
  writeFileSync(join(kb, 'bomb.md'), '---\nid: bomb\ntitle: An article that pins a bad pattern\npatterns: ["/(a+)+$/"]\n---\n## Summary\n\nThe aaaa service fails.\n');
  writeFileSync(join(kb, 'other.md'), '---\nid: other\ntitle: Something else entirely\n---\n## Summary\n\nThe zorble service fails.\n');
  const services = createServices(join(dir, 'kb.sqlite'));
  try {
    services.index([kb]);
    const answer = services.answer(`${'a'.repeat(30)}!`);
    return { answered: true, problem: answer.problem };
  } finally {
    services.close();
  }
}
