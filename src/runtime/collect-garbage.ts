import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null = null;

/**
 * Runs a full garbage collection now. V8 lets the heap grow by a hundred MB or more of garbage
 * before it collects on its own, which is what sets the peak RSS of a long index run and what an
 * idle bot would keep after its start-up KB check.
 */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
