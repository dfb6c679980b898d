/** What every benchmark prints the same way: the machine, settings from the environment, figures. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release } from 'node:os';

/** A BENCH_* setting: a positive integer, or the default when unset or empty. */
export function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

/** The lines that say where and when the figures were measured. */
export function machineInfo(): string[] {
  const model = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? 'unknown';
  const nginx = spawnSync('nginx', ['-v'], { encoding: 'utf8' }).stderr.trim();
  const wrk = spawnSync('wrk', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].trim();
  return [
    `date: ${new Date().toISOString()}`,
    `cpu: ${model} (nproc ${execFileSync('nproc', { encoding: 'utf8' }).trim()}, ${cpus().length} online)`,
    `kernel: Linux ${release()}; node ${process.version}`,
    // Other work on the machine shares its cores: absolute figures move with it, same-run ratios less.
    `load average: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')}`,
    `${nginx}; ${wrk}`,
  ];
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** CPU seconds (user + system) a process has used. */
export function processCpuSeconds(pid: number): number {
  // Fields after the command name's closing parenthesis start at field 3 (state); utime and stime are 14 and 15.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');
export const ms = (n: number): string => `${n.toFixed(2)} ms`;
export const percent = (n: number): string => `${Math.round(n * 100)}%`;

/**
 * Runs a benchmark's `main` as its process: exits with the code it answers (a number), 0 or 1 for its targets
 * met or missed (a boolean), 0 when it answers nothing; on a failure, prints it and exits 1.
 */
export function runBenchmark(main: () => Promise<number | boolean | void>): void {
  main().then(
    (result) => process.exit(typeof result === 'number' ? result : result === false ? 1 : 0),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}
