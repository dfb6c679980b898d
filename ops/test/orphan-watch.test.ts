import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { waitUntil } from '@sluice/services';
import { REPO_ROOT } from '../src/repo-root';

const dir = mkdtempSync(join(tmpdir(), 'sluice-orphan-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a SIGTERM that stops only the shell npm start runs the stack under still stops the stack', async () => {
  const stopped = join(dir, 'stopped');
  const pidFile = join(dir, 'pid');
  const script = join(dir, 'stack.js');
  // A stand-in for ops/src/start.ts: it watches as start.ts does, and stays up until stopped.
  writeFileSync(
    script,
    `const { writeFileSync } = require('node:fs');
     writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));
     require(${JSON.stringify(require.resolve('../src/stack/orphan-watch'))}).whenOrphaned(() => {
       writeFileSync(${JSON.stringify(stopped)}, 'stopped');
       process.exit(0);
     }, 50);
     setInterval(() => {}, 1000);`,
  );
  // As npm runs a script: under `sh -c`, which does not pass a SIGTERM on (`; true` keeps a shell that
  // would exec its last command from doing so).
  const shell = spawn('sh', ['-c', `"${process.execPath}" "${script}"; true`], { stdio: 'ignore' });
  await waitUntil('the stand-in started', async () => existsSync(pidFile));
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    shell.kill('SIGTERM');
    await waitUntil('the stand-in stopped itself', async () => existsSync(stopped), { timeoutMs: 10_000 });
  } finally {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already, as it should be.
    }
  }
});

test('a SIGTERM that stops only that shell also stops a stack the Node runtime wrapper runs (a machine with an older Node)', async () => {
  const stopped = join(dir, 'wrapped-stopped');
  const pidFile = join(dir, 'wrapped-pid');
  const stack = join(dir, 'wrapped-stack.js');
  const wrapper = join(dir, 'wrapper.mjs');
  // A stand-in for the stack on the fetched Node: stopped by a SIGTERM, as ops/src/start.ts is.
  writeFileSync(
    stack,
    `const { writeFileSync } = require('node:fs');
     writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));
     process.on('SIGTERM', () => {
       writeFileSync(${JSON.stringify(stopped)}, 'stopped');
       process.exit(0);
     });
     setInterval(() => {}, 1000);`,
  );
  // ensureNodeRuntime's wrapper, supervising the stand-in as it supervises the re-run command.
  writeFileSync(
    wrapper,
    `import { spawn } from 'node:child_process';
     import { supervise } from ${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'ops', 'bin', 'node-runtime.mjs')).href)};
     process.exit(await supervise(spawn(process.execPath, [${JSON.stringify(stack)}], { stdio: 'ignore' }), 50));`,
  );
  const shell = spawn('sh', ['-c', `"${process.execPath}" "${wrapper}"; true`], { stdio: 'ignore' });
  await waitUntil('the stand-in started', async () => existsSync(pidFile));
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    shell.kill('SIGTERM');
    await waitUntil('the wrapper stopped the stand-in', async () => existsSync(stopped), {
      timeoutMs: 10_000,
    });
  } finally {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already, as it should be.
    }
  }
});
