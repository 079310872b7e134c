#!/usr/bin/env node
// The `kb` command. Runs the TypeScript sources directly through tsx, so a fresh clone
// needs no build step: `npm ci && npx kb index`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
