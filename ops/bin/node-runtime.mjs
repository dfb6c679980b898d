// Sluice runs on the Node.js release named in .nvmrc (an LTS line). Where the machine's `node` is older — Debian
// 12's, or an out-of-support 20 from another repository — the official binary comes from the npm registry (the
// `node-linux-<arch>` package carries it, with its headers) into `.runtime/`, and the command runs again on it.
// Nothing is fetched from anywhere but the npm registry. Plain JavaScript with no dependencies: it runs before `npm ci`.
import { execFileSync, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The exact version the project runs on, and its major: `.nvmrc` is the one place it is written. */
export const NODE_VERSION = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim().replace(/^v/, '');
export const NODE_MAJOR = Number(NODE_VERSION.split('.')[0]);

function majorOf(version) {
  return Number(version.replace(/^v/, '').split('.')[0]);
}

/** Where the registry's binary is unpacked: one folder per exact version, so a bump fetches the new one. */
function runtimeDir() {
  return join(ROOT, '.runtime', `node-${NODE_VERSION}`);
}

/** `npm pack` the binary package and unpack it; the folder appears whole or not at all. */
function fetchRuntime(dir) {
  const pkg = `node-${process.platform}-${process.arch}@${NODE_VERSION}`;
  console.log(`Fetching Node.js ${NODE_VERSION} from the npm registry (${pkg})…`);
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const tarball = execFileSync('npm', ['pack', pkg, '--silent', '--pack-destination', staging], {
    cwd: staging,
    encoding: 'utf8',
  }).trim();
  execFileSync('tar', ['-xzf', join(staging, tarball), '-C', staging, '--strip-components=1']);
  rmSync(join(staging, tarball));
  renameSync(staging, dir);
}

/**
 * Environment for the project's Node: its `bin/` first on PATH (so `npm` and every child run on it) and node-gyp
 * pointed at its headers, since native addons (better-sqlite3, lmdb, argon2) must be built for this Node and
 * nothing outside the registries can be reached to download them. The variable beats a machine-wide `nodedir`.
 */
function runtimeEnvironment(dir) {
  return { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`, npm_config_nodedir: dir };
}

/**
 * Call first in every entry point. On the project's Node it returns at once; on an older one it fetches the
 * project's (once), re-runs this command on it, passes signals on, and exits with its status.
 */
export async function ensureNodeRuntime() {
  if (majorOf(process.version) >= NODE_MAJOR) return;
  const dir = runtimeDir();
  if (!existsSync(join(dir, 'bin', 'node'))) fetchRuntime(dir);
  console.log(
    `Node.js ${process.version} is older than ${NODE_MAJOR}: running on ${NODE_VERSION} from ${relative(ROOT, dir)}/`,
  );
  const child = spawn(join(dir, 'bin', 'node'), [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: runtimeEnvironment(dir),
  });
  // Ctrl+C reaches the child through the terminal's process group; SIGTERM sent to this process alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  const status = await new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
  process.exit(status);
}
