import type { CreateFeatureFlagDto } from '../flags/dto/feature-flag.dto.js';
import { FeatureFlagsService } from '../flags/feature-flags.service.js';
import { Injectable, Logger } from '@nestjs/common';
import { CHECKOUT_EXPERIMENT, DEMO_SITE_IDENTITY, type SeedPlan } from '@sluice/traffic';
import { DEMO_SITE } from '@sluice/config';
import { AnnotationsService } from '../annotations/annotations.service.js';
import { addDays, localDateOf } from '../common/calendar.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { errorMessage } from '../common/error-message.js';
import { DashboardsService } from '../dashboards/dashboards.service.js';
import type { CreateWidgetDto } from '../dashboards/dto/dashboard.dto.js';
import type { CreateGoalDto } from '../goals/dto/goal.dto.js';
import { GoalsService } from '../goals/goals.service.js';
import { VisitFinalizer } from '../reports/visit-finalizer.js';
import type { CreateSegmentDto } from '../segments/dto/segment.dto.js';
import { SegmentsService } from '../segments/segments.service.js';
import { SitesService } from '../sites/sites.service.js';
import type { User } from '../users/user.entity.js';
import type { DemoSiteStatus } from './demo-site-status.js';
import { DemoRows } from './demo-rows.js';
import { demoPlan, demoRowChunks, firstDemoDay } from './demo-traffic.js';
import { LiveDemoTraffic } from './live-demo-traffic.js';

/**
 * What the demo shop's owner would track as goals: its generated sign-ups, purchases, pricing views and blog
 * posts read through.
 */
const DEMO_GOALS: CreateGoalDto[] = [
  // First: the goal a flag's results are judged by unless another is chosen (its checkout experiment's).
  { name: 'Purchased', kind: 'event', match: 'purchase' },
  { name: 'Signed up', kind: 'event', match: 'signup' },
  { name: 'Saw pricing', kind: 'page', match: '/pricing' },
  { name: 'Read a blog post', kind: 'scroll', match: '/blog/*', scrollDepth: 75 },
];

/** Notes its owner would have made on the charts: how many days ago, and what happened. */
const DEMO_ANNOTATIONS: Array<{ daysAgo: number; text: string }> = [
  { daysAgo: 18, text: 'New checkout page deployed' },
  { daysAgo: 6, text: 'Summer catalogue published' },
];

/** The visitors its owner would look at apart, as segments of filters. */
const DEMO_SEGMENTS: CreateSegmentDto[] = [
  { name: 'Mobile visitors from Germany', filters: ['country:DE', 'device:mobile'] },
  { name: 'Paid traffic', filters: ['channel:paid'] },
];

/**
 * The flag its cart page reads (the generated traffic's CHECKOUT_EXPERIMENT): a one-step checkout tried on half
 * the visitors, whose results the Flags page shows as an A/B test.
 */
const DEMO_FLAG: CreateFeatureFlagDto = {
  key: CHECKOUT_EXPERIMENT.flag,
  description: 'One-step checkout, tried on half the cart’s visitors',
  enabled: true,
  rollout: 100,
  variants: CHECKOUT_EXPERIMENT.variants.map((key) => ({ key, weight: 50 })),
  rules: [{ attribute: 'path', operator: 'in', values: [CHECKOUT_EXPERIMENT.page] }],
};

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
      kind: 'funnel',
      width: 3,
    },
  ],
};

/**
 * Demo sites: a site of its own with two months of generated traffic (@sluice/traffic) up to now, four goals,
 * two annotations, two segments, a feature flag under test and a dashboard, so a new install shows every report before its own site sends anything. The rows go
 * straight into ClickHouse (DemoRows), then the days the finalizer had already written are written again
 * with them, and the site's traffic goes on live (LiveDemoTraffic). A demo site is a site like any other: its
 * creator is granted it, and deleting it erases its rows.
 */
@Injectable()
export class DemoSites {
  private readonly logger = new Logger('DemoSite');
  /** Each demo site's progress since this process started. */
  private readonly progress = new Map<number, DemoSiteStatus>();

  constructor(
    private readonly sites: SitesService,
    private readonly goals: GoalsService,
    private readonly dashboards: DashboardsService,
    private readonly annotations: AnnotationsService,
    private readonly segments: SegmentsService,
    private readonly flags: FeatureFlagsService,
    private readonly finalizer: VisitFinalizer,
    private readonly rows: DemoRows,
    private readonly live: LiveDemoTraffic,
  ) {}

  /**
   * A new demo site with `events` rows over the last DEMO_SITE.days days, written in the background. One at a time:
   * each is a long insert and a finalization of the days it touches.
   */
  async create(user: User, events: number): Promise<DemoSiteStatus> {
    if ([...this.progress.values()].some(({ stage }) => stage === 'writing' || stage === 'finalizing'))
      throw new DomainError(ErrorCode.Conflict, 'a demo site is being written: add another once it is ready');
    const { name, domain, timezone } = DEMO_SITE_IDENTITY;
    const site = await this.sites.create(user, {
      name,
      domain,
      timezone,
      privacyMode: DEMO_SITE.privacyMode,
    });
    for (const goal of DEMO_GOALS) await this.goals.create(user, site.id, goal);
    const { dashboard } = await this.dashboards.create(user, site.id, DEMO_DASHBOARD.name);
    for (const widget of DEMO_DASHBOARD.widgets)
      await this.dashboards.addWidget(user, site.id, dashboard.id, widget);
    const now = new Date();
    const today = localDateOf(now.getTime(), timezone);
    for (const { daysAgo, text } of DEMO_ANNOTATIONS)
      await this.annotations.create(user, site.id, { date: addDays(today, -daysAgo), text });
    for (const segment of DEMO_SEGMENTS) await this.segments.create(user, site.id, segment);
    await this.flags.create(user, site.id, DEMO_FLAG);
    const status: DemoSiteStatus = {
      siteId: site.id,
      stage: 'writing',
      rows: events,
      rowsWritten: 0,
      until: now.toISOString(),
      error: null,
    };
    this.progress.set(site.id, status);
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

  private async write(status: DemoSiteStatus, plan: SeedPlan, now: Date): Promise<void> {
    try {
      await this.rows.insert(
        demoRowChunks(status.siteId, plan, { until: now }, (rows) => (status.rowsWritten += rows)),
      );
      // Rows after `now` were left out: what was written is the whole, and the live traffic goes on from there.
      status.rows = status.rowsWritten;
      this.live.follow(status.siteId, now);
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
