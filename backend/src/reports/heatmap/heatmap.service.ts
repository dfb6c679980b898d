import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../../clickhouse/clickhouse.service.js';
import {
  GRID_COLUMNS,
  GRID_ROW_PX,
  heatmapCellsSql,
  heatmapElementsSql,
  SCROLL_DEPTHS,
  scrollDepthSql,
  type HeatmapOptions,
  CLICK_EVENTS,
} from '../query/heatmap.js';
import type { ReportQuery } from '../query/report-query.js';
import { refuseOptions, reportHeader } from '../report-kind.js';
import { ReportsService } from '../reports.service.js';
import type { HeatmapQueryDto } from './dto/heatmap-query.dto.js';
import type { HeatmapReportDto } from './dto/heatmap-report.dto.js';

type Counts<K extends string> = Record<K, string>;

/** Percent of a whole, one decimal, half up; 0 of nothing. */
const percentOf = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10);

/** A page's heatmap: click density by cell, the most clicked elements, and how far down views scrolled. */
@Injectable()
export class HeatmapService {
  constructor(
    private readonly reports: ReportsService,
    private readonly clickhouse: ClickHouseService,
  ) {}

  private async query(siteId: number, dto: HeatmapQueryDto): Promise<[ReportQuery, HeatmapOptions]> {
    const base = await this.reports.baseQuery(siteId, dto);
    refuseOptions(base, 'heatmap');
    return [
      { ...base, metrics: [] },
      { page: dto.page, viewport: dto.viewport, limit: dto.limit ?? 20 },
    ];
  }

  async heatmap(siteId: number, dto: HeatmapQueryDto): Promise<HeatmapReportDto> {
    const [query, options] = await this.query(siteId, dto);
    const [cells, [elements, names], [scroll]] = await Promise.all([
      this.clickhouse.rows<Counts<'column' | 'row' | 'clicks'>>(heatmapCellsSql(query, options)),
      this.namedElements(query, options),
      this.clickhouse.rows<Counts<'views' | `reached_${(typeof SCROLL_DEPTHS)[number]}`>>(
        scrollDepthSql(query, options.page),
      ),
    ]);
    const views = Number(scroll?.views ?? 0);
    return {
      ...reportHeader(query),
      page: options.page,
      viewport: options.viewport ?? null,
      grid: { columns: GRID_COLUMNS, rowPx: GRID_ROW_PX },
      cells: cells.map((cell) => ({
        column: Number(cell.column),
        row: Number(cell.row),
        clicks: Number(cell.clicks),
      })),
      elements: elements.map(({ fingerprint, clicks, visitors }) => ({
        fingerprint,
        name: names.get(fingerprint)?.name ?? '',
        nameSource: names.get(fingerprint)?.source ?? 'heuristic',
        clicks: Number(clicks),
        visitors: Number(visitors),
      })),
      scroll: {
        views,
        depths: SCROLL_DEPTHS.map((depth) => {
          const reached = Number(scroll?.[`reached_${depth}`] ?? 0);
          return { depth, views: reached, percent: percentOf(reached, views) };
        }),
      },
    };
  }

  /** The page's most clicked elements, then what each is called after its latest click on the page. */
  private async namedElements(query: ReportQuery, options: HeatmapOptions) {
    const elements = await this.clickhouse.rows<
      Counts<'clicks' | 'visitors' | 'latest'> & { fingerprint: string }
    >(heatmapElementsSql(query, options));
    const names = await this.reports.namesOfClicks(
      query,
      elements.map(({ fingerprint, latest }) => ({ fingerprint, latest: Number(latest) })),
      CLICK_EVENTS,
    );
    return [elements, names] as const;
  }

  /** The heatmap's cells as CSV (column, row, clicks), the grid the JSON answer describes. */
  async cellsCsv(siteId: number, dto: HeatmapQueryDto): Promise<Readable> {
    const [query, options] = await this.query(siteId, dto);
    return this.clickhouse.csv(heatmapCellsSql(query, options));
  }
}
