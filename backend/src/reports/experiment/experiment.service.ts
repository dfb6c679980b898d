import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../../clickhouse/clickhouse.service.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { percentOf } from '../percent.js';
import { experimentSql } from '../query/experiment.js';
import { refuseOptions, reportHeader } from '../report-kind.js';
import { ReportsService } from '../reports.service.js';
import type { ExperimentQueryDto } from './dto/experiment-query.dto.js';
import type { ExperimentReportDto } from './dto/experiment-report.dto.js';

/** A row of experimentSql: counts come as strings (64-bit). */
interface ExperimentRow {
  variant: string;
  visitors: string;
  conversions: string;
}

/** A feature flag's values compared by a goal (query/experiment.ts): the numbers of an A/B test. */
@Injectable()
export class ExperimentService {
  constructor(
    private readonly reports: ReportsService,
    private readonly clickhouse: ClickHouseService,
  ) {}

  async experiment(siteId: number, dto: ExperimentQueryDto): Promise<ExperimentReportDto> {
    const { goal, ...base } = await this.reports.baseQuery(siteId, dto);
    refuseOptions(base, 'experiment');
    if (!goal)
      throw new DomainError(ErrorCode.Validation, 'goal: the experiment report compares by a goal: name one');
    const rows = await this.clickhouse.rows<ExperimentRow>(experimentSql({ ...base, flag: dto.flag, goal }));
    return {
      ...reportHeader(base),
      flag: dto.flag,
      goal: dto.goal!,
      variants: rows.map((row) => {
        const [visitors, conversions] = [Number(row.visitors), Number(row.conversions)];
        return {
          variant: row.variant,
          visitors,
          conversions,
          conversionRate: percentOf(conversions, visitors),
        };
      }),
    };
  }
}
