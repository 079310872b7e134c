// Entry of the stat worker thread (see background-stat.ts). Plain JavaScript with no imports
// but Node's, so it starts in milliseconds however the indexer runs. It stats the files in
// order, skipping any the indexer has claimed, and writes each result into shared memory.
import { statSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

const { bytes, ends, state, results } = workerData;
// Each path is a view of the shared UTF-8 bytes (fs takes a Buffer as a path): no string is made.
const all = Buffer.from(bytes);
const endAt = new Uint32Array(ends);
const claims = new Int32Array(state);
const out = new Float64Array(results);
for (let i = 0; i < endAt.length; i += 1) {
  if (Atomics.compareExchange(claims, i, 0, 1) !== 0) continue;
  try {
    const st = statSync(all.subarray(i === 0 ? 0 : endAt[i - 1], endAt[i]), { throwIfNoEntry: false });
    out[2 * i] = st && st.isFile() ? st.size : -1;
    out[2 * i + 1] = st ? st.mtimeMs : -1;
  } catch {
    out[2 * i] = -1;
    out[2 * i + 1] = -1;
  }
  Atomics.store(claims, i, 2);
  Atomics.notify(claims, i);
}
