// Entry of a heavy-work thread (see heavy-work.ts). Plain JavaScript, so that it starts however
// the bot runs (bin/start.mjs, `node --import tsx`, vitest): it loads tsx, then the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./heavy-worker.ts');
