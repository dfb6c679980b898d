import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { migrationLabel } from '@sluice/pipeline';
import { bind, identifier, joinSql, render, sql, type SqlFragment } from '../clickhouse/sql-binder.js';
import type { ClickHouseAccount } from '../config/app-config.js';
import { BackupError } from './backup-error.js';
import type { TableColumn } from './manifest.js';

export interface ClickHouseAdmin {
  url: string;
  database: string;
  admin: ClickHouseAccount;
}

/** A partition as it is now: its active parts and their signature (see `PartitionCopy`), and rows. */
export interface LivePartition {
  table: string;
  partition: string;
  parts: string[];
  signature: string;
  rows: number;
}

/** What a copied partition's file holds: its size and SHA-256, as written. */
export interface WrittenFile {
  bytes: number;
  sha256: string;
}

/** A partition's id is its parts' name up to the first `_` (`202611_3_7_1`, `all_1_1_0`): ids never hold one. */
export const partitionIdOf = (part: string): string => part.slice(0, part.indexOf('_'));

/** Columns an insert can't take: computed by the table itself. */
const COMPUTED = new Set(['MATERIALIZED', 'ALIAS']);

/** The migrations' own bookkeeping: a restore runs the migrations instead of copying it. */
const BOOKKEEPING = 'schema_migrations';

/** Counts and hashes the bytes passing through. */
function measuring(into: { bytes: number; hash: ReturnType<typeof createHash> }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      into.bytes += chunk.length;
      into.hash.update(chunk);
      done(null, chunk);
    },
  });
}

/**
 * ClickHouse's side of a backup, over the HTTP interface as the admin account: each partition of each table the
 * migrations create, copied as `Native` (the format 18.16 and modern servers both read and write, aggregate
 * states included), gzipped, and loaded back. Every statement goes through the binder.
 */
export class ClickHousePartitions {
  constructor(private readonly target: ClickHouseAdmin) {}

  /** One statement; `body` streams an insert's rows (the statement then travels in the URL). */
  private async request(statement: SqlFragment, body?: Readable): Promise<Response> {
    const url = new URL(this.target.url);
    url.searchParams.set('database', this.target.database);
    const text = render(statement);
    if (body) url.searchParams.set('query', text);
    const { username, password } = this.target.admin;
    const init = {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
      body: body ? (Readable.toWeb(body) as ReadableStream) : text,
      duplex: 'half',
    } as RequestInit;
    const response = await fetch(url, init);
    if (!response.ok)
      throw new BackupError(`ClickHouse refused "${text.slice(0, 100)}": ${(await response.text()).trim()}`);
    return response;
  }

  private async rows<T>(query: SqlFragment): Promise<T[]> {
    const response = await this.request(sql`${query} FORMAT JSON`);
    return ((await response.json()) as { data: T[] }).data;
  }

  /** The migrations applied, as `runMigrations` records them. */
  async appliedMigrations(): Promise<string[]> {
    const applied = await this.rows<{ version: number; name: string }>(
      sql`SELECT version, argMax(name, at_ms) AS name FROM schema_migrations
          GROUP BY version HAVING argMax(direction, at_ms) = 'up' ORDER BY version`,
    );
    return applied.map((row) => migrationLabel({ version: Number(row.version), name: row.name }));
  }

  /** Every table that holds rows (the MergeTree family: views hold none), with the columns an insert takes. */
  async tables(): Promise<Record<string, TableColumn[]>> {
    const tables = await this.rows<{ name: string }>(
      sql`SELECT name FROM system.tables WHERE database = ${bind.string(this.target.database)}
          AND engine LIKE '%MergeTree' AND name != ${bind.string(BOOKKEEPING)} ORDER BY name`,
    );
    const columns: Record<string, TableColumn[]> = {};
    for (const { name } of tables) {
      const described = await this.rows<{ name: string; type: string; default_type: string }>(
        sql`DESCRIBE TABLE ${identifier(name)}`,
      );
      columns[name] = described
        .filter((column) => !COMPUTED.has(column.default_type))
        .map(({ name: column, type }) => ({ name: column, type }));
    }
    return columns;
  }

  /** The partitions of `tables` that hold rows now. */
  async partitions(tables: string[]): Promise<LivePartition[]> {
    if (tables.length === 0) return [];
    return this.partitionsWhere(sql`table IN (${joinSql(tables.map(bind.string), ', ')})`);
  }

  private async partitionsWhere(condition: SqlFragment): Promise<LivePartition[]> {
    const live = await this.rows<Omit<LivePartition, 'rows'> & { rows: string }>(
      sql`SELECT table, partition, arraySort(groupArray(name)) AS parts,
            arrayStringConcat(arraySort(groupArray(concat(name, '@', toString(modification_time)))), ',') AS signature,
            sum(rows) AS rows
          FROM system.parts
          WHERE database = ${bind.string(this.target.database)} AND active AND ${condition}
          GROUP BY table, partition ORDER BY table, partition`,
    );
    return live.map((row) => ({ ...row, rows: Number(row.rows) }));
  }

  /**
   * A partition's rows, gzipped Native, into `path`: the rows of its parts, read by name. A merge finishing
   * meanwhile retires parts mid-read, so the parts are checked afterwards and the copy is taken again from the
   * new ones until it was read from parts all still active (ClickHouse never changes a part: the copy is then
   * exactly those parts' rows). Answers the partition as copied.
   */
  async copyOut(
    partition: LivePartition,
    columns: TableColumn[],
    path: string,
  ): Promise<LivePartition & WrittenFile> {
    let reading = partition;
    for (;;) {
      const written = await this.readParts(reading, columns, path);
      const [now] = await this.partitionsWhere(
        sql`table = ${bind.string(reading.table)} AND partition = ${bind.string(reading.partition)}`,
      );
      // A partition dropped meanwhile (retention) has nothing newer to read.
      if (!now || now.signature === reading.signature) return { ...reading, ...written };
      reading = now;
    }
  }

  private async readParts(
    partition: LivePartition,
    columns: TableColumn[],
    path: string,
  ): Promise<WrittenFile> {
    const response = await this.request(
      sql`SELECT ${joinSql(
        columns.map((column) => identifier(column.name)),
        ', ',
      )}
          FROM ${identifier(partition.table)}
          WHERE _part IN (${joinSql(partition.parts.map(bind.string), ', ')}) FORMAT Native`,
    );
    const written = { bytes: 0, hash: createHash('sha256') };
    await pipeline(
      Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
      createGzip(),
      measuring(written),
      createWriteStream(path),
    );
    return { bytes: written.bytes, sha256: written.hash.digest('hex') };
  }

  /** Replaces the partition with the rows of a file `copyOut` wrote. */
  async copyIn(table: string, partitionId: string, columns: TableColumn[], path: string): Promise<void> {
    await this.request(sql`ALTER TABLE ${identifier(table)} DROP PARTITION ID ${bind.string(partitionId)}`);
    await this.request(
      sql`INSERT INTO ${identifier(table)} (${joinSql(
        columns.map((column) => identifier(column.name)),
        ', ',
      )}) FORMAT Native`,
      createReadStream(path).pipe(createGunzip()),
    );
  }

  /**
   * Runs `load` with the materialized views detached: rows restored into `events` must not be counted again
   * into the rollups, which are restored from their own copies. They are attached again whatever happens (and a
   * server restart attaches them too: DETACH is not kept across one).
   */
  async withViewsDetached<T>(load: () => Promise<T>): Promise<T> {
    const views = await this.rows<{ name: string }>(
      sql`SELECT name FROM system.tables WHERE database = ${bind.string(this.target.database)}
          AND engine = 'MaterializedView' ORDER BY name`,
    );
    for (const { name } of views) await this.request(sql`DETACH TABLE ${identifier(name)}`);
    try {
      return await load();
    } finally {
      for (const { name } of views) await this.request(sql`ATTACH TABLE ${identifier(name)}`);
    }
  }
}
