// Installing and building the workspace: shared by `npm start`, `npm test` and `npm run migrate`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function run(command, args) {
  execFileSync(command, args, { cwd: ROOT, stdio: 'inherit' });
}

/**
 * Native addons are built for one Node ABI; node_modules remembers which, so a change of Node (say, from the
 * machine's to the project's own) reinstalls them instead of crashing at the first `require`.
 */
const INSTALLED_ABI = join(ROOT, 'node_modules', '.node-abi');

function installedForThisNode() {
  const installed = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) return false;
  return existsSync(INSTALLED_ABI) && readFileSync(INSTALLED_ABI, 'utf8') === process.versions.modules;
}

/** `npm ci` when node_modules is missing, older than the lockfile, or built for another Node. */
export function ensureDependencies() {
  if (installedForThisNode()) return;
  console.log(`Installing npm dependencies for Node.js ${process.version} (npm ci)…`);
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(INSTALLED_ABI, process.versions.modules);
}

/** Workspaces in dependency order: each builds against the compiled output of those before it. */
export const WORKSPACES = [
  'config',
  'lib/processes',
  'lib/services',
  'lib/traffic',
  'pipeline',
  'edge',
  'backend',
  'tracker',
  'frontend',
  'ops',
];

/**
 * Builds every workspace. Quiet (`npm start`, `npm test`, the benchmarks): a line per workspace with its time,
 * the tools' own output (Vite's list of chunks, the tracker's sizes) only when a build fails, so the stack's
 * first screen shows what it starts. `npm run build` passes `verbose` and shows everything.
 */
export function build({ verbose = false } = {}) {
  for (const workspace of WORKSPACES) {
    const args = ['run', 'build', '--silent', '--workspace', workspace];
    if (verbose) {
      console.log(`Building ${workspace}…`);
      run('npm', args);
      continue;
    }
    const started = performance.now();
    process.stdout.write(`Building ${workspace}… `);
    try {
      execFileSync('npm', args, { cwd: ROOT, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      console.log('failed:');
      process.stdout.write(error.stdout ?? '');
      process.stderr.write(error.stderr ?? '');
      throw new Error(`Building ${workspace} failed (npm ${args.join(' ')})`, { cause: error });
    }
    console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}
