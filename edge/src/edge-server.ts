import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort, httpOk, ManagedProcess, waitUntil } from '@sluice/processes';
import { renderEdgeConfig, type EdgeConfigOptions } from './render-config';

export interface StartEdgeOptions extends Omit<EdgeConfigOptions, 'metricsHost' | 'metricsPort'> {
  /** Where the edge's error log and nginx's own output go (default: the prefix). */
  logDir?: string;
  /**
   * A GeoLite2/GeoIP2 City file (both address families) instead of the rendered databases: given to
   * nginx as GEOIP_DB, the variable the OpenResty image reads too.
   */
  geoDatabase?: string;
  /** Default: loopback, on a free port. */
  metricsHost?: string;
  metricsPort?: number;
  /** More environment for nginx (the tests: a shifted clock). */
  environment?: Record<string, string>;
}

export interface RunningEdge {
  /** The beacons' listener. */
  url: string;
  /** The panel's and /api/'s listener: `url` unless they have one of their own. */
  adminUrl: string;
  /** Prometheus text format. */
  metricsUrl: string;
  errorLog: string;
  process: ManagedProcess;
  stop(): Promise<void>;
  /**
   * After renaming the NDJSON file: makes nginx open a new one (what log rotation does). Resolves once
   * every worker writes to it: the master passes the signal on, and a beacon served before a worker
   * has it still goes to the renamed file.
   */
  reopenLogs(): Promise<void>;
}

/** nginx's workers: the children of its master (Linux's /proc). */
export function workerPids(master: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        // The parent's pid is the second field after the command's closing parenthesis.
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === master;
      } catch {
        // The process ended between listing and reading.
        return false;
      }
    })
    .map(Number);
}

/** Whether process `pid` has `path` open, under its current name (or a socket, as `socket:[inode]`). */
export function holdsOpen(pid: number, path: string): boolean {
  return readdirSync(`/proc/${pid}/fd`).some((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
    } catch {
      return false;
    }
  });
}

function runNginx(args: string[], what: string): void {
  try {
    execFileSync('nginx', args, { stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() || String(error);
    throw new Error(`${what}:\n${stderr}`, { cause: error });
  }
}

/** The URL that reaches an address nginx listens on, from this machine. */
function localUrl(listenHost: string, port: number): string {
  const host = listenHost === '0.0.0.0' ? '127.0.0.1' : listenHost === '::' ? '::1' : listenHost;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Renders the config into `${prefix}/nginx.conf`, checks it with `nginx -t`, then runs nginx in the
 * foreground and resolves once it answers.
 */
export async function startEdge(options: StartEdgeOptions): Promise<RunningEdge> {
  const {
    logDir = options.prefix,
    metricsHost = '127.0.0.1',
    metricsPort,
    geoDatabase,
    environment,
    ...rest
  } = options;
  const config: EdgeConfigOptions = { ...rest, metricsHost, metricsPort: metricsPort ?? (await freePort()) };
  const errorLog = config.errorLog ?? join(logDir, 'edge-error.log');
  for (const dir of [join(config.prefix, 'tmp'), logDir, config.stateDir, dirname(config.eventsLog)]) {
    mkdirSync(dir, { recursive: true });
  }
  const conf = join(config.prefix, 'nginx.conf');
  writeFileSync(conf, renderEdgeConfig({ ...config, errorLog }));
  // -e: where nginx logs before it has read the config's error_log.
  const base = ['-p', config.prefix, '-c', conf, '-e', errorLog];
  runNginx(['-t', '-q', ...base], `the edge config ${conf} is invalid`);
  const nginx = new ManagedProcess({
    name: 'edge',
    command: 'nginx',
    args: [...base, '-g', 'daemon off;'],
    logFile: join(logDir, 'edge-stdout.log'),
    env: { ...environment, GEOIP_DB: geoDatabase ?? '' },
    // SIGQUIT is nginx's graceful stop: requests finish and buffered NDJSON is flushed.
    stopSignal: 'SIGQUIT',
  });
  const url = localUrl(config.listenHost, config.listenPort);
  await waitUntil('the edge', () => httpOk(`${url}/telemetry/health`), { process: nginx }).catch(
    async (error: unknown) => {
      await nginx.stop();
      throw error;
    },
  );
  return {
    url,
    adminUrl: config.adminListen ? localUrl(config.adminListen.host, config.adminListen.port) : url,
    metricsUrl: `${localUrl(config.metricsHost, config.metricsPort)}/metrics`,
    errorLog,
    process: nginx,
    stop: () => nginx.stop(),
    reopenLogs: async () => {
      runNginx([...base, '-s', 'reopen'], 'nginx -s reopen failed');
      await waitUntil(
        "nginx's workers to reopen their logs",
        async () => workerPids(nginx.pid!).every((pid) => holdsOpen(pid, config.eventsLog)),
        { timeoutMs: 10_000 },
      );
    },
  };
}
