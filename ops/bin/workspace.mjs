// Installing and building the workspace: shared by `npm start`, `npm test` and `npm run migrate`.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function run(command, args) {
  execFileSync(command, args, { cwd: ROOT, stdio: 'inherit' });
}

/** `npm ci` when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const installed = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('Installing npm dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

/** Workspaces in dependency order: each builds against the compiled output of those before it. */
export const WORKSPACES = [
  'config',
  'ops/services',
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
