// Runs one exported function of a TypeScript module on a worker thread and posts its result:
// for tests of code that might never return (a backtracking regex), which the test can then
// stop with worker.terminate() instead of hanging with it. Plain JavaScript, so that it starts
// under vitest: it loads tsx, then the module.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const mod = await import(workerData.module);
parentPort.postMessage(await mod[workerData.fn](...(workerData.args ?? [])));
