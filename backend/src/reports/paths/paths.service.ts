import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../../clickhouse/clickhouse.service.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import {
  MAX_PATH_STEPS,
  neighboursCsvSql,
  neighboursSql,
  sessionPathsCsvSql,
  sessionPathsSql,
  type PathAnchor,
  type PathsQuery,
} from '../query/paths.js';
import { refuseOptions, reportHeader } from '../report-kind.js';
import { ReportsService } from '../reports.service.js';
import { VisitFinalizer } from '../visit-finalizer.js';
import type { PathsQueryDto, SessionPathsQueryDto } from './dto/paths-query.dto.js';
import type { PathNeighbourDto, PathsReportDto, SessionPathsReportDto } from './dto/paths-report.dto.js';

interface NeighbourRow {
  direction: 'page' | 'next' | 'previous';
  page: string;
  visits: string;
  percent: number;
}

/** Paths through a site's pages: a page's neighbours, and the session paths from or to a page. */
@Injectable()
export class PathsService {
  constructor(
    private readonly reports: ReportsService,
    private readonly clickhouse: ClickHouseService,
    private readonly finalizer: VisitFinalizer,
  ) {}

  private async query(siteId: number, dto: PathsQueryDto | SessionPathsQueryDto): Promise<PathsQuery> {
    const base = await this.reports.baseQuery(siteId, dto);
    refuseOptions(base, 'paths');
    return { ...base, metrics: [], pathsFinalizedThrough: this.finalizer.finalizedPathsThrough() };
  }

  async neighbours(siteId: number, dto: PathsQueryDto): Promise<PathsReportDto> {
    const query = await this.query(siteId, dto);
    const rows = await this.clickhouse.rows<NeighbourRow>(neighboursSql(query, dto.page, dto.limit ?? 10));
    const side = (direction: NeighbourRow['direction']): PathNeighbourDto[] =>
      rows
        .filter((row) => row.direction === direction)
        .map(({ page, visits, percent }) => ({ page, visits: Number(visits), percent }));
    return {
      ...reportHeader(query),
      page: dto.page,
      visits: Number(rows.find((row) => row.direction === 'page')?.visits ?? 0),
      next: side('next'),
      previous: side('previous'),
    };
  }

  /** The neighbours as CSV: a `page` row (the visits that viewed it), then next and previous rows. */
  async neighboursCsv(siteId: number, dto: PathsQueryDto): Promise<Readable> {
    const query = await this.query(siteId, dto);
    return this.clickhouse.csv(neighboursCsvSql(neighboursSql(query, dto.page, dto.limit ?? 10)));
  }

  async sessions(siteId: number, dto: SessionPathsQueryDto): Promise<SessionPathsReportDto> {
    const query = await this.query(siteId, dto);
    const steps = dto.steps ?? MAX_PATH_STEPS;
    const rows = await this.clickhouse.rows<{ pages: string[]; visits: string }>(
      sessionPathsSql(query, anchorOf(dto), steps, dto.limit ?? 10),
    );
    return {
      ...reportHeader(query),
      start: dto.start ?? null,
      end: dto.end ?? null,
      steps,
      paths: rows.map(({ pages, visits }) => ({ pages, visits: Number(visits) })),
    };
  }

  /** Session paths as CSV: each path its pages joined by ` > `, and its visits. */
  async sessionsCsv(siteId: number, dto: SessionPathsQueryDto): Promise<Readable> {
    const query = await this.query(siteId, dto);
    const paths = sessionPathsSql(query, anchorOf(dto), dto.steps ?? MAX_PATH_STEPS, dto.limit ?? 10);
    return this.clickhouse.csv(sessionPathsCsvSql(paths));
  }
}

/** Paths run from a start page or to an end page: one of them, never both. */
function anchorOf(dto: SessionPathsQueryDto): PathAnchor {
  if (dto.start !== undefined && dto.end === undefined) return { start: dto.start };
  if (dto.end !== undefined && dto.start === undefined) return { end: dto.end };
  throw new DomainError(ErrorCode.Validation, 'start: give exactly one of start and end');
}
