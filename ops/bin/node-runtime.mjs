// Sluice runs on the Node.js release named in .nvmrc (an LTS line). Where the machine's `node` is older — Debian
// 12's own 18, or an out-of-support 20 from another repository — the official binary comes from the npm registry
// (the `node-linux-<arch>` package carries it, with its headers) into `.runtime/`, with the npm release that
// package.json's `packageManager` names (Debian's npm 9 is not made for Node 24), and the command runs again on
// them. Nothing is fetched from anywhere but the npm registry. Plain JavaScript with no dependencies: it runs
// before `npm ci`.
import { execFileSync, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The exact version the project runs on, and its major: `.nvmrc` is the one place it is written. */
export const NODE_VERSION = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim().replace(/^v/, '');
export const NODE_MAJOR = Number(NODE_VERSION.split('.')[0]);
/** `npm@<version>`, from package.json's `packageManager`. */
const NPM_PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager;

function majorOf(version) {
  return Number(version.replace(/^v/, '').split('.')[0]);
}

/** Where the registry's binary is unpacked: one folder per exact version, so a bump fetches the new one. */
function runtimeDir() {
  return join(ROOT, '.runtime', `node-${NODE_VERSION}`);
}

/** `npm pack` a package from the registry and unpack it into `dir`. */
function unpack(pkg, dir) {
  mkdirSync(dir, { recursive: true });
  const tarball = execFileSync('npm', ['pack', pkg, '--silent', '--pack-destination', dir], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir, '--strip-components=1']);
  rmSync(join(dir, tarball));
}

/** Node's binary package, and npm laid out beside it as Node's own archives lay it out; whole or not at all. */
function fetchRuntime(dir) {
  const nodePackage = `node-${process.platform}-${process.arch}@${NODE_VERSION}`;
  console.log(`Fetching Node.js ${NODE_VERSION} and ${NPM_PACKAGE} from the npm registry (${nodePackage})…`);
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  unpack(nodePackage, staging);
  unpack(NPM_PACKAGE, join(staging, 'lib', 'node_modules', 'npm'));
  symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(staging, 'bin', 'npm'));
  symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', join(staging, 'bin', 'npx'));
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
  if (!existsSync(join(dir, 'bin', 'npm'))) fetchRuntime(dir);
  console.log(
    `Node.js ${process.version} is older than ${NODE_MAJOR}: running on ${NODE_VERSION} and ${NPM_PACKAGE} from ${relative(ROOT, dir)}/`,
  );
  const child = spawn(join(dir, 'bin', 'node'), [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: runtimeEnvironment(dir),
  });
  process.exit(await supervise(child));
}

/**
 * Stands between npm and `child` until it exits, and resolves with its status. Ctrl+C reaches the child
 * through the terminal's process group; a SIGTERM sent to this process alone is passed on. A SIGTERM npm
 * passes to its `sh -c` alone leaves this process orphaned (the shell exits without passing it on) while the
 * child, whose own watch (ops/src/stack/orphan-watch.ts) sees only this process, would run on holding its
 * ports: orphaned, this process stops the child. Polled, as in that watch: Node has no parent-death signal.
 */
export function supervise(child, everyMs = 500) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  const parent = process.ppid;
  const orphanWatch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(orphanWatch);
    child.kill('SIGTERM');
  }, everyMs);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearInterval(orphanWatch);
      resolve(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}
