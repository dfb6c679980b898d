import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '../metadata/data-source-options.js';
import type { MetadataStoreKind } from './manifest.js';
import {
  putSecretColumns,
  takeSecretColumns,
  type SecretColumnValues,
  type SqlRunner,
} from './secret-columns.js';

/** Where the metadata lives: as the backend's settings say (BACKEND_DATA_DIR, DATABASE_URL). */
export interface MetadataLocation {
  dataDir: string;
  databaseUrl?: string;
}

/** The SQLite file's name in the data folder (`dataSourceOptions`). */
export const SQLITE_FILE = 'metadata.sqlite';
/** TypeORM's record of the migrations run: restore runs the archive's instead of copying it. */
const MIGRATIONS_TABLE = 'migrations';
/** Where the copy goes in the archive. */
export const METADATA_FOLDER = 'metadata';

export interface MetadataCopy {
  store: MetadataStoreKind;
  migrations: string[];
  secrets: SecretColumnValues[];
}

/** This version's metadata migrations, by the names TypeORM records. */
export const knownMetadataMigrations = (): string[] => MIGRATIONS.map((Migration) => new Migration().name);

const storeOf = (location: MetadataLocation): MetadataStoreKind =>
  location.databaseUrl ? 'postgres' : 'sqlite';

function sqliteRunner(db: BetterSqlite3.Database): SqlRunner {
  const bound = (params: unknown[]) =>
    params.map((value) => (typeof value === 'boolean' ? Number(value) : value));
  return {
    all: async (statement, params = []) =>
      db.prepare(statement).all(...bound(params)) as Array<Record<string, unknown>>,
    run: async (statement, params = []) => void db.prepare(statement).run(...bound(params)),
  };
}

function postgresRunner(client: pg.Client): SqlRunner {
  const numbered = (statement: string) => {
    let n = 0;
    return statement.replace(/\?/g, () => `$${++n}`);
  };
  return {
    all: async (statement, params = []) => (await client.query(numbered(statement), params)).rows,
    run: async (statement, params = []) => void (await client.query(numbered(statement), params)),
  };
}

/** Every value as PostgreSQL's text: written back as text, each column's type reads it exactly. */
const asText = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

async function withPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, types: asText });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The metadata tables (not TypeORM's record), parents before the tables whose foreign keys name them. */
async function tablesInDependencyOrder(db: SqlRunner): Promise<string[]> {
  const tables = (
    await db.all(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  )
    .map((row) => String(row.name))
    .filter((name) => name !== MIGRATIONS_TABLE);
  const links = await db.all(
    `SELECT DISTINCT tc.table_name AS child, ccu.table_name AS parent
     FROM information_schema.table_constraints tc
     JOIN information_schema.constraint_column_usage ccu
       ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema
     WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`,
  );
  const ordered: string[] = [];
  const remaining = new Set(tables);
  while (remaining.size > 0) {
    const ready = [...remaining].filter((table) =>
      links.every(
        (link) => link.child !== table || link.parent === table || !remaining.has(String(link.parent)),
      ),
    );
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${[...remaining].join(', ')}`);
    for (const table of ready) {
      ordered.push(table);
      remaining.delete(table);
    }
  }
  return ordered;
}

/**
 * Copies the metadata into `folder`, its secret columns blanked (their values returned, for the sealed file).
 * SQLite: a consistent online copy (SQLite's backup API, through better-sqlite3) of the live file. PostgreSQL: no
 * `pg_dump` binary needed: every table's rows as JSON (each value as PostgreSQL's text), read in one
 * repeatable-read transaction, so one snapshot; the secret columns are blanked inside it and rolled back.
 */
export async function copyMetadataOut(location: MetadataLocation, folder: string): Promise<MetadataCopy> {
  mkdirSync(folder, { recursive: true });
  if (location.databaseUrl)
    return withPostgres(location.databaseUrl, async (client) => {
      const db = postgresRunner(client);
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      try {
        const migrations = await migrationNames(db);
        const secrets = await takeSecretColumns(db);
        for (const table of await tablesInDependencyOrder(db))
          writeFileSync(
            join(folder, `${table}.json`),
            JSON.stringify(await db.all(`SELECT * FROM "${table}"`)),
          );
        return { store: 'postgres', migrations, secrets };
      } finally {
        await client.query('ROLLBACK');
      }
    });
  const copyPath = join(folder, SQLITE_FILE);
  const live = new BetterSqlite3(join(location.dataDir, SQLITE_FILE), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    await live.backup(copyPath);
  } finally {
    live.close();
  }
  const copy = new BetterSqlite3(copyPath);
  try {
    // One self-contained file (no -wal beside it).
    copy.pragma('journal_mode = DELETE');
    const db = sqliteRunner(copy);
    const migrations = await migrationNames(db);
    const secrets = await takeSecretColumns(db);
    // The blanked values must not linger in free pages of the copy.
    copy.exec('VACUUM');
    return { store: 'sqlite', migrations, secrets };
  } finally {
    copy.close();
  }
}

async function migrationNames(db: SqlRunner): Promise<string[]> {
  return (await db.all(`SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY id`)).map((row) => String(row.name));
}

/** Why the archive's metadata can't be restored by this installation, or undefined when it can. */
export function metadataMismatch(location: MetadataLocation, store: MetadataStoreKind): string | undefined {
  const here = storeOf(location);
  return here === store
    ? undefined
    : `The archive holds ${store === 'sqlite' ? 'a SQLite' : 'a PostgreSQL'} metadata database and this installation uses ${here === 'sqlite' ? 'SQLite' : 'PostgreSQL (DATABASE_URL)'}: restore it into the same kind of store`;
}

/**
 * Replaces the metadata with the copy in `folder` and puts the secret columns back. SQLite: the copy is completed
 * beside the live file, then renamed over it (one step). PostgreSQL: the archive's migrations run (those of its
 * version: the backend's start runs any newer ones), then, in one transaction, every table is emptied and
 * refilled, parents first, and the id sequences move past the restored ids.
 */
export async function copyMetadataIn(
  location: MetadataLocation,
  folder: string,
  migrations: string[],
  secrets: SecretColumnValues[],
): Promise<void> {
  if (!location.databaseUrl) {
    mkdirSync(location.dataDir, { recursive: true, mode: 0o700 });
    const livePath = join(location.dataDir, SQLITE_FILE);
    const restoring = `${livePath}.restoring`;
    copyFileSync(join(folder, SQLITE_FILE), restoring);
    const db = new BetterSqlite3(restoring);
    try {
      await putSecretColumns(sqliteRunner(db), secrets);
    } finally {
      db.close();
    }
    for (const leftover of ['-wal', '-shm']) rmSync(`${livePath}${leftover}`, { force: true });
    renameSync(restoring, livePath);
    return;
  }
  const schema = new DataSource({
    ...dataSourceOptions(location),
    migrations: MIGRATIONS.filter((Migration) => migrations.includes(new Migration().name)),
  } as DataSourceOptions);
  await schema.initialize();
  await schema.destroy();
  await withPostgres(location.databaseUrl, async (client) => {
    const db = postgresRunner(client);
    await client.query('BEGIN');
    try {
      const tables = await tablesInDependencyOrder(db);
      await db.run(`TRUNCATE ${tables.map((table) => `"${table}"`).join(', ')} RESTART IDENTITY CASCADE`);
      for (const table of tables) {
        const rows = JSON.parse(readFileSync(join(folder, `${table}.json`), 'utf8')) as Array<
          Record<string, unknown>
        >;
        for (const row of rows) {
          const columns = Object.keys(row);
          await db.run(
            `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
            columns.map((column) => row[column]),
          );
        }
      }
      await putSecretColumns(db, secrets);
      for (const serial of await db.all(
        `SELECT table_name AS t, column_name AS c FROM information_schema.columns
         WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`,
      ))
        await db.run(
          `SELECT setval(pg_get_serial_sequence('"${serial.t}"', '${serial.c}'), COALESCE(MAX("${serial.c}"), 1), MAX("${serial.c}") IS NOT NULL) FROM "${serial.t}"`,
        );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  });
}
