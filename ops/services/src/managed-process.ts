import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ManagedProcessOptions {
  /** Shown in progress lines and errors. */
  name: string;
  command: string;
  args: string[];
  /** stdout and stderr are appended here, so a failed start can be diagnosed after the fact. */
  logFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The signal that asks the process to finish its work and exit (nginx flushes buffered logs on SIGQUIT). */
  stopSignal?: NodeJS.Signals;
  stopTimeoutMs?: number;
}

/** A child process owned by the stack: started once, its output kept in a log file, stopped gracefully. */
export class ManagedProcess {
  private exited: Promise<number | null>;
  readonly child: ChildProcess;

  constructor(readonly options: ManagedProcessOptions) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    const log = createWriteStream(options.logFile, { flags: 'a' });
    const spawnOptions: SpawnOptions = {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    };
    this.child = spawn(options.command, options.args, spawnOptions);
    this.child.stdout?.pipe(log);
    this.child.stderr?.pipe(log);
    this.exited = new Promise((resolve) => {
      this.child.once('error', () => resolve(null));
      this.child.once('exit', (code, signal) => resolve(signal ? null : code));
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
