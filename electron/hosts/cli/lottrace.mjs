#!/usr/bin/env node
// Entry point of the `lottrace` command: loads the TypeScript engine through
// tsx (so `npm install` is all a plant PC needs) and runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
