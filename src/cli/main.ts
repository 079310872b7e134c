import { parseArgs } from 'node:util';
import { DatabaseError } from '../store/database.js';
import { CliError } from './cli-error.js';
import { runAsk } from './commands/ask.js';
import { runEval } from './commands/eval.js';
import { runIndex } from './commands/index-command.js';
import { runScan } from './commands/scan.js';
import { runShow } from './commands/show.js';
import { runStats } from './commands/stats.js';
import { USAGE } from './usage.js';

export const DEFAULT_DB = 'data/kb.sqlite';
export const DEFAULT_KB = 'kb';

const OPTIONS = {
  db: { type: 'string' },
  kb: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  jsonl: { type: 'boolean' },
  'allow-empty': { type: 'boolean' },
  limit: { type: 'string' },
  queries: { type: 'string' },
  twins: { type: 'string' },
  misses: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface CliContext {
  db: string;
  kb: string[];
  json: boolean;
  jsonl: boolean;
  /** `kb index --allow-empty`: a run that finds no article may empty the index. */
  allowEmpty: boolean;
  limit: number;
  /** `kb eval`: the labelled queries, the twin pairs, and whether to list what it got wrong. */
  queries: string | null;
  twins: string | null;
  misses: boolean;
  args: string[];
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** Runs one `kb` command and returns the exit code. Errors become one line on stderr. */
export async function main(argv: string[], io: Partial<Pick<CliContext, 'stdout' | 'stderr' | 'stdin'>> = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const stdin = io.stdin ?? process.stdin;
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (err) {
      throw new CliError(`${argumentProblem(err)}; run \`kb help\` for usage`);
    }
    const { values, positionals } = parsed;
    const [command, ...args] = positionals;
    if (values.help || !command || command === 'help') {
      stdout.write(`${USAGE}\n`);
      return command || values.help ? 0 : 2;
    }
    const limit = values.limit === undefined ? 5 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new CliError('--limit takes a whole number from 1 to 50');
    const ctx: CliContext = {
      db: values.db ?? process.env.KB_DB ?? DEFAULT_DB,
      kb: values.kb?.length ? values.kb : [process.env.KB_DIR ?? DEFAULT_KB],
      json: values.json ?? false,
      jsonl: values.jsonl ?? false,
      allowEmpty: values['allow-empty'] ?? false,
      limit,
      queries: values.queries ?? null,
      twins: values.twins ?? null,
      misses: values.misses ?? false,
      args,
      stdout,
      stderr,
      stdin,
    };
    switch (command) {
      case 'index':
        return runIndex(ctx);
      case 'ask':
        return await runAsk(ctx);
      case 'scan':
        return runScan(ctx);
      case 'show':
        return runShow(ctx);
      case 'stats':
        return runStats(ctx);
      case 'eval':
        return runEval(ctx);
      default:
        throw new CliError(`unknown command "${command}"; run \`kb help\` for the commands`);
    }
  } catch (err) {
    if (err instanceof CliError || err instanceof DatabaseError) {
      stderr.write(`kb: ${err.message}\n`);
      return err instanceof CliError ? err.exitCode : 1;
    }
    const message = err instanceof Error ? err.message : String(err);
    stderr.write(`kb: unexpected error: ${message.split('\n')[0]} (set KB_DEBUG=1 for details)\n`);
    if (process.env.KB_DEBUG) stderr.write(`${(err as Error).stack ?? ''}\n`);
    return 1;
  }
}

/** What Node's argument parser says, in one plain line: `unknown option --dbb`, `--limit needs a value`. */
function argumentProblem(err: unknown): string {
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const needsValue = /^Option '(?:-\w, )?(--[\w-]+)(?: <value>)?' argument missing/.exec(message);
  if (needsValue) return `${needsValue[1]} needs a value`;
  return message.replace(/\.$/, '');
}

