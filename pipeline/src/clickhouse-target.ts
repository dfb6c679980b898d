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

/** Reads a required variable, naming it when it is missing. */
export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

export function clickhouseTargetFromEnv(
  role: 'ADMIN' | 'INGEST',
  env: NodeJS.ProcessEnv = process.env,
): ClickHouseTarget {
  return {
    url: requiredEnv('CLICKHOUSE_URL', env),
    username: requiredEnv(`CLICKHOUSE_${role}_USER`, env),
    password: requiredEnv(`CLICKHOUSE_${role}_PASSWORD`, env),
    database: checkedDatabase(env.CLICKHOUSE_DATABASE || 'sluice'),
    cluster: env.CLICKHOUSE_CLUSTER ? checkedCluster(env.CLICKHOUSE_CLUSTER) : undefined,
  };
}
