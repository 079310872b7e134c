import { existsSync, statSync } from 'node:fs';
import { evaluateOnKb, type KbEvalResult } from '../../eval/run-kb-eval.js';
import { readEvalQueries, readTwins } from '../../eval/read-queries.js';
import { isAnswerable, type KindScore } from '../../eval/score-answers.js';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../main.js';

/**
 * `kb eval --kb DIR --queries FILE.jsonl [--twins FILE] [--json] [--misses]`: how the bot does on
 * a team's own KB and questions, beside plain FTS5, before they trust it. Nothing is written
 * outside a temporary folder.
 */
export function runEval(ctx: CliContext): number {
  if (!ctx.queries) throw new CliError('kb eval needs --queries FILE.jsonl: one {"id", "kind", "text", "expect"} object a line (expect: the answering article id, or null)');
  for (const dir of ctx.kb) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`no KB folder at ${dir}; pass --kb DIR with your articles`);
  }
  let result: KbEvalResult;
  try {
    const queries = readEvalQueries(ctx.queries);
    const twins = ctx.twins ? readTwins(ctx.twins) : new Map<string, string>();
    result = evaluateOnKb(ctx.kb, queries, twins);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`cannot read ${(err as NodeJS.ErrnoException).path ?? 'a file'}; check the path`);
    if (err instanceof Error && /^.+:\d+ |must be a JSON|is not JSON/.test(err.message)) throw new CliError(err.message);
    throw err;
  }
  if (ctx.json) {
    const { ours, fts5, ...rest } = result;
    const out = { ...rest, ours: ours.kinds, fts5: fts5.kinds, ...(ctx.misses ? { misses: ours.misses } : {}) };
    ctx.stdout.write(`${JSON.stringify(out)}\n`);
  } else ctx.stdout.write(`${formatEval(result, ctx.misses)}\n`);
  return result.indexed === 0 ? 1 : 0;
}

export function formatEval(r: KbEvalResult, misses: boolean): string {
  const lines = [
    `indexed ${r.indexed} of ${r.files} files into a temporary index; ${r.queries} queries, ${r.ms.p50} ms median, ${r.ms.max} ms slowest`,
    ...r.failed.map((f) => `  failed (not indexed): ${f.path}: ${f.reason}`),
    ...r.warnings.map((w) => `  warning (indexed): ${w.path}: ${w.reason}`),
    '',
    `${'kind'.padEnd(14)} ${'n'.padStart(4)}  ${'answered right'.padStart(14)}  ${'MRR@5'.padStart(6)}  ${'wrongly abstained'.padStart(17)}  ${'rightly abstained'.padStart(17)}   plain FTS5: right  MRR@5`,
  ];
  const kinds = Object.keys(r.ours.kinds).sort((a, b) => order(a) - order(b));
  for (const kind of kinds) lines.push(row(kind, r.ours.kinds[kind]!, r.fts5.kinds[kind]));
  if (misses && r.ours.misses.length) {
    lines.push('', 'misses (ours):');
    for (const m of r.ours.misses) {
      lines.push(`  ${m.id} [${m.kind}] expected ${m.expect ?? 'no answer'}, got ${m.got ?? 'no answer'}${m.expect ? `; the expected article ${m.rank ? `ranked ${m.rank}` : 'not in the first matches'}` : ''}`);
    }
  }
  return lines.join('\n');
}

function row(kind: string, ours: KindScore, fts: KindScore | undefined): string {
  const head = `${kind.padEnd(14)} ${String(ours.n).padStart(4)}`;
  if (isAnswerable(ours)) {
    const theirs = fts && isAnswerable(fts) ? `${pct(fts.top1).padStart(17)}  ${fts.mrr5.toFixed(3)}` : '';
    return `${head}  ${pct(ours.top1).padStart(14)}  ${ours.mrr5.toFixed(3).padStart(6)}  ${pct(ours.falseAbstain).padStart(17)}  ${'—'.padStart(17)}   ${theirs}`;
  }
  const theirs = fts && !isAnswerable(fts) ? `${`abstains ${pct(fts.abstained)}`.padStart(17)}` : '';
  return `${head}  ${'—'.padStart(14)}  ${'—'.padStart(6)}  ${'—'.padStart(17)}  ${pct(ours.abstained).padStart(17)}   ${theirs}`;
}

/** Kinds as they come, then the two totals last. */
function order(kind: string): number {
  return kind === 'ANSWERABLE' ? 1 : kind === 'UNANSWERABLE' ? 2 : 0;
}

function pct(x: number): string {
  return `${x.toFixed(1)}%`;
}
