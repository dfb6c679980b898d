import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import {
  checkedCluster,
  checkedDatabase,
  clickhouseClient,
  type ClickHouseTarget,
} from '../clickhouse-target';
import { ClusterDdl, replicaPath } from './cluster-ddl';

export const MIGRATIONS_DIR = join(__dirname, '..', '..', '..', 'migrations');

export interface Migration {
  version: number;
  name: string;
  up: string[];
  down: string[];
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.(up|down)\.sql$/;

/** Splits a file into statements: each ends with `;` at the end of a line. */
function statements(sql: string, database: string): string[] {
  return sql
    .replace(/\{database\}/g, database)
    .split(/;\s*$/m)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}

/** Every migration in the folder, in version order; each must have both an up and a down file. */
export function loadMigrations(database: string, dir = MIGRATIONS_DIR): Migration[] {
  const byVersion = new Map<number, { name: string; up?: string[]; down?: string[] }>();
  for (const file of readdirSync(dir)) {
    const match = FILE_NAME.exec(file);
    if (!match) continue;
    const version = Number(match[1]);
    const entry = byVersion.get(version) ?? { name: match[2] };
    entry[match[3] as 'up' | 'down'] = statements(readFileSync(join(dir, file), 'utf8'), database);
    byVersion.set(version, entry);
  }
  return [...byVersion.entries()]
    .map(([version, { name, up, down }]) => {
      if (!up || !down) throw new Error(`migration ${version} needs both an up and a down file`);
      return { version, name, up, down };
    })
    .sort((a, b) => a.version - b.version);
}

/**
 * The migrations as a cluster runs them (see cluster-ddl.ts): every up in order, then every down
 * from the newest, each translated with what the statements before it created.
 */
function clusterMigrations(migrations: Migration[], database: string, cluster: string): Migration[] {
  const ddl = new ClusterDdl(database, cluster);
  const ups = migrations.map((migration) => migration.up.flatMap((statement) => ddl.translate(statement)));
  const downs = [...migrations]
    .reverse()
    .map((migration) => migration.down.flatMap((statement) => ddl.translate(statement)))
    .reverse();
  return migrations.map((migration, i) => ({ ...migration, up: ups[i], down: downs[i] }));
}

export interface MigrationOptions extends ClickHouseTarget {
  log?: (line: string) => void;
  dir?: string;
}

/**
 * The migrations' bookkeeping in ClickHouse. It is insert-only (every up or down is a row and the
 * latest per version wins), so it needs no mutations and works alike on 18.16 and modern servers.
 */
class MigrationStore {
  private readonly client: ClickHouseClient;
  private readonly database: string;
  private readonly onCluster: string;
  private readonly engine: string;
  private lastAt = 0;

  constructor(target: ClickHouseTarget) {
    this.database = checkedDatabase(target.database);
    this.client = clickhouseClient(target, 'admin');
    // On a cluster the bookkeeping is replicated to every node (no shard in its path), so the
    // migrations can run from any of them.
    this.onCluster = target.cluster ? ` ON CLUSTER ${checkedCluster(target.cluster)}` : '';
    this.engine = target.cluster
      ? `ReplicatedMergeTree(${replicaPath(this.database, 'schema_migrations', false)})`
      : 'MergeTree()';
  }

  async run(query: string): Promise<void> {
    // A backfill or copy through Distributed tables is stored on its shards before the next statement.
    await this.client.command({
      query,
      clickhouse_settings: this.onCluster ? { insert_distributed_sync: 1 } : {},
    });
  }

  async prepare(): Promise<void> {
    await this.run(`CREATE DATABASE IF NOT EXISTS ${this.database}${this.onCluster}`);
    await this.run(`CREATE TABLE IF NOT EXISTS ${this.database}.schema_migrations${this.onCluster}
      (version UInt32, name String, direction String, at_ms UInt64)
      ENGINE = ${this.engine} ORDER BY (version, at_ms)`);
  }

  async appliedVersions(): Promise<Set<number>> {
    const result = await this.client.query({
      query: `SELECT version FROM ${this.database}.schema_migrations GROUP BY version HAVING argMax(direction, at_ms) = 'up'`,
      format: 'JSONEachRow',
    });
    return new Set((await result.json<{ version: number }>()).map((row) => Number(row.version)));
  }

  async record(migration: Migration, direction: 'up' | 'down'): Promise<void> {
    this.lastAt = Math.max(Date.now(), this.lastAt + 1);
    await this.client.insert({
      table: `${this.database}.schema_migrations`,
      values: [{ version: migration.version, name: migration.name, direction, at_ms: this.lastAt }],
      format: 'JSONEachRow',
    });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** How runs report a migration: `0001_create_events`. */
export const migrationLabel = (migration: Pick<Migration, 'version' | 'name'>) =>
  `${String(migration.version).padStart(4, '0')}_${migration.name}`;

/** Runs `direction` for each chosen migration, in the given order, recording each one. */
async function migrate(
  options: MigrationOptions,
  direction: 'up' | 'down',
  choose: (migrations: Migration[], applied: Set<number>) => Migration[],
): Promise<string[]> {
  const log = options.log ?? (() => {});
  const written = loadMigrations(options.database, options.dir);
  const migrations = options.cluster
    ? clusterMigrations(written, options.database, checkedCluster(options.cluster))
    : written;
  const store = new MigrationStore(options);
  try {
    await store.prepare();
    const done: string[] = [];
    for (const migration of choose(migrations, await store.appliedVersions())) {
      log(
        `${direction === 'up' ? 'Applying' : 'Reverting'} ClickHouse migration ${migrationLabel(migration)}…`,
      );
      for (const statement of migration[direction]) await store.run(statement);
      await store.record(migration, direction);
      done.push(migrationLabel(migration));
    }
    return done;
  } finally {
    await store.close();
  }
}

/** Applies every pending migration in order; running it again applies nothing. */
export async function runMigrations(options: MigrationOptions): Promise<{ applied: string[] }> {
  const applied = await migrate(options, 'up', (migrations, done) =>
    migrations.filter((m) => !done.has(m.version)),
  );
  return { applied };
}

/** Runs the down steps of every applied migration above `to`, newest first. */
export async function rollbackMigrations(
  options: MigrationOptions & { to: number },
): Promise<{ reverted: string[] }> {
  const reverted = await migrate(options, 'down', (migrations, done) =>
    migrations.filter((m) => m.version > options.to && done.has(m.version)).reverse(),
  );
  return { reverted };
}
