import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ManagedProcessOptions {
  /** Shown in progress lines and errors. */
  name: string;
  command: string;
  args: string[];
  /** stdout and stderr are appended here, so a failed start can be diagnosed after the fact. */
  logFile: string;
  /**
   * The process's own variables. It gets these and what any program needs to run (INHERITED), never
   * the rest of this process's environment: that may hold every part's secrets.
   */
  env?: Record<string, string>;
  cwd?: string;
  /** The signal that asks the process to finish its work and exit (nginx flushes buffered logs on SIGQUIT). */
  stopSignal?: NodeJS.Signals;
  stopTimeoutMs?: number;
}

/** The variables every child inherits: where programs are, the user's home, locale and time zone. */
const INHERITED = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR'];

/** A child process owned by the stack: started once, its output kept in a log file, stopped gracefully. */
export class ManagedProcess {
  private exited: Promise<number | null>;
  readonly child: ChildProcess;
  /** Exactly the environment it was started with. */
  readonly environment: Readonly<Record<string, string>>;

  constructor(readonly options: ManagedProcessOptions) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    const log = createWriteStream(options.logFile, { flags: 'a' });
    const inherited = INHERITED.filter((name) => process.env[name] !== undefined);
    this.environment = {
      ...Object.fromEntries(inherited.map((name) => [name, process.env[name]!])),
      ...options.env,
    };
    const spawnOptions: SpawnOptions = {
      cwd: options.cwd,
      env: this.environment,
      stdio: ['ignore', 'pipe', 'pipe'],
    };
    this.child = spawn(options.command, options.args, spawnOptions);
    // Both streams write to one log, which is closed once both have ended ('close'), so the exit is
    // reported only when everything the process printed is in its log.
    this.child.stdout?.pipe(log, { end: false });
    this.child.stderr?.pipe(log, { end: false });
    this.exited = new Promise((resolve) => {
      this.child.once('error', () => log.end(() => resolve(null)));
      this.child.once('close', (code, signal) => log.end(() => resolve(signal ? null : code)));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the exit code (null when killed by a signal). */
  waitForExit(): Promise<number | null> {
    return this.exited;
  }

  /** The last `lines` lines of its log: what a failed start printed, for the error that reports it. */
  logTail(lines = 15): string {
    try {
      return readFileSync(this.options.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill(this.options.stopSignal ?? 'SIGTERM');
    const timeout = this.options.stopTimeoutMs ?? 10_000;
    const stopped = await Promise.race([
      this.exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeout).unref()),
    ]);
    if (!stopped) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}
