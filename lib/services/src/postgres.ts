import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ManagedProcess, waitUntil } from '@sluice/processes';

export interface RunningPostgres {
  port: number;
  /** A `postgres://` URL of `database` for the server's one account. */
  url(database: string): string;
  createDatabase(name: string): void;
  process: ManagedProcess;
  stop(): Promise<void>;
}

const run = promisify(execFile);

const USER = 'sluice';
const SERVER_ACCOUNT = 'postgres';

/** Debian's server binaries: /usr/lib/postgresql/<major>/bin, the newest installed. */
function serverBin(): string {
  const majors = readdirSync('/usr/lib/postgresql')
    .map(Number)
    .filter(Number.isInteger)
    .sort((a, b) => b - a);
  if (majors.length === 0)
    throw new Error('no PostgreSQL server in /usr/lib/postgresql: install Debian’s postgresql');
  return join('/usr/lib/postgresql', String(majors[0]), 'bin');
}

function account(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line) throw new Error(`no ${name} account in /etc/passwd`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * A private PostgreSQL (Debian's postgresql package) on loopback, data under `dir`, one password
 * account. PostgreSQL refuses to run as root: started by root, the server runs as Debian's `postgres`
 * account (setpriv execs, so signals reach the server itself), which then owns `dir`.
 */
export async function startPostgres(dir: string, port: number): Promise<RunningPostgres> {
  const bin = serverBin();
  const asRoot = process.getuid?.() === 0;
  const runAs = (command: string, args: string[]): [string, string[]] =>
    asRoot
      ? [
          'setpriv',
          ['--reuid', SERVER_ACCOUNT, '--regid', SERVER_ACCOUNT, '--init-groups', '--', command, ...args],
        ]
      : [command, args];
  mkdirSync(dir, { recursive: true });
  const password = randomBytes(18).toString('base64url');
  const passwordFile = join(dir, 'password');
  writeFileSync(passwordFile, password, { mode: 0o600 });
  if (asRoot) {
    const { uid, gid } = account(SERVER_ACCOUNT);
    chownSync(dir, uid, gid);
    chownSync(passwordFile, uid, gid);
  }
  const data = join(dir, 'data');
  // Asynchronous, like the readiness probe below: a test file often starts several servers at once,
  // and a blocking initdb (seconds on a loaded machine) would stall the others' start deadlines.
  await run(
    ...runAs(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      USER,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '-E',
      'UTF8',
    ]),
  );
  const [command, args] = runAs(join(bin, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-h',
    '127.0.0.1',
    '-k',
    dir,
  ]);
  const server = new ManagedProcess({
    name: 'postgres',
    command,
    args,
    logFile: join(dir, 'postgres.log'),
    // Fast shutdown: sessions are ended, not waited for.
    stopSignal: 'SIGINT',
  });
  const env = { ...process.env, PGPASSWORD: password };
  const client = ['-h', '127.0.0.1', '-p', String(port), '-U', USER];
  await waitUntil(
    'PostgreSQL',
    async () => {
      try {
        await run('pg_isready', [...client, '-d', 'postgres', '-q'], { env });
        return true;
      } catch {
        return false;
      }
    },
    { process: server },
  ).catch(async (error: unknown) => {
    // Left running, a server that never became ready would keep the test process alive.
    await server.stop();
    throw error;
  });
  return {
    port,
    url: (database) => `postgres://${USER}:${password}@127.0.0.1:${port}/${database}`,
    createDatabase: (name) => execFileSync('createdb', [...client, name], { env, stdio: 'pipe' }),
    process: server,
    stop: () => server.stop(),
  };
}
