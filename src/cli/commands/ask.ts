import { createInterface } from 'node:readline';
import { answerToJson } from '../../reply/render-json.js';
import { ANSI, PLAIN, renderAnswerText } from '../../reply/render-terminal.js';
import { decodeText } from '../../text/decode-text.js';
import { CliError } from '../cli-error.js';
import type { CliContext } from '../main.js';
import { openIndex } from './open.js';

/** `kb ask`: one query from the arguments or stdin; `--jsonl` answers a stream of them. */
export async function runAsk(ctx: CliContext): Promise<number> {
  const services = openIndex(ctx.db, ctx.stderr);
  try {
    if (ctx.jsonl) return await askJsonl(ctx, (text) => answerToJson(services.answer(text, { limit: ctx.limit })));
    let text = ctx.args.join(' ');
    if (!text) {
      if (ctx.stdin.isTTY) throw new CliError('give the error as an argument, or pipe it in: `kb ask "text"` or `kb ask < error.log`');
      text = await readAll(ctx.stdin);
    }
    const answer = services.answer(text, { limit: ctx.limit });
    if (ctx.json) ctx.stdout.write(`${JSON.stringify(answerToJson(answer))}\n`);
    else {
      const color = ctx.stdout.isTTY && !process.env.NO_COLOR;
      ctx.stdout.write(`${renderAnswerText(answer, color ? ANSI : PLAIN)}\n`);
    }
    return answer.problem ? 2 : 0;
  } finally {
    services.close();
  }
}

async function askJsonl(ctx: CliContext, answer: (text: string) => object): Promise<number> {
  const lines = createInterface({ input: ctx.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n += 1;
    if (!line.trim()) continue;
    let req: { id?: unknown; text?: unknown };
    try {
      req = JSON.parse(line) as { id?: unknown; text?: unknown };
    } catch {
      ctx.stdout.write(`${JSON.stringify({ id: null, error: `line ${n} is not JSON; expected {"id": ..., "text": "..."}` })}\n`);
      continue;
    }
    const id = req.id ?? null;
    if (typeof req.text !== 'string') {
      ctx.stdout.write(`${JSON.stringify({ id, error: `line ${n} has no "text" string` })}\n`);
      continue;
    }
    ctx.stdout.write(`${JSON.stringify({ id, ...answer(req.text) })}\n`);
  }
  return 0;
}

/** The most of standard input `kb ask` reads: far more than a query uses (longer ones are cut to their error lines). */
export const MAX_STDIN_BYTES = 16 * 1024 * 1024;

/** Standard input as text (UTF-16 by its byte order mark, stray bytes kept as characters), at most MAX_STDIN_BYTES. */
async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(b.subarray(0, MAX_STDIN_BYTES - size));
    size += Math.min(b.length, MAX_STDIN_BYTES - size);
    if (size >= MAX_STDIN_BYTES) break;
  }
  return decodeText(Buffer.concat(chunks));
}
