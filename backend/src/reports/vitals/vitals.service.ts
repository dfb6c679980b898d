import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../../clickhouse/clickhouse.service.js';
import { spreadsheetSafe } from '../query/csv.js';
import { VITAL_NAMES, vitalsSql, type VitalName } from '../query/vitals.js';
import { bind, identifier, joinSql, sql } from '../../clickhouse/sql-binder.js';
import { eventReportQuery, type EventReportQuery } from '../event-report.js';
import { rowsLimit } from '../dto/rows-limit.js';
import { reportHeader } from '../report-kind.js';
import { ReportsService } from '../reports.service.js';
import type { VitalsQueryDto } from './dto/vitals-query.dto.js';
import type { VitalDto, VitalsDto, VitalsReportDto } from './dto/vitals-report.dto.js';

/** A row of vitalsSql: counts come as strings (64-bit), percentiles as numbers. */
type VitalsRow = Record<string, string | number>;

/** Percent of `part` in `whole`, two decimals, half up (as the visit metrics round); 0 of nothing. */
const share = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.floor((10000 * part) / whole + 0.5) / 100;

function vitalOf(row: VitalsRow | undefined, name: VitalName): VitalDto {
  const count = (suffix: string) => Number(row?.[`${name}_${suffix}`] ?? 0);
  const samples = count('samples');
  return {
    samples,
    // A Float32 CLS comes as its nearest double (0.15000000596…): four decimals say all it measures.
    p75: samples === 0 ? null : Math.round(count('p75') * 10_000) / 10_000,
    good: share(count('good'), samples),
    needsImprovement: share(count('needs_improvement'), samples),
    poor: share(count('poor'), samples),
  };
}

const vitalsOf = (row: VitalsRow | undefined): VitalsDto => ({
  engagements: Number(row?.engagements ?? 0),
  ...(Object.fromEntries(VITAL_NAMES.map((name) => [name, vitalOf(row, name)])) as Record<
    VitalName,
    VitalDto
  >),
});

/** Web vitals: p75 of LCP, INP and CLS, and their shares of good / needs improvement / poor (query/vitals.ts). */
@Injectable()
export class VitalsService {
  constructor(
    private readonly reports: ReportsService,
    private readonly clickhouse: ClickHouseService,
  ) {}

  async vitals(siteId: number, dto: VitalsQueryDto): Promise<VitalsReportDto> {
    const query = await this.query(siteId, dto);
    const limit = rowsLimit(dto);
    const vitals = vitalsSql(query, dto.dimension, { limit, overall: true });
    // Without a dimension the one row is the overall; with one, the overall comes as its totals.
    const { rows: found, totals: overall } = dto.dimension
      ? await this.clickhouse.rowsWithTotals<VitalsRow>(vitals)
      : { rows: [], totals: (await this.clickhouse.rows<VitalsRow>(vitals))[0] };
    return {
      ...reportHeader(query),
      dimension: dto.dimension,
      overall: vitalsOf(overall),
      rows: found.slice(0, limit).map((row) => ({ value: String(row.value), ...vitalsOf(row) })),
      truncated: found.length > limit,
    };
  }

  /** The overall row, or with a dimension the rows, as CSV streamed from ClickHouse: counts and p75s. */
  async vitalsCsv(siteId: number, dto: VitalsQueryDto): Promise<Readable> {
    const query = await this.query(siteId, dto);
    const limit = rowsLimit(dto);
    const vitals = vitalsSql(query, dto.dimension, { limit, overall: false });
    const columns = [
      ...(dto.dimension ? [sql`${spreadsheetSafe(sql`value`)} AS value`] : []),
      sql`engagements`,
      ...VITAL_NAMES.flatMap((name) =>
        ['samples', 'p75', 'good', 'needs_improvement', 'poor'].map((suffix) =>
          identifier(`${name}_${suffix}`),
        ),
      ),
    ];
    return this.clickhouse.csv({
      name: `${vitals.name}:csv`,
      // The query reads one row more than the limit (whether there are more): the file holds the limit.
      sql: sql`SELECT ${joinSql(columns, ', ')} FROM (${vitals.sql}) LIMIT ${bind.uint32(limit)}`,
    });
  }

  private async query(siteId: number, dto: VitalsQueryDto): Promise<EventReportQuery> {
    return eventReportQuery(await this.reports.baseQuery(siteId, dto), 'vitals');
  }
}
