import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { freePort, ManagedProcess, portInUse, waitUntil } from '@sluice/processes';

/** The three ClickHouse accounts Sluice uses, each with only what its job needs. */
export interface ClickHouseCredentials {
  /** Runs migrations and retention: DDL on the Sluice database. */
  admin: { username: string; password: string };
  /** The shipper (or Vector): writes events, and may not change the schema (allow_ddl=0). */
  ingest: { username: string; password: string };
  /** The backend's reports: read-only queries (readonly=2 still lets a query set its own limits). */
  reader: { username: string; password: string };
}

/** One node of a ClickHouse cluster: where the cluster's nodes and its ZooKeeper are, and which node this is. */
export interface ClusterNode {
  /** The cluster's name in `remote_servers` (CLICKHOUSE_CLUSTER). */
  name: string;
  zookeeperPort: number;
  /** The native (TCP) ports of every node, shard by shard. */
  shards: number[][];
  /** This node's macros, filled into replicated tables' paths. */
  shard: string;
  replica: string;
  /** Replicas fetch parts from each other over this port. */
  interserverPort: number;
}

export interface ClickHouseOptions {
  /** Everything the server writes (data, logs, generated config) stays under this folder. */
  dir: string;
  httpPort: number;
  tcpPort: number;
  database: string;
  credentials: ClickHouseCredentials;
  cluster?: ClusterNode;
  /**
   * Record every query in `system.query_log` (rows read, duration), for benchmarks: off by default, as
   * each query then costs a log row.
   */
  queryLog?: boolean;
}

export interface RunningClickHouse {
  url: string;
  process: ManagedProcess;
  stop(): Promise<void>;
}

const LOOPBACK = ['127.0.0.1', '::1'];

/** An account limited to loopback and one database; `password` '' means none (see leaderForwarding). */
function userXml(name: string, password: string, profile: string, database: string): string {
  const hash = createHash('sha256').update(password).digest('hex');
  const secret =
    password === '' ? '<password></password>' : `<password_sha256_hex>${hash}</password_sha256_hex>`;
  const networks = LOOPBACK.map((ip) => `<ip>${ip}</ip>`).join('');
  return `<${name}>${secret}<networks>${networks}</networks><profile>${profile}</profile><quota>default</quota><allow_databases><database>${database}</database></allow_databases></${name}>`;
}

/**
 * users.xml in the 18.16 format (modern servers read it too). There is no passwordless
 * `default` user: every account has a generated password and is limited to loopback and
 * to the Sluice database.
 *
 * 18.16 has no grants, so each account's limits are its profile's settings. The reader's readonly=2
 * holds: a query can't lift it. The ingest account's allow_ddl=0 refuses DROP, ALTER, CREATE,
 * TRUNCATE, RENAME, OPTIMIZE and SYSTEM, but 18.16 checks only `SET allow_ddl`, not the same setting
 * passed with a query, and it has no per-table rights (nor the row filters of later versions): ingest
 * can still read and insert into every table of the database. What keeps that in bounds natively is
 * that only the shipper holds its password and the server listens on loopback; modern servers
 * (compose) grant it INSERT and SELECT on `events` alone (pipeline/clickhouse/docker-init).
 */
export function renderUsersXml(
  database: string,
  credentials: ClickHouseCredentials,
  { cluster = false, queryLog = false } = {},
): string {
  const { admin, ingest, reader } = credentials;
  // On a cluster, an insert into a Distributed table is acknowledged once its shards stored it, not
  // when it is queued on the node that took it: the pipeline's at-least-once rests on that answer.
  const distributedSync = cluster ? '<insert_distributed_sync>1</insert_distributed_sync>' : '';
  // 18.16 only: a replica that is not its table's leader forwards DROP PARTITION (retention) to the
  // leader as the passwordless `default` user, over loopback here. Modern servers let any replica drop,
  // and a real cluster runs them (Vector needs ≥ 21.12), so this exists only in a local test cluster.
  const leaderForwarding = cluster ? userXml('default', '', 'default', database) : '';
  const logQueries = queryLog ? '<log_queries>1</log_queries>' : '';
  // A query's threads, for every account (each profile starts from `default`): 18.16 counts the
  // physical cores from the CPU's own description and finds 1 on virtual machines that have 2 (this
  // project's CI host), so every query ran on one core. The cores this host offers instead: a 30-day
  // page breakdown 209 -> 178 ms, a funnel by country 228 -> 166 (docs/benchmarks.md).
  const threads = `<max_threads>${availableParallelism()}</max_threads>`;
  return `<yandex>
  <profiles>
    <default><max_memory_usage>8000000000</max_memory_usage>${threads}<load_balancing>random</load_balancing>${distributedSync}${logQueries}</default>
    <ingest><profile>default</profile><allow_ddl>0</allow_ddl></ingest>
    <reports><readonly>2</readonly><allow_ddl>0</allow_ddl><max_execution_time>30</max_execution_time>${logQueries}</reports>
  </profiles>
  <users>
    ${userXml(admin.username, admin.password, 'default', database)}
    ${userXml(ingest.username, ingest.password, 'ingest', database)}
    ${userXml(reader.username, reader.password, 'reports', database)}
    ${leaderForwarding}
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;
}

/** Where ON CLUSTER DDL is queued in ZooKeeper: the node `name` under `parent`. */
const DDL_QUEUE = { parent: '/clickhouse/task_queue', name: 'ddl' };

/**
 * A cluster node's part of config.xml. Distributed tables reach the other nodes as the admin
 * account; ON CLUSTER DDL is queued in ZooKeeper and run by every node.
 */
function clusterXml(cluster: ClusterNode, admin: ClickHouseCredentials['admin']): string {
  const replica = (port: number) =>
    `<replica><host>127.0.0.1</host><port>${port}</port><user>${admin.username}</user><password>${admin.password}</password></replica>`;
  const shards = cluster.shards
    .map(
      (ports) =>
        `<shard><internal_replication>true</internal_replication>${ports.map(replica).join('')}</shard>`,
    )
    .join('');
  return `
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <interserver_http_port>${cluster.interserverPort}</interserver_http_port>
  <zookeeper><node><host>127.0.0.1</host><port>${cluster.zookeeperPort}</port></node></zookeeper>
  <macros><shard>${cluster.shard}</shard><replica>${cluster.replica}</replica></macros>
  <distributed_ddl><path>${DDL_QUEUE.parent}/${DDL_QUEUE.name}</path></distributed_ddl>
  <remote_servers><${cluster.name}>${shards}</${cluster.name}></remote_servers>`;
}

/**
 * A self-contained server config: no file outside `dir` is read or written, and it listens on loopback only.
 * `listen_try` 0: a port it cannot bind stops the server instead of leaving it up without that port.
 */
export function renderServerXml(
  dir: string,
  httpPort: number,
  tcpPort: number,
  cluster = '',
  { queryLog = false } = {},
): string {
  // Where the profiles' log_queries write; flushed every 7.5 s or by SYSTEM FLUSH LOGS.
  const queryLogTable = queryLog
    ? '\n  <query_log><database>system</database><table>query_log</table><flush_interval_milliseconds>7500</flush_interval_milliseconds></query_log>'
    : '';
  return `<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><size>100M</size><count>3</count></logger>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <listen_try>0</listen_try>
  <max_connections>1024</max_connections>
  <keep_alive_timeout>10</keep_alive_timeout>
  <max_concurrent_queries>100</max_concurrent_queries>
  <uncompressed_cache_size>1073741824</uncompressed_cache_size>
  <mark_cache_size>1073741824</mark_cache_size>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>${cluster}${queryLogTable}
</yandex>
`;
}

/** A port the server needs is taken; `holder` says by what, where that can be told. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly holder: string,
  ) {
    super(`127.0.0.1:${port} is already in use${holder ? ` (${holder})` : ''}`);
  }
}

/**
 * Debian's clickhouse-server package starts a system service on 8123/9000 when installed on a host with
 * systemd: the usual holder of those ports, and the one worth naming.
 */
function systemServiceHolder(): string {
  const result = spawnSync('systemctl', ['is-active', 'clickhouse-server'], { encoding: 'utf8' });
  return result.stdout?.trim() === 'active' ? "the system's clickhouse-server service is running" : '';
}

/** What the server answers `query` with as this stack's admin account. */
async function askAsAdmin(
  url: string,
  admin: ClickHouseCredentials['admin'],
  query: string,
): Promise<string> {
  const response = await fetch(`${url}/?query=${encodeURIComponent(query)}`, {
    headers: { 'X-ClickHouse-User': admin.username, 'X-ClickHouse-Key': admin.password },
    signal: AbortSignal.timeout(2000),
  });
  const body = (await response.text()).trim();
  if (!response.ok) throw new Error(`ClickHouse answered ${response.status}: ${body.slice(0, 200)}`);
  return body;
}

/**
 * Ready when the server answers a query as this stack's admin account: a `/ping` would also be answered by
 * another server on the same port, which knows neither the account nor its generated password.
 */
const answersAsAdmin = async (url: string, admin: ClickHouseCredentials['admin']) =>
  (await askAsAdmin(url, admin, 'SELECT 1')) === '1';

/**
 * A cluster node takes ON CLUSTER DDL only once it reaches ZooKeeper. 18.16 listens before its DDL worker's
 * thread has connected, and an ON CLUSTER query in that gap dereferences the worker's missing session: the
 * server segfaults in `zkutil::ZooKeeper::createImpl` (seen twice on CI's loaded host; reproduced every time
 * by pausing ZooKeeper while a node starts). The worker's thread asks for the server's one session before the
 * server listens, so an answer from `system.zookeeper` means the worker holds it too; the queue's node, which
 * the first worker creates, says a worker got that far.
 */
const reachesDdlQueue = async (url: string, admin: ClickHouseCredentials['admin']) =>
  (await askAsAdmin(
    url,
    admin,
    `SELECT count() FROM system.zookeeper WHERE path = '${DDL_QUEUE.parent}' AND name = '${DDL_QUEUE.name}'`,
  )) === '1';

/**
 * Starts a private clickhouse-server (Debian's 18.16 here) and resolves once it answers a query as the admin
 * account (and, on a cluster, can take ON CLUSTER DDL). Refuses with a PortInUseError when its ports are taken,
 * rather than waiting on someone else's server.
 */
export async function startClickHouse(options: ClickHouseOptions): Promise<RunningClickHouse> {
  const { dir, httpPort, tcpPort, database, credentials, cluster, queryLog } = options;
  for (const port of [httpPort, tcpPort]) {
    if (await portInUse(port)) throw new PortInUseError(port, systemServiceHolder());
  }
  const configDir = join(dir, 'config');
  mkdirSync(configDir, { recursive: true });
  const clusterConfig = cluster ? clusterXml(cluster, credentials.admin) : '';
  writeFileSync(
    join(configDir, 'config.xml'),
    renderServerXml(dir, httpPort, tcpPort, clusterConfig, { queryLog }),
    {
      mode: 0o600,
    },
  );
  writeFileSync(
    join(configDir, 'users.xml'),
    renderUsersXml(database, credentials, { cluster: cluster !== undefined, queryLog }),
    { mode: 0o600 },
  );

  const process = new ManagedProcess({
    name: 'clickhouse',
    command: 'clickhouse-server',
    args: ['--config-file', join(configDir, 'config.xml')],
    logFile: join(dir, 'stdout.log'),
    stopTimeoutMs: 30_000,
  });
  const url = `http://127.0.0.1:${httpPort}`;
  // A cluster node's answer from ZooKeeper is an answer as the admin account too: one probe says both.
  const ready = cluster
    ? () => reachesDdlQueue(url, credentials.admin)
    : () => answersAsAdmin(url, credentials.admin);
  // A server that never became ready is stopped: left running, it would keep the test process alive.
  await waitUntil(cluster ? 'ClickHouse with its DDL worker' : 'ClickHouse', ready, {
    process,
    timeoutMs: 60_000,
  }).catch(async (error: unknown) => {
    await process.stop();
    throw error;
  });
  return { url, process, stop: () => process.stop() };
}

/** Starts of startClickHouseOnFreePorts before it gives up. */
const PORT_ATTEMPTS = 3;

/**
 * Starts a private clickhouse-server (startClickHouse) for a test or a benchmark on two ports free a moment
 * ago (freePort), chosen again when another process bound one of them first: services started side by side
 * race for ports (a CI run lost one such race: its server logged "Address already in use" and every test of
 * that process failed), and a lost race says nothing about what is tested. `choosePort`: freePort, or a
 * test's own.
 */
export async function startClickHouseOnFreePorts(
  options: Omit<ClickHouseOptions, 'httpPort' | 'tcpPort'>,
  choosePort: () => Promise<number> = freePort,
): Promise<RunningClickHouse> {
  const errorLog = join(options.dir, 'error.log');
  for (let attempt = 1; ; attempt++) {
    rmSync(errorLog, { force: true });
    try {
      return await startClickHouse({ ...options, httpPort: await choosePort(), tcpPort: await choosePort() });
    } catch (error) {
      const lostRace =
        error instanceof PortInUseError ||
        (existsSync(errorLog) && readFileSync(errorLog, 'utf8').includes('Address already in use'));
      if (!lostRace || attempt === PORT_ATTEMPTS) throw error;
    }
  }
}
