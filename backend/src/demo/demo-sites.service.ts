import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { DEMO_SITE_IDENTITY, ROW_BINARY_INSERT, type SeedPlan } from '@sluice/traffic';
import { Readable } from 'node:stream';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { errorMessage } from '../common/error-message.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DashboardsService } from '../dashboards/dashboards.service.js';
import type { CreateWidgetDto } from '../dashboards/dto/dashboard.dto.js';
import type { CreateGoalDto } from '../goals/dto/goal.dto.js';
import { GoalsService } from '../goals/goals.service.js';
import { VisitFinalizer } from '../reports/visit-finalizer.js';
import { SitesService } from '../sites/sites.service.js';
import type { User } from '../users/user.entity.js';
import type { DemoSiteStatus } from './demo-site-status.js';
import { demoPlan, demoRowChunks, firstDemoDay } from './demo-traffic.js';

/** What the demo shop's owner would track as goals: its generated sign-ups, purchases and pricing views. */
const DEMO_GOALS: CreateGoalDto[] = [
  { name: 'Signed up', kind: 'event', match: 'signup' },
  { name: 'Purchased', kind: 'event', match: 'purchase' },
  { name: 'Saw pricing', kind: 'page', match: '/pricing' },
];

/** The demo shop's dashboard: the numbers its owner would look at every morning, as saved views. */
const DEMO_DASHBOARD: { name: string; widgets: CreateWidgetDto[] } = {
  name: 'The shop at a glance',
  widgets: [
    { reportKey: 'overview', query: 'period=30d', kind: 'metrics', width: 3 },
    { reportKey: 'overview', query: 'period=30d&metric=visitors', kind: 'chart', width: 2 },
    { reportKey: 'overview', query: 'period=30d', kind: 'breakdown', dimension: 'channel', width: 1 },
    { reportKey: 'overview', query: 'period=30d', kind: 'breakdown', dimension: 'page', width: 1 },
    { reportKey: 'overview', query: 'period=30d', kind: 'breakdown', dimension: 'country', width: 1 },
    { reportKey: 'overview', query: 'period=30d', kind: 'breakdown', dimension: 'device', width: 1 },
    {
      reportKey: 'funnels',
      query: 'period=30d&step=page:/&step=page:/pricing&step=event:add_to_cart',
      kind: 'link',
      width: 1,
    },
  ],
};

/**
 * Demo sites: a site of its own with two months of generated traffic (@sluice/traffic), three goals and a
 * dashboard, so a new install
 * shows every report before its own site sends anything. The rows go straight into ClickHouse as the
 * admin account, as the pipeline would have stored them (the materialized views fill the rollups), then
 * the days the finalizer had already written are written again with them. A demo site is a site like
 * any other: its creator is granted it, and deleting it erases its rows.
 */
@Injectable()
export class DemoSites implements OnModuleDestroy {
  private readonly logger = new Logger('DemoSite');
  private readonly client: ClickHouseClient;
  /** Each demo site's progress since this process started. */
  private readonly progress = new Map<number, DemoSiteStatus>();

  constructor(
    private readonly sites: SitesService,
    private readonly goals: GoalsService,
    private readonly dashboards: DashboardsService,
    private readonly finalizer: VisitFinalizer,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const { url, database, admin } = config.clickhouse;
    // One INSERT streams every row: ClickHouse answers once it has read them all.
    this.client = createClient({ url, database, ...admin, request_timeout: 600_000 });
  }

  /**
   * A new demo site with `events` rows over the last DEMO_SITE.days days, written in the background. One at a time:
   * each is a long insert and a finalization of the days it touches.
   */
  async create(user: User, events: number): Promise<DemoSiteStatus> {
    if ([...this.progress.values()].some(({ stage }) => stage === 'writing' || stage === 'finalizing'))
      throw new DomainError(ErrorCode.Conflict, 'a demo site is being written: add another once it is ready');
    const { name, domain, timezone } = DEMO_SITE_IDENTITY;
    const site = await this.sites.create(user, { name, domain, timezone });
    for (const goal of DEMO_GOALS) await this.goals.create(user, site.id, goal);
    const { dashboard } = await this.dashboards.create(user, site.id, DEMO_DASHBOARD.name);
    for (const widget of DEMO_DASHBOARD.widgets)
      await this.dashboards.addWidget(user, site.id, dashboard.id, widget);
    const status: DemoSiteStatus = {
      siteId: site.id,
      stage: 'writing',
      rows: events,
      rowsWritten: 0,
      error: null,
    };
    this.progress.set(site.id, status);
    const now = new Date();
    void this.write(status, demoPlan(now, events), now);
    return { ...status };
  }

  /** The demo site's progress; not found for any other site, or one this process did not write. */
  status(siteId: number): DemoSiteStatus {
    const status = this.progress.get(siteId);
    if (!status)
      throw new DomainError(ErrorCode.NotFound, `site ${siteId} has no demo traffic being written`);
    return { ...status };
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.close();
  }

  private async write(status: DemoSiteStatus, plan: SeedPlan, now: Date): Promise<void> {
    try {
      const chunks = demoRowChunks(status.siteId, plan, now, (rows) => (status.rowsWritten += rows));
      const { stream } = await this.client.exec({ query: ROW_BINARY_INSERT, values: Readable.from(chunks) });
      stream.resume();
      // Rows after `now` were left out: what was written is the whole.
      status.rows = status.rowsWritten;
      status.stage = 'finalizing';
      await this.finalizer.finalizeAgain(firstDemoDay(plan), new Date());
      status.stage = 'ready';
      this.logger.log(`Demo site ${status.siteId}: ${status.rows} rows written`);
    } catch (error) {
      status.stage = 'failed';
      status.error = errorMessage(error);
      this.logger.error(`Demo site ${status.siteId}: writing its traffic failed (${status.error})`);
    }
  }
}
