// `npm test`: every check the project has — types and build, lint, Lua lint, the panel's unit tests (Vitest), then all
// test files.
import { ensureNodeRuntime } from './node-runtime.mjs';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensureDebianPackages, TEST_PACKAGES } from './prerequisites.mjs';
import { build, ensureDependencies, ROOT, WORKSPACES } from './workspace.mjs';

await ensureNodeRuntime();

function step(what, command, args) {
  console.log(`\n== ${what}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${what} failed`);
    process.exit(result.status ?? 1);
  }
}

/** Compiled test files of every workspace: `<workspace>/dist/test/**\/*.test.js`. */
function testFiles() {
  return WORKSPACES.flatMap((workspace) => {
    const dir = join(ROOT, workspace, 'dist', 'test');
    let names;
    try {
      names = readdirSync(dir, { recursive: true });
    } catch {
      return [];
    }
    return names
      .filter((name) => name.endsWith('.test.js'))
      .map((name) => join(workspace, 'dist', 'test', name));
  });
}

ensureDebianPackages(TEST_PACKAGES);
ensureDependencies();
build();
step('Lint (eslint, prettier)', 'npm', ['run', 'lint', '--silent']);
step('Lint Lua (luacheck)', 'luacheck', ['--quiet', '--config', 'edge/.luacheckrc', 'edge/lua', 'edge/spec']);
step('Lua unit tests (busted, in edge/)', 'sh', ['-c', 'cd edge && busted']);
step('Panel unit tests (Vitest, in frontend/)', 'npm', ['test', '--silent', '--workspace', 'frontend']);
/**
 * Test files that bound the CPU time a process spends: run alone, after the others. Work beside it slows the
 * measured process's own CPU time on this VM (shared caches, the host's scheduling of its two vCPUs): in one
 * CI run the edge's 64 KB crafted requests cost over their 1 ms bound in all three attempts while another
 * file ran, against 0.5–0.9 ms in the runs before.
 */
const ALONE = ['edge/dist/test/hostile-cost.test.js'];
const files = testFiles();
if (files.length === 0) {
  console.error('No test files found: the build should have produced */dist/test/*.test.js');
  process.exit(1);
}
const alone = files.filter((file) => ALONE.includes(file));
if (alone.length !== ALONE.length) {
  console.error(
    `Missing test files to run alone: ${ALONE.filter((file) => !alone.includes(file)).join(', ')}`,
  );
  process.exit(1);
}
// One file at a time: integration tests start real servers, and this machine has 2 cores.
// Two files at a time: most of a test's wall time is waiting on services it started (ClickHouse, nginx,
// Chromium), each on ports and folders of its own, so a second file fills the wait. More than two slows
// a 2-core machine's CPU-heavy files (loads, Chromium) past what it saves.
const together = files.filter((file) => !ALONE.includes(file));
step(`Tests (${together.length} files)`, process.execPath, ['--test', '--test-concurrency=2', ...together]);
step(`Tests measuring CPU time, alone (${alone.length} file)`, process.execPath, ['--test', ...alone]);
