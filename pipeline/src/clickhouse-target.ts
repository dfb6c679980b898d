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

export function clickhouseClient(target: ClickHouseTarget, { withDatabase = true } = {}): ClickHouseClient {
  return createClient({
    url: target.url,
    username: target.username,
    password: target.password,
    database: withDatabase ? checkedDatabase(target.database) : undefined,
    request_timeout: 30_000,
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
