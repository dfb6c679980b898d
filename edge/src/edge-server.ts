import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { httpOk, ManagedProcess, waitUntil } from '@sluice/services';
import { renderEdgeConfig, type EdgeConfigOptions } from './render-config';

export interface StartEdgeOptions extends EdgeConfigOptions {
  /** Where the edge's error log and nginx's own output go (default: the prefix). */
  logDir?: string;
}

export interface RunningEdge {
  url: string;
  errorLog: string;
  process: ManagedProcess;
  stop(): Promise<void>;
  /** After renaming the NDJSON file: makes nginx open a new one (what log rotation does). */
  reopenLogs(): void;
}

function runNginx(args: string[], what: string): void {
  try {
    execFileSync('nginx', args, { stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() || String(error);
    throw new Error(`${what}:\n${stderr}`, { cause: error });
  }
}

/**
 * Renders the config into `${prefix}/nginx.conf`, checks it with `nginx -t`, then runs nginx in the
 * foreground and resolves once it answers.
 */
export async function startEdge(options: StartEdgeOptions): Promise<RunningEdge> {
  const { logDir = options.prefix, ...config } = options;
  const errorLog = config.errorLog ?? join(logDir, 'edge-error.log');
  for (const dir of [join(config.prefix, 'tmp'), logDir, config.stateDir, dirname(config.eventsLog)]) {
    mkdirSync(dir, { recursive: true });
  }
  const conf = join(config.prefix, 'nginx.conf');
  writeFileSync(conf, renderEdgeConfig({ ...config, errorLog }));
  // -e: where nginx logs before it has read the config's error_log.
  const base = ['-p', config.prefix, '-c', conf, '-e', errorLog];
  runNginx(['-t', '-q', ...base], `the edge config ${conf} is invalid`);
  const process = new ManagedProcess({
    name: 'edge',
    command: 'nginx',
    args: [...base, '-g', 'daemon off;'],
    logFile: join(logDir, 'edge-stdout.log'),
    // SIGQUIT is nginx's graceful stop: requests finish and buffered NDJSON is flushed.
    stopSignal: 'SIGQUIT',
  });
  const host =
    config.listenHost === '0.0.0.0' ? '127.0.0.1' : config.listenHost === '::' ? '::1' : config.listenHost;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${config.listenPort}`;
  await waitUntil('the edge', () => httpOk(`${url}/telemetry/health`), { process }).catch(
    async (error: unknown) => {
      await process.stop();
      throw error;
    },
  );
  return {
    url,
    errorLog,
    process,
    stop: () => process.stop(),
    reopenLogs: () => runNginx([...base, '-s', 'reopen'], 'nginx -s reopen failed'),
  };
}
