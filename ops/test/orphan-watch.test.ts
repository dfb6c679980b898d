import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { waitUntil } from '@sluice/services';

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
