import { bind, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import type { ReportQuery } from './report-query.js';

/** Sample rates are ten-thousandths: `SAMPLE n/10000`, a rational ClickHouse 18.16 and modern servers take. */
export const SAMPLE_PARTS = 10_000;

/**
 * `SAMPLE n/10000` after the events or finalized visits table of a sampled query; nothing for a whole
 * reading. Both tables are sampled by sipHash64(visitor_id), so one clause keeps the same visitors in each.
 */
export const sampleClause = (query: Pick<ReportQuery, 'sample'>): SqlFragment =>
  query.sample === undefined ? sql`` : sql`SAMPLE ${bind.uint32(query.sample)}/${bind.uint32(SAMPLE_PARTS)}`;
