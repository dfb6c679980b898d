import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../clickhouse/clickhouse.service.js';
import { SitesService } from '../sites/sites.service.js';
import type { DateRangeDto } from './dto/date-range.dto.js';
import { overviewQuery, type OverviewRow } from './queries/overview.query.js';

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
    private readonly sites: SitesService,
    private readonly clickhouse: ClickHouseService,
  ) {}

  async overview(siteId: number, { from, to }: DateRangeDto): Promise<Overview> {
    const site = await this.sites.get(siteId);
    const [row] = await this.clickhouse.rows<OverviewRow>(overviewQuery(site, from, to));
    return { siteId: site.id, from, to, visitors: Number(row.visitors), pageviews: Number(row.pageviews) };
  }
}
