import {
  checkedCluster,
  checkedDatabase,
  clickhouseClient,
  type ClickHouseTarget,
} from '../clickhouse-target';
import { FINALIZED_RECORDS, FINALIZED_TABLES } from '../finalized-tables';
import { localTable } from '../migrations/cluster-ddl';

/**
 * Tables partitioned by month (toYYYYMM, first in the key): the events, the rollups fed from them, and the
 * finalized tables (by month and slot since migration 0024) and their records.
 */
const MONTHLY_TABLES = [
  'events',
  'traffic_hourly',
  'sessions_daily',
  ...FINALIZED_TABLES,
  ...FINALIZED_RECORDS,
] as const;

/** A partition id whose month comes first: `202611`, or `202611-1` (a month and a slot). */
const MONTH_PARTITION = /^(\d{6})(-\d+)?$/;

export interface RetentionOptions extends ClickHouseTarget {
  /** Months of data to keep: a partition goes once all of its month is older than this. */
  months: number;
  now?: Date;
  log?: (line: string) => void;
}

/** The first month to keep, as toYYYYMM gives it: `months` calendar months before now's month. */
export function oldestKeptMonth(now: Date, months: number): number {
  if (!Number.isInteger(months) || months < 1) throw new Error(`retention months must be ≥ 1, got ${months}`);
  const monthIndex = now.getUTCFullYear() * 12 + now.getUTCMonth() - months;
  return Math.floor(monthIndex / 12) * 100 + (monthIndex % 12) + 1;
}

/**
 * Drops the monthly partitions of every month before oldestKeptMonth from the events and the rollups:
 * whole parts leave at once, no mutation rewrites rows (18.16 has no TTL). Running it again drops
 * nothing new. On a cluster, the partitions of every node's local tables go, ON CLUSTER.
 */
export async function dropExpiredPartitions(options: RetentionOptions): Promise<{ dropped: string[] }> {
  const database = checkedDatabase(options.database);
  const cluster = options.cluster && checkedCluster(options.cluster);
  const keepFrom = oldestKeptMonth(options.now ?? new Date(), options.months);
  const log = options.log ?? (() => {});
  const tables = MONTHLY_TABLES.map((table) => (cluster ? localTable(table) : table));
  const client = clickhouseClient(options, 'admin');
  try {
    const result = await client.query({
      query: `SELECT DISTINCT table, partition_id FROM ${cluster ? `cluster(${cluster}, system.parts)` : 'system.parts'}
        WHERE active AND database = '${database}' AND table IN (${tables.map((t) => `'${t}'`).join(', ')})
        ORDER BY table, partition_id`,
      format: 'JSONEachRow',
    });
    const parts = await result.json<{ table: string; partition_id: string }>();
    const dropped: string[] = [];
    for (const { table, partition_id: partition } of parts) {
      // Anything not of a month is not ours to drop.
      const month = MONTH_PARTITION.exec(partition)?.[1];
      if (month === undefined || Number(month) >= keepFrom) continue;
      log(`Dropping ${table} partition ${partition} (older than ${options.months} months)…`);
      await client.command({
        query: `ALTER TABLE ${database}.${table}${cluster ? ` ON CLUSTER ${cluster}` : ''} DROP PARTITION ID '${partition}'`,
      });
      dropped.push(`${table} ${partition}`);
    }
    return { dropped };
  } finally {
    await client.close();
  }
}
