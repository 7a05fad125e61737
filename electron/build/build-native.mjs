// Builds better-sqlite3 for Electron into out/native/electron/better_sqlite3.node,
// leaving node_modules/better-sqlite3/build alone: that one is Node's (tests,
// CLI, browser mode), and Electron needs the addon compiled against its own
// headers and ABI. The desktop app loads this file through better-sqlite3's
// `nativeBinding` option (electron/shell/main/native-binding.ts).
//
// Needs Electron's headers (downloaded once from electronjs.org into
// ~/.electron-gyp) and a C++ toolchain; run it on each OS you package for.
//
//   node electron/build/build-native.mjs [--arch x64|arm64]
// Also electron-builder's beforePack hook (electron-builder.yml), once per arch.
/* global fetch, AbortSignal */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST_URL = 'https://electronjs.org/headers';
const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' }; // electron-builder's Arch enum

class BuildNativeError extends Error {}

function electronVersion() {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
}

async function headersReachable(version) {
  try {
    const res = await fetch(`${DIST_URL}/v${version}/node-v${version}-headers.tar.gz`, { method: 'HEAD', signal: AbortSignal.timeout(8000) });
    return res.ok;
  } catch {
    return false;
  }
}

export async function buildNative({ arch = process.arch } = {}) {
  const version = electronVersion();
  const devdir = join(homedir(), '.electron-gyp');
  const outDir = join(ROOT, 'out/native/electron');
  const haveHeaders = existsSync(join(devdir, version, 'include', 'node', 'node.h'));
  if (!haveHeaders && !(await headersReachable(version))) {
    throw new BuildNativeError(
      `cannot download Electron ${version}'s headers from electronjs.org (offline?): the Electron build of better-sqlite3 was not made; ` +
        'connect to the internet and run node electron/build/build-native.mjs again',
    );
  }
  // Compile a copy of the sources so node_modules/better-sqlite3/build (Node's) stays as it is.
  const src = join(ROOT, 'node_modules/better-sqlite3');
  const work = join(ROOT, 'out/native/build', arch);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const part of ['binding.gyp', 'src', 'deps', 'package.json']) cpSync(join(src, part), join(work, part), { recursive: true });

  const env = { ...process.env };
  // A nodedir from .npmrc would make node-gyp use Node's headers instead of Electron's.
  for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];
  const nodeGyp = join(ROOT, 'node_modules/node-gyp/bin/node-gyp.js');
  const args = [nodeGyp, 'rebuild', '--release', `--target=${version}`, `--arch=${arch}`, `--dist-url=${DIST_URL}`, '--runtime=electron', `--devdir=${devdir}`];
  const result = spawnSync(process.execPath, args, { cwd: work, env, stdio: 'inherit' });
  if (result.status !== 0) throw new BuildNativeError(`node-gyp failed (exit ${result.status ?? result.signal}) building better-sqlite3 for Electron ${version} ${arch}`);
  mkdirSync(outDir, { recursive: true });
  cpSync(join(work, 'build/Release/better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
  console.log(`build-native: better-sqlite3 for Electron ${version} (${arch}) → ${join(outDir, 'better_sqlite3.node')}`);
}

/** electron-builder beforePack hook: build for the arch being packaged. */
export default async function beforePack(context) {
  await buildNative({ arch: ARCH_NAMES[context?.arch] ?? process.arch });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--arch');
  buildNative(i > 0 && process.argv[i + 1] ? { arch: process.argv[i + 1] } : {}).catch((e) => {
    console.error(`build-native: ${e instanceof BuildNativeError ? e.message : e instanceof Error ? e.stack : String(e)}`);
    process.exit(1);
  });
}
