import { createClient, type ClickHouseClient } from '@clickhouse/client';

/** Where and as whom to reach ClickHouse. */
export interface ClickHouseTarget {
  url: string;
  username: string;
  password: string;
  database: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The database name goes into DDL as an identifier, so it must be one. */
export function checkedDatabase(database: string): string {
  if (!IDENTIFIER.test(database))
    throw new Error(`CLICKHOUSE_DATABASE must be an identifier, got "${database}"`);
  return database;
}

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
  };
}
