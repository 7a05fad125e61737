// Build the renderer once for the whole run (each test starts its own server on it).
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

export default async function globalSetup(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url)), logLevel: 'warn' });
}
