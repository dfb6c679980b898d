import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { httpOk, ManagedProcess, waitUntil } from '@sluice/services';
import { renderEdgeConfig, type EdgeConfigOptions } from './render-config';

export interface RunningEdge {
  url: string;
  errorLog: string;
  process: ManagedProcess;
  stop(): Promise<void>;
  /** After renaming the NDJSON file: makes nginx open a new one (what log rotation does). */
  reopenLogs(): void;
}

function nginxArgs(options: EdgeConfigOptions, conf: string): string[] {
  return ['-p', options.prefix, '-c', conf, '-e', join(options.prefix, 'error.log')];
}

/** Renders the config into the prefix, checks it with `nginx -t`, then runs nginx in the foreground. */
export async function startEdge(options: EdgeConfigOptions): Promise<RunningEdge> {
  for (const dir of [join(options.prefix, 'tmp'), options.stateDir, dirname(options.eventsLog)]) {
    mkdirSync(dir, { recursive: true });
  }
  const conf = join(options.prefix, 'nginx.conf');
  writeFileSync(conf, renderEdgeConfig(options));
  try {
    execFileSync('nginx', ['-t', '-q', ...nginxArgs(options, conf)], { stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`the edge config ${conf} is invalid:\n${stderr}`);
  }
  const process = new ManagedProcess({
    name: 'edge',
    command: 'nginx',
    args: [...nginxArgs(options, conf), '-g', 'daemon off;'],
    logFile: join(options.prefix, 'stdout.log'),
    // SIGQUIT is nginx's graceful stop: requests finish and buffered NDJSON is flushed.
    stopSignal: 'SIGQUIT',
  });
  const host = options.listenHost === '0.0.0.0' ? '127.0.0.1' : options.listenHost;
  const url = `http://${host}:${options.listenPort}`;
  await waitUntil('the edge', () => httpOk(`${url}/telemetry/health`), { process });
  return {
    url,
    errorLog: join(options.prefix, 'error.log'),
    process,
    stop: () => process.stop(),
    reopenLogs: () => execFileSync('nginx', [...nginxArgs(options, conf), '-s', 'reopen']),
  };
}
