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

export function build() {
  for (const workspace of WORKSPACES) {
    console.log(`Building ${workspace}…`);
    run('npm', ['run', 'build', '--silent', '--workspace', workspace]);
  }
}
