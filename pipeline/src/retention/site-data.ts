import {
  checkedCluster,
  checkedDatabase,
  clickhouseClient,
  type ClickHouseTarget,
} from '../clickhouse-target';
import type { ClickHouseClient } from '@clickhouse/client';
import { FINALIZED_TABLES, finalizedTimeColumn } from '../finalized-tables';
import { localTable } from '../migrations/cluster-ddl';
import { oldestKeptMonth } from './retention';

/** Every table that holds a site's rows, with its time column (none: the rows live as long as the site). */
const SITE_TABLES: ReadonlyArray<{ table: string; time?: string }> = [
  { table: 'events', time: 'ts' },
  { table: 'traffic_hourly', time: 'hour' },
  { table: 'sessions_daily', time: 'day' },
  ...FINALIZED_TABLES.map((table) => ({ table, time: finalizedTimeColumn(table) })),
  { table: 'autocapture_names' },
  { table: 'visitors_first_seen' },
];

/** A site id goes into SQL as a literal, so it must be one. */
function checkSiteId(siteId: number): void {
  if (!Number.isInteger(siteId) || siteId < 1)
    throw new Error(`a site id is a positive integer, got ${siteId}`);
}

/**
 * Deletes the rows of `siteId` (of months before `beforeMonth`, a toYYYYMM value, when given: then the
 * time-less tables keep theirs) with an `ALTER TABLE … DELETE` mutation, which ClickHouse applies in the
 * background (18.16 can't wait for one). On a cluster, on every node's local tables. Returns the tables
 * a mutation was issued for.
 *
 * A mutation rewrites the table's parts, so the daily expiry first asks whether the site has expired rows
 * at all (a read of old partitions that partition pruning keeps small): most days it has none.
 */
async function deleteSiteRows(
  target: ClickHouseTarget,
  siteId: number,
  beforeMonth?: number,
): Promise<string[]> {
  checkSiteId(siteId);
  const database = checkedDatabase(target.database);
  const cluster = target.cluster && checkedCluster(target.cluster);
  const client = clickhouseClient(target, 'admin');
  const issued: string[] = [];
  try {
    for (const { table, time } of SITE_TABLES) {
      if (beforeMonth !== undefined && !time) continue;
      const name = cluster ? localTable(table) : table;
      const where = `site_id = ${siteId}${beforeMonth === undefined ? '' : ` AND toYYYYMM(${time}) < ${beforeMonth}`}`;
      if (beforeMonth !== undefined && !(await hasRows(client, `${database}.${table}`, where))) continue;
      await client.command({
        query: `ALTER TABLE ${database}.${name}${cluster ? ` ON CLUSTER ${cluster}` : ''} DELETE WHERE ${where}`,
      });
      issued.push(table);
    }
    return issued;
  } finally {
    await client.close();
  }
}

/** Whether `table` (on a cluster: its Distributed table, so every shard answers) has rows `where`. */
async function hasRows(client: ClickHouseClient, table: string, where: string): Promise<boolean> {
  const result = await client.query({
    query: `SELECT 1 AS found FROM ${table} WHERE ${where} LIMIT 1`,
    format: 'JSONEachRow',
  });
  return (await result.json()).length > 0;
}

/** A deleted site's data, from every table (as the admin account). */
export const eraseSiteData = (target: ClickHouseTarget, siteId: number) => deleteSiteRows(target, siteId);

/** Where the erasure of a site stands. */
export interface SiteErasure {
  /** The tables that still hold rows of the site. */
  holding: string[];
  /**
   * Whether ClickHouse still has mutations to apply to these tables (an erasure or an expiry under way;
   * on a cluster, as far as the node asked knows). Rows left once none is: they arrived after the erasure.
   */
  mutating: boolean;
}

/** Where the erasure of `siteId` stands (as the admin account). */
export async function siteErasure(target: ClickHouseTarget, siteId: number): Promise<SiteErasure> {
  checkSiteId(siteId);
  const database = checkedDatabase(target.database);
  const client = clickhouseClient(target, 'admin');
  try {
    const holding: string[] = [];
    for (const { table } of SITE_TABLES)
      if (await hasRows(client, `${database}.${table}`, `site_id = ${siteId}`)) holding.push(table);
    const tables = SITE_TABLES.map(({ table }) => `'${target.cluster ? localTable(table) : table}'`);
    const mutating = await hasRows(
      client,
      'system.mutations',
      `database = '${database}' AND table IN (${tables.join(', ')}) AND is_done = 0`,
    );
    return { holding, mutating };
  } finally {
    await client.close();
  }
}

/**
 * A site's own retention, shorter than the server-wide one: its rows of whole months before the last
 * `months` (the time-less tables keep theirs).
 */
export const expireSiteData = (target: ClickHouseTarget, siteId: number, months: number, now = new Date()) =>
  deleteSiteRows(target, siteId, oldestKeptMonth(now, months));
