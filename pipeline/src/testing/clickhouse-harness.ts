import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { sampleEventRow, type EventRow } from '@sluice/config';
import { freePort, startClickHouse, waitUntil, type RunningClickHouse } from '@sluice/services';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../migrations/migrations';

const account = (username: string) => ({ username, password: randomBytes(12).toString('hex') });

/** Sluice's three ClickHouse accounts, with fresh passwords. */
export const sluiceAccounts = () => ({
  admin: account('sluice_admin'),
  ingest: account('sluice_ingest'),
  reader: account('sluice_reader'),
});

/** A private ClickHouse 18.16 with Sluice's three accounts, for one test file (of any package). */
export class ClickHouseHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'sluice-ch-'));
  readonly database = 'sluice';
  readonly credentials = sluiceAccounts();
  server!: RunningClickHouse;
  ports!: { http: number; tcp: number };
  admin!: ClickHouseClient;

  async start(): Promise<this> {
    this.ports ??= { http: await freePort(), tcp: await freePort() };
    this.server = await startClickHouse({
      dir: join(this.dir, 'clickhouse'),
      httpPort: this.ports.http,
      tcpPort: this.ports.tcp,
      database: this.database,
      credentials: this.credentials,
    });
    this.admin ??= createClient({ url: this.server.url, ...this.credentials.admin });
    return this;
  }

  /** The server's HTTP address. */
  get url(): string {
    return this.server.url;
  }

  target(role: 'admin' | 'ingest' | 'reader') {
    return { url: this.server.url, database: this.database, ...this.credentials[role] };
  }

  migrate() {
    return runMigrations(this.target('admin'));
  }

  async query<T>(query: string): Promise<T[]> {
    const result = await this.admin.query({ query, format: 'JSONEachRow' });
    return result.json<T>();
  }

  async command(statement: string): Promise<void> {
    await this.admin.command({ query: statement });
  }

  async distinctEventIds(siteId: number): Promise<number> {
    const [row] = await this.query<{ n: string }>(
      `SELECT uniqExact(event_id) AS n FROM ${this.database}.events WHERE site_id = ${Number(siteId)}`,
    );
    return Number(row.n);
  }

  /** A site's rows as stored, copies included: what distinctEventIds hides. */
  async rawRows(siteId: number): Promise<number> {
    const [row] = await this.query<{ n: string }>(
      `SELECT count() AS n FROM ${this.database}.events WHERE site_id = ${Number(siteId)}`,
    );
    return Number(row.n);
  }

  /**
   * Merges every partition of the events table into one part (merges must be running): exact copies,
   * which at-least-once delivery leaves, collapse, and raw rows are then the events there are.
   */
  async mergeEvents(): Promise<void> {
    const partitions = await this.query<{ partition: string }>(
      `SELECT DISTINCT partition FROM system.parts WHERE database = '${this.database}' AND table = 'events' AND active`,
    );
    // OPTIMIZE merges nothing, and still succeeds, while a merge already runs on those parts: with
    // optimize_throw_if_noop it fails instead, and is tried again (that refusal is no error to log).
    const quiet = createClient({
      url: this.server.url,
      ...this.credentials.admin,
      log: { level: ClickHouseLogLevel.OFF },
    });
    try {
      for (const { partition } of partitions)
        await waitUntil(`the merge of partition ${partition}`, async () => {
          await quiet.command({
            query: `OPTIMIZE TABLE ${this.database}.events PARTITION ${Number(partition)} FINAL`,
            clickhouse_settings: { optimize_throw_if_noop: 1 },
          });
          return true;
        });
    } finally {
      await quiet.close();
    }
  }

  /** The tables of every mutation ClickHouse recorded for the rows of `siteId` (siteMutations). */
  siteMutations(siteId: number): Promise<string[]> {
    return siteMutations((query) => this.query(query), this.database, siteId);
  }

  async stop(): Promise<void> {
    await this.admin?.close();
    await this.server?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The tables of every mutation ClickHouse recorded for the rows of `siteId`, one entry per mutation, sorted:
 * what a deletion or an expiry really issued, as `system.mutations` (which keeps finished ones too) says.
 */
export async function siteMutations(
  query: <T>(query: string) => Promise<T[]>,
  database: string,
  siteId: number,
): Promise<string[]> {
  const mutations = await query<{ table: string; command: string }>(
    `SELECT table, command FROM system.mutations WHERE database = '${database}'`,
  );
  const ofSite = new RegExp(`\\bsite_id = ${siteId}\\b`);
  return mutations
    .filter(({ command }) => ofSite.test(command))
    .map(({ table }) => table)
    .sort();
}

/** A contract row with a fresh event id and visitor. */
export function eventRow(overrides: Partial<EventRow> = {}): EventRow {
  return sampleEventRow({ visitor_id: randomBytes(16).toString('hex'), ...overrides });
}
