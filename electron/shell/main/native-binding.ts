/**
 * Where the Electron build of better-sqlite3 is. Node and Electron need the
 * addon compiled for different ABIs, and the tests and the CLI use the one in
 * node_modules, so the Electron build lives apart (build-native.mjs writes
 * out/native/electron/better_sqlite3.node; the installer ships it under
 * resources/native/) and is handed to the engine through `nativeBinding`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const NATIVE_ADDON = 'better_sqlite3.node';

export interface NativeBindingChoice {
  /** Path to load, or undefined for better-sqlite3's default one. */
  path: string | undefined;
  /** Why the default is used (logged). */
  note?: string;
}

export function electronNativeBinding(options: { isPackaged: boolean; resourcesPath: string; appRoot: string; exists?: (path: string) => boolean }): NativeBindingChoice {
  const exists = options.exists ?? existsSync;
  const candidate = options.isPackaged
    ? join(options.resourcesPath, 'native', NATIVE_ADDON)
    : join(options.appRoot, 'out', 'native', 'electron', NATIVE_ADDON);
  if (exists(candidate)) return { path: candidate };
  return {
    path: undefined,
    note:
      `no Electron build of better-sqlite3 at ${candidate} (node electron/build/build-native.mjs makes it, with internet access); ` +
      'using the default one in node_modules, which loads only if it was built for this Electron',
  };
}
