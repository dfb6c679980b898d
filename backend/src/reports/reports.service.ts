import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../clickhouse/clickhouse.service.js';
import { invalid } from '../common/domain-error.js';
import { SiteService } from '../sites/site.service.js';
import type { OverviewQueryDto } from './dto/overview-query.dto.js';
import { overviewQuery } from './overview.query.js';

const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

export interface Overview {
  siteId: number;
  from: string;
  to: string;
  visitors: number;
  pageviews: number;
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly sites: SiteService,
    private readonly clickhouse: ClickHouseService,
  ) {}

  async overview(siteId: number, { from, to }: OverviewQueryDto): Promise<Overview> {
    if (dayNumber(to) < dayNumber(from)) throw invalid('to', 'must not be before from');
    if (dayNumber(to) - dayNumber(from) + 1 > MAX_RANGE_DAYS)
      throw invalid('to', `must be within ${MAX_RANGE_DAYS} days of from`);
    const site = this.sites.get(siteId);
    const [row] = await this.clickhouse.rows<{ visitors: string; pageviews: string }>(
      overviewQuery(site.id, { from, untilExclusive: nextDay(to), timeZone: site.timezone }),
    );
    return { siteId: site.id, from, to, visitors: Number(row.visitors), pageviews: Number(row.pageviews) };
  }
}
