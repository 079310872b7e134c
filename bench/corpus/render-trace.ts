import type { Fault } from './fault.js';
import { fillVariables, hex, timestamp } from './names.js';
import type { Rng } from './prng.js';
import { NOISE_LOGGERS, NOISE_MESSAGES, type Stack } from './shapes.js';

export interface TraceOptions {
  /** Framework frames beneath the article's own (repeated through the pool for long traces). */
  frameworkFrames: number;
  /** Print a `Caused by:` (or the stack's equivalent) chain with the base exception. */
  chain: boolean;
}

/** One error event as the product logs it: the log line, the exception, the frames. */
export function renderErrorEvent(f: Fault, rng: Rng, options: TraceOptions): string[] {
  const message = fillVariables(f.message, rng);
  const stack = f.product.stack;
  const framework: string[] = [];
  for (let i = 0; i < options.frameworkFrames; i += 1) framework.push(f.framework[i % f.framework.length]!);
  const own = [...f.ownFrames, ...f.groupFrames];
  const lines = [logLine(f, rng, message)];
  const ex = f.base.exception;
  const frames = (specs: string[]) => specs.flatMap((s) => renderFrame(stack, s, rng));
  switch (stack) {
    case 'java': {
      if (f.wrapper && options.chain) {
        lines.push(`${f.wrapper}: ${message}`, ...frames([...own, ...framework]));
        lines.push(`Caused by: ${ex}: ${message}`, ...frames(f.libFrames), `\t... ${own.length + framework.length} more`);
      } else {
        lines.push(`${ex}: ${message}`, ...frames([...f.libFrames, ...own, ...framework]));
      }
      break;
    }
    case 'node':
      lines.push(`${ex}: ${message}`, ...frames([...f.libFrames, ...own, ...framework]));
      if (f.base.code) lines.push(`  code: '${f.base.code}',`, `  errno: -${rng.int(2, 120)}`, '}');
      break;
    case 'python':
      lines.push('Traceback (most recent call last):', ...frames([...framework, ...own.slice().reverse(), ...f.libFrames.slice().reverse()]));
      lines.push(`${ex}: ${message}`);
      break;
    case 'go':
      lines.push(`panic: ${ex}: ${message}`, '', `goroutine ${rng.int(1, 900)} [running]:`, ...frames([...f.libFrames, ...own, ...framework]));
      break;
    case 'dotnet':
      lines.push(`${ex}: ${message}`, ...frames([...f.libFrames, ...own, ...framework]));
      if (options.chain) lines.push(`   --- End of inner exception stack trace ---`);
      break;
  }
  return lines;
}

function logLine(f: Fault, rng: Rng, message: string): string {
  switch (f.product.stack) {
    case 'java':
      return `${timestamp(rng, 'java')} ERROR [http-nio-${rng.int(8080, 8090)}-exec-${rng.int(1, 60)}] [${f.logger}] ${f.ownFrames[0]!.split('.').pop()} ${message}`;
    case 'dotnet':
      return `${timestamp(rng, 'dotnet')} [ERR] ${f.logger}: ${message}`;
    case 'python':
      return `${timestamp(rng, 'java')} ERROR [${f.logger}] ${message}`;
    default:
      return `${timestamp(rng, 'iso')} ERROR ${f.logger} ${message}`;
  }
}

/** A harmless log line of the product, to surround the error the way a real paste does. */
export function noiseLine(f: Fault, rng: Rng): string {
  const message = fillVariables(rng.pick(NOISE_MESSAGES), rng);
  switch (f.product.stack) {
    case 'java':
      return `${timestamp(rng, 'java')} INFO [${rng.pick(['main', 'Caesium-1-3', 'scheduler_Worker-4', 'http-nio-8090-exec-12'])}] [${rng.pick(NOISE_LOGGERS)}] ${message}`;
    case 'dotnet':
      return `${timestamp(rng, 'dotnet')} [INF] Microsoft.Hosting.Lifetime: ${message}`;
    case 'python':
      return `${timestamp(rng, 'java')} INFO [${f.product.pkg}.worker] ${message}`;
    default:
      return `${timestamp(rng, 'iso')} INFO ${f.product.service}/main ${message}`;
  }
}

const NODE_CORE = new Set(['net', 'dns', 'fs', 'events', '_tls_wrap', 'task_queues', '_http_server', '_http_common', 'loader', 'helpers', 'run_main']);

/** Prints one frame spec the way the stack prints frames (one or two lines). */
export function renderFrame(stack: Stack, spec: string, rng: Rng): string[] {
  const line = rng.int(12, 1900);
  switch (stack) {
    case 'java': {
      const cls = spec.slice(0, spec.lastIndexOf('.'));
      const file = cls.split(/[./]/).pop()!.split('$')[0];
      return [`\tat ${spec}(${file}.java:${line})`];
    }
    case 'node': {
      const [fn, file] = spec.split('@') as [string, string];
      if (file === '<anonymous>') return [`    at ${fn} (<anonymous>)`];
      if (file === 'index' && fn.startsWith('async')) return [`    at ${fn} (index 0)`];
      const loc = NODE_CORE.has(file) ? `node:${file === 'loader' || file === 'helpers' || file === 'run_main' ? `internal/modules/cjs/${file}` : file}`
        : file.startsWith('/') ? `${file}.js` : `/srv/app/node_modules/express/lib/router/${file}.js`;
      return [`    at ${fn} (${loc}:${line}:${rng.int(3, 60)})`];
    }
    case 'python': {
      const dot = spec.lastIndexOf('.');
      const mod = spec.slice(0, dot);
      const fn = spec.slice(dot + 1);
      const file = mod.startsWith('<') ? mod : `/usr/lib/python3.11/site-packages/${mod.replace(/\./g, '/')}.py`;
      return [`  File "${file}", line ${line}, in ${fn}`, `    return self.${fn}(*args, **kwargs)`];
    }
    case 'go': {
      const pkg = spec.replace(/\.(?:\(\*?\w+\)\.)?\w+$/, '');
      return [`${spec}(0xc000${hex(rng, 6)}, {0x${hex(rng, 6)}, 0xc000${hex(rng, 6)}})`, `\t/go/src/${pkg}/${pkg.split('/').pop()}.go:${line} +0x${hex(rng, 3)}`];
    }
    case 'dotnet':
      return [`   at ${spec}(${rng.pick(['', 'CancellationToken cancellationToken', 'HttpContext context', 'Object state'])})${spec.startsWith('Microsoft.') || spec.startsWith('System.') ? '' : ` in /src/${spec.split('.').slice(-2, -1)[0]}.cs:line ${line}`}`];
  }
}
