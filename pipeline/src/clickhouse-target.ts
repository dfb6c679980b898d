import { readSettings, type Environment } from '@sluice/config';
import { createClient, type ClickHouseClient } from '@clickhouse/client';

/** Where and as whom to reach ClickHouse. */
export interface ClickHouseTarget {
  url: string;
  username: string;
  password: string;
  database: string;
  /**
   * The cluster's name in `remote_servers` when ClickHouse is a cluster (CLICKHOUSE_CLUSTER): the
   * schema is then the replicated variant (migrations/cluster-ddl.ts). Unset for one server.
   */
  cluster?: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkedIdentifier(variable: string, value: string): string {
  if (!IDENTIFIER.test(value)) throw new Error(`${variable} must be an identifier, got "${value}"`);
  return value;
}

/** The database name goes into DDL as an identifier, so it must be one. */
export const checkedDatabase = (database: string) => checkedIdentifier('CLICKHOUSE_DATABASE', database);

/** So does the cluster's name. */
export const checkedCluster = (cluster: string) => checkedIdentifier('CLICKHOUSE_CLUSTER', cluster);

/**
 * Client options for the admin account's long work: migrations, retention and erasure here, finalizing
 * days and writing a demo site in the backend. On a cluster each DDL statement runs ON CLUSTER and
 * ClickHouse answers once every node has run it, or after its own distributed_ddl_task_timeout (180 s)
 * with an error naming the nodes that had not: timing out first would hide that error and leave the
 * statement running. A week of every site's visits can take minutes to finalize on a busy server. A
 * progress header every 10 s keeps such a wait's connection alive through proxies; ClickHouse still
 * reports a failure as an error (checked on 18.16).
 */
export const ADMIN_WORK_OPTIONS = {
  request_timeout: 600_000,
  clickhouse_settings: { send_progress_in_http_headers: 1, http_headers_progress_interval_ms: '10000' },
} as const;

/** The shipper's inserts give up after 30 s and are retried; the admin tasks use no default database. */
export function clickhouseClient(target: ClickHouseTarget, purpose: 'ingest' | 'admin'): ClickHouseClient {
  return createClient({
    url: target.url,
    username: target.username,
    password: target.password,
    ...(purpose === 'ingest'
      ? { database: checkedDatabase(target.database), request_timeout: 30_000 }
      : ADMIN_WORK_OPTIONS),
  });
}

/** Where the admin CLIs (migrations, retention) or the pipeline reach ClickHouse, read by the settings schema. */
export function clickhouseTargetFromEnv(
  role: 'ADMIN' | 'INGEST',
  env: Environment = process.env,
): ClickHouseTarget {
  if (role === 'ADMIN') {
    const settings = readSettings(env, [
      'CLICKHOUSE_URL',
      'CLICKHOUSE_DATABASE',
      'CLICKHOUSE_CLUSTER',
      'CLICKHOUSE_ADMIN_USER',
      'CLICKHOUSE_ADMIN_PASSWORD',
    ]);
    return {
      url: settings.CLICKHOUSE_URL,
      database: settings.CLICKHOUSE_DATABASE,
      cluster: settings.CLICKHOUSE_CLUSTER,
      username: settings.CLICKHOUSE_ADMIN_USER,
      password: settings.CLICKHOUSE_ADMIN_PASSWORD,
    };
  }
  const settings = readSettings(env, [
    'CLICKHOUSE_URL',
    'CLICKHOUSE_DATABASE',
    'CLICKHOUSE_INGEST_USER',
    'CLICKHOUSE_INGEST_PASSWORD',
  ]);
  return {
    url: settings.CLICKHOUSE_URL,
    database: settings.CLICKHOUSE_DATABASE,
    username: settings.CLICKHOUSE_INGEST_USER,
    password: settings.CLICKHOUSE_INGEST_PASSWORD,
  };
}
