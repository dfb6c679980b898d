import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_JSON_PATH } from '@sluice/config';
import { LUA_DIR, startEdge } from '@sluice/edge';
import { SHIPPER_NODE_ARGS } from '@sluice/pipeline';
import { httpOk, ManagedProcess, PortInUseError, startClickHouse, waitUntil } from '@sluice/services';
import { dataPaths, processEnvironment, type Pipeline, type StackSettings } from './settings';

export interface StackPart {
  name: string;
  /** Where it listens or what it does, for the start banner. */
  where: string;
  /** Its process (nginx's master for the edge). */
  process: ManagedProcess;
  stop(): Promise<void>;
}

export interface RunningStack {
  parts: StackPart[];
  edgeUrl: string;
  /** Where the admin panel and /api/ are served: `edgeUrl` unless they have a listener of their own. */
  adminUrl: string;
  edgeErrorLog: string;
  backendUrl: string;
  clickhouseUrl: string;
  /**
   * The backend's announcement of the owner account, when this start created it: the email and, without
   * ADMIN_PASSWORD, the one-time password (printed once, on this start only).
   */
  ownerNotice?: string;
  /** Resolves with the name of the first part that exits on its own. */
  firstExit: Promise<string>;
  stop(): Promise<void>;
}

export type ProgressLog = (line: string) => void;

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts ClickHouse, the backend (which migrates and writes the sites file), the edge and the
 * shipper (or Vector where it is installed), in that order, each one ready before the next.
 * If any part fails to start, the parts already running are stopped again.
 */
/** Where nginx's workers run when the stack starts as root: Debian's unprivileged account. */
const EDGE_WORKER = { user: 'nobody', group: 'nogroup' };

function groupId(name: string): number {
  const line = readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line) throw new Error(`no group ${name} in /etc/group`);
  return Number(line.split(':')[2]);
}

/** What to do when ClickHouse's ports are taken, in the settings' own words. */
function portClash(error: PortInUseError, clickhouse: StackSettings['clickhouse']): Error {
  const setting = error.port === clickhouse.httpPort ? 'CLICKHOUSE_HTTP_PORT' : 'CLICKHOUSE_TCP_PORT';
  return new Error(
    `ClickHouse can't listen on ${error.message} (${setting}). Sluice runs its own ClickHouse server: either ` +
      "stop what holds the port (for Debian's service: sudo systemctl disable --now clickhouse-server), or " +
      'choose free ports with CLICKHOUSE_HTTP_PORT and CLICKHOUSE_TCP_PORT in .env.',
  );
}

/**
 * The edge's workers must read the sites file (mode 0640: it holds signing secrets) and write the
 * salts. Run as a user, they are that user. Run as root, they are nobody:nogroup, so the data folder
 * goes to group nogroup with the setgid bit: everything created in it inherits the group, which is
 * what lets the workers read, and nobody else. Returns the workers' account for the nginx config.
 */
function shareDataWithEdgeWorkers(dataDir: string, sitesFile: string) {
  if (process.getuid?.() !== 0) {
    chmodSync(dataDir, 0o750);
    return undefined;
  }
  const gid = groupId(EDGE_WORKER.group);
  chownSync(dataDir, 0, gid);
  chmodSync(dataDir, 0o2750);
  if (existsSync(sitesFile)) chownSync(sitesFile, 0, gid);
  return EDGE_WORKER;
}

export async function startStack(
  settings: StackSettings,
  log: ProgressLog = console.log,
): Promise<RunningStack> {
  const paths = dataPaths(settings);
  const { root, clickhouse, backend, edge } = settings;
  const parts: StackPart[] = [];
  const stopAll = async () => {
    for (const part of [...parts].reverse()) {
      log(`Stopping ${part.name}…`);
      await part.stop();
    }
  };
  // Every folder a part writes exists before it starts: Vector refuses to start without its data_dir.
  for (const dir of [paths.events, paths.logs, paths.shipper, paths.vector])
    mkdirSync(dir, { recursive: true });
  const workerUser = shareDataWithEdgeWorkers(settings.dataDir, paths.sitesFile);
  const pipeline: Pipeline = onPath('vector') ? 'vector' : 'shipper';

  try {
    log(`Starting ClickHouse on 127.0.0.1:${clickhouse.httpPort} (data in ${paths.clickhouse})…`);
    const clickhouseServer = await startClickHouse({
      dir: paths.clickhouse,
      httpPort: clickhouse.httpPort,
      tcpPort: clickhouse.tcpPort,
      database: clickhouse.database,
      credentials: { admin: clickhouse.admin, ingest: clickhouse.ingest, reader: clickhouse.reader },
    }).catch((error: unknown) => {
      throw error instanceof PortInUseError ? portClash(error, clickhouse) : error;
    });
    parts.push({
      name: 'clickhouse',
      where: `${clickhouseServer.url} (loopback)`,
      process: clickhouseServer.process,
      stop: clickhouseServer.stop,
    });

    log(`Starting the backend on ${backend.host}:${backend.port} (runs ClickHouse migrations first)…`);
    const backendLog = join(paths.logs, 'backend.log');
    const backendLogStart = existsSync(backendLog) ? statSync(backendLog).size : 0;
    const backendProcess = new ManagedProcess({
      name: 'backend',
      command: process.execPath,
      args: [join(root, 'backend', 'dist', 'src', 'main.js')],
      env: processEnvironment('backend', settings, pipeline),
      logFile: backendLog,
    });
    const backendUrl = `http://${backend.host}:${backend.port}`;
    parts.push({
      name: 'backend',
      where: `${backendUrl}/api/ (loopback)`,
      process: backendProcess,
      stop: () => backendProcess.stop(),
    });
    await waitUntil('the backend', () => httpOk(`${backendUrl}/api/health`), { process: backendProcess });

    log(`Starting the edge on ${edge.host}:${edge.port}…`);
    const runningEdge = await startEdge({
      target: 'debian',
      listenHost: edge.host,
      listenPort: edge.port,
      prefix: paths.edge,
      eventsLog: paths.eventsLog,
      sitesFile: paths.sitesFile,
      flagsDir: paths.flagsDir,
      stateDir: paths.edgeState,
      contractJson: CONTRACT_JSON_PATH,
      luaDir: LUA_DIR,
      trackerDir: join(root, 'tracker', 'dist'),
      adminDir: join(root, 'frontend', 'dist', 'admin'),
      backendUpstream: `${backend.host}:${backend.port}`,
      trustedProxies: edge.trustedProxies,
      workerProcesses: 'auto',
      workerUser,
      metricsHost: '127.0.0.1',
      metricsPort: edge.metricsPort,
      rateLimit: edge.rateLimit,
      connectionLimit: edge.connectionLimit,
      adminListen: edge.adminListen,
      adminServerName: edge.adminServerName,
      geoDatabase: edge.geoDatabase,
      disk: edge.disk,
      logDir: paths.logs,
    });
    parts.push({
      name: 'edge',
      where:
        (edge.adminListen || edge.adminServerName
          ? `http://${edge.host}:${edge.port}/telemetry/ (public); admin panel and /api/ at ` +
            `${edge.adminServerName ?? runningEdge.adminUrl}${edge.adminListen ? ` on ${runningEdge.adminUrl}` : ''}; `
          : `http://${edge.host}:${edge.port}/ (public: /telemetry/, admin panel, /api/); `) +
        `metrics at ${runningEdge.metricsUrl}`,
      process: runningEdge.process,
      stop: runningEdge.stop,
    });

    const useVector = pipeline === 'vector';
    log(
      useVector ? 'Starting Vector (pipeline/vector.yaml)…' : 'Starting the shipper (no `vector` on PATH)…',
    );
    const shipper = new ManagedProcess({
      name: useVector ? 'vector' : 'shipper',
      command: useVector ? 'vector' : process.execPath,
      args: useVector ? ['--config', join(root, 'pipeline', 'vector.yaml')] : SHIPPER_NODE_ARGS,
      env: processEnvironment(pipeline, settings, pipeline),
      logFile: join(paths.logs, useVector ? 'vector.log' : 'shipper.log'),
    });
    parts.push({
      name: shipper.options.name,
      where:
        `${paths.events} → ClickHouse ${clickhouse.database}.events` +
        (useVector || settings.shipper.metricsPort === undefined
          ? ''
          : `; metrics at http://127.0.0.1:${settings.shipper.metricsPort}/metrics`),
      process: shipper,
      stop: () => shipper.stop(),
    });

    const firstExit = Promise.race(parts.map((part) => part.process.waitForExit().then(() => part.name)));
    return {
      parts,
      edgeUrl: runningEdge.url,
      adminUrl: runningEdge.adminUrl,
      edgeErrorLog: runningEdge.errorLog,
      backendUrl,
      clickhouseUrl: clickhouseServer.url,
      ownerNotice: ownerNotice(backendLog, backendLogStart),
      firstExit,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The backend's line about the owner account it created, if it wrote one after `from` in its log. */
function ownerNotice(logFile: string, from: number): string | undefined {
  // The backend logs JSON lines: the message ends where its string does.
  return /Owner account created: [^"\n]*/.exec(readFileSync(logFile).subarray(from).toString('utf8'))?.[0];
}
