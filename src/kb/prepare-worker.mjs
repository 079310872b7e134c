// Entry of an indexing worker thread (see prepare-pool.ts). Plain JavaScript, so that it starts
// however the indexer runs (bin/kb.mjs, `node --import tsx`, vitest): it loads tsx, then the
// TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-worker.ts');
