import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `kb ARGV` in this process, with `input` on standard input. */
export async function runKb(argv: string[], input = ''): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  stdin.end(input);
  const code = await main(argv, { stdout, stderr, stdin });
  stdout.end();
  stderr.end();
  await Promise.all([once(stdout, 'end'), once(stderr, 'end')]);
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
