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

/**
 * A stand-in for the stack (ops/src/start.ts) in `folder`: it writes its pid to `pid`, stays up, and
 * writes `stopped` when `stopsOn` (code run with `stop`, a function) stops it. The pid is written once
 * `stopsOn` has run: a watch set up after the test's SIGTERM would take the new parent for its own, and wait
 * for ever (on a loaded machine, loading the watch's module took long enough for that to happen).
 */
function standIn(folder: string, stopsOn: string) {
  const files = {
    pid: join(folder, 'pid'),
    stopped: join(folder, 'stopped'),
    script: join(folder, 'stack.js'),
  };
  writeFileSync(
    files.script,
    `const { writeFileSync } = require('node:fs');
     const stop = () => {
       writeFileSync(${JSON.stringify(files.stopped)}, 'stopped');
       process.exit(0);
     };
     ${stopsOn}
     writeFileSync(${JSON.stringify(files.pid)}, String(process.pid));
     setInterval(() => {}, 1000);`,
  );
  return files;
}

/**
 * Runs `command` as npm runs a script: under `sh -c`, which does not pass a SIGTERM on (`; true` keeps a
 * shell that would exec its last command from doing so). Sends the shell alone a SIGTERM once the stand-in
 * is up, and waits for the stand-in to stop.
 */
async function stopsWhenTheShellIsStopped(command: string, files: { pid: string; stopped: string }) {
  const shell = spawn('sh', ['-c', `${command}; true`], { stdio: 'ignore' });
  await waitUntil('the stand-in started', async () => existsSync(files.pid));
  const pid = Number(readFileSync(files.pid, 'utf8'));
  try {
    shell.kill('SIGTERM');
    await waitUntil('the stand-in stopped', async () => existsSync(files.stopped), { timeoutMs: 10_000 });
  } finally {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone already, as it should be.
    }
  }
}

const quoted = (path: string) => JSON.stringify(path);

test('a SIGTERM that stops only the shell npm start runs the stack under still stops the stack', async () => {
  const folder = mkdtempSync(join(dir, 'direct-'));
  // It watches as start.ts does.
  const files = standIn(
    folder,
    `require(${quoted(require.resolve('../src/stack/orphan-watch'))}).whenOrphaned(stop, { everyMs: 50 });`,
  );
  await stopsWhenTheShellIsStopped(`${quoted(process.execPath)} ${quoted(files.script)}`, files);
});

test('a stack whose watch begins after the shell is gone, as after a long start, still stops', async () => {
  const folder = mkdtempSync(join(dir, 'late-'));
  // As start.ts: the parent read first, the watch set up once the stack is up (here 500 ms later, long
  // after the test has stopped the shell).
  const files = standIn(
    folder,
    `const parent = process.ppid;
     setTimeout(() => require(${quoted(require.resolve('../src/stack/orphan-watch'))})
       .whenOrphaned(stop, { everyMs: 50, parent }), 500);`,
  );
  await stopsWhenTheShellIsStopped(`${quoted(process.execPath)} ${quoted(files.script)}`, files);
});

test('a SIGTERM that stops only that shell also stops a stack the Node runtime wrapper runs (a machine with an older Node)', async () => {
  const folder = mkdtempSync(join(dir, 'wrapped-'));
  // Stopped by a SIGTERM, as start.ts is; the wrapper supervises it as ensureNodeRuntime supervises the
  // command it runs again on the fetched Node.
  const files = standIn(folder, `process.on('SIGTERM', stop);`);
  const wrapper = join(folder, 'wrapper.mjs');
  const runtime = pathToFileURL(join(REPO_ROOT, 'ops', 'bin', 'node-runtime.mjs')).href;
  writeFileSync(
    wrapper,
    `import { spawn } from 'node:child_process';
     import { supervise } from ${quoted(runtime)};
     const child = spawn(process.execPath, [${quoted(files.script)}], { stdio: 'ignore' });
     process.exit(await supervise(child, 50));`,
  );
  await stopsWhenTheShellIsStopped(`${quoted(process.execPath)} ${quoted(wrapper)}`, files);
});
