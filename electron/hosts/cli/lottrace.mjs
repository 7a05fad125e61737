#!/usr/bin/env node
// Entry point of the `lottrace` command: loads the TypeScript engine through
// tsx (so `npm install` is all a plant PC needs) and runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
const { removePartialFiles } = await import('../../engine/files/partial-files.ts');
// Ctrl+C or a stop request in the middle of a long report or export: remove
// the half-written file beside the target, then exit as an interrupted
// command does. A command that handles the signal itself (watch stops after
// the file being imported) is left to do so.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    if (process.listenerCount(signal) > 1) return;
    removePartialFiles();
    process.exit(code);
  });
}
process.exitCode = await main(process.argv.slice(2));
