import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { DashboardWidget } from '../dashboards/dashboard-widget.entity.js';
import { DashboardsService } from '../dashboards/dashboards.service.js';
import {
  chartInterval,
  parseSavedView,
  savedFunnel,
  viewRange,
  viewReportParams,
} from '../dashboards/saved-view.js';
import { toWidgetResponse } from '../dashboards/dto/dashboard.dto.js';
import { minuteOf } from '../metadata/minute-window.js';
import type {
  BreakdownReportDto,
  OverviewReportDto,
  TimeseriesReportDto,
} from '../reports/dto/report.dto.js';
import type { FunnelReportDto } from '../reports/funnel/dto/funnel.dto.js';
import { FunnelService } from '../reports/funnel/funnel.service.js';
import { ReportsService } from '../reports/reports.service.js';
import type { Site } from '../sites/site.js';
import { SitesService } from '../sites/sites.service.js';
import { Passwords } from '../users/passwords.js';
import type { SharedViewResponse, SharedViewTokenResponse } from './dto/shared-link.dto.js';
import type { SharedLink } from './shared-link.entity.js';
import { SharedLinkTokens, VIEW_TOKEN_MS } from './shared-link-tokens.js';
import { SharedLinksRepository } from './shared-links.repository.js';

/**
 * Requests a link answers per minute, from every visitor together: a dashboard is one request per widget,
 * so dozens of visitors at once, while a scraper or a flood stays bounded.
 */
export const SHARED_LINK_BUDGET = 300;
/** A password attempt counts as this many requests: at most 10 guesses a minute, each an argon2 check. */
const UNLOCK_COST = 30;
/** Rows a shared breakdown widget shows. */
const BREAKDOWN_ROWS = 10;

/** Which report a widget kind answers through a link: link cards answer none (they only name their page). */
const REPORT_OF_KIND = {
  metrics: 'overview',
  chart: 'timeseries',
  breakdown: 'breakdown',
  funnel: 'funnel',
} as const;
type SharedReport = (typeof REPORT_OF_KIND)[keyof typeof REPORT_OF_KIND];

const notFound = () => new DomainError(ErrorCode.NotFound, 'no such shared link');

/**
 * What a shared link's visitors see, without signing in: only the link's site, and only the reports of its
 * saved views, each built from the stored view (report kind, period, comparison, filters) and nothing the
 * visitor sends: a visitor can't widen the period, add a filter or name another site. An unknown, revoked
 * or expired token is the same 404.
 */
@Injectable()
export class SharedViewsService {
  constructor(
    private readonly links: SharedLinksRepository,
    private readonly tokens: SharedLinkTokens,
    private readonly dashboards: DashboardsService,
    private readonly sites: SitesService,
    private readonly reports: ReportsService,
    private readonly funnels: FunnelService,
    private readonly passwords: Passwords,
  ) {}

  async view(token: string, viewToken: string | undefined): Promise<SharedViewResponse> {
    const link = await this.open(token, viewToken);
    const site = await this.siteOf(link);
    const { title, widgets } = await this.contents(link);
    return {
      siteName: site.name,
      timezone: site.timezone,
      title,
      kind: link.dashboardId === null ? 'view' : 'dashboard',
      widgets: widgets.map(toWidgetResponse),
    };
  }

  async unlock(token: string, password: string): Promise<SharedViewTokenResponse> {
    const link = await this.counted(token, UNLOCK_COST);
    const right = link.passwordHash !== null && (await this.passwords.verify(link.passwordHash, password));
    if (!right) throw new DomainError(ErrorCode.SharePasswordRequired, 'password: the password is not right');
    const until = Date.now() + VIEW_TOKEN_MS;
    return { viewToken: this.tokens.viewToken(link.id, until), expiresAt: new Date(until).toISOString() };
  }

  overview(token: string, viewToken: string | undefined, widgetId: number): Promise<OverviewReportDto> {
    return this.report(token, viewToken, widgetId, 'overview', (siteId, params) =>
      this.reports.overview(siteId, params),
    );
  }

  timeseries(token: string, viewToken: string | undefined, widgetId: number): Promise<TimeseriesReportDto> {
    return this.report(token, viewToken, widgetId, 'timeseries', (siteId, params, widget, timezone) => {
      const view = parseSavedView(widget.query);
      const interval = chartInterval(view, viewRange(view, timezone, Date.now()));
      return this.reports.timeseries(siteId, { ...params, metrics: view.metric, interval });
    });
  }

  breakdown(token: string, viewToken: string | undefined, widgetId: number): Promise<BreakdownReportDto> {
    return this.report(token, viewToken, widgetId, 'breakdown', (siteId, params, widget) =>
      this.reports.breakdown(siteId, {
        ...params,
        dimension: widget.dimension ?? '',
        metrics: 'visitors',
        limit: BREAKDOWN_ROWS,
      }),
    );
  }

  /** A funnel widget's funnel (its saved steps and window, no breakdown), for its saved view. */
  funnel(token: string, viewToken: string | undefined, widgetId: number): Promise<FunnelReportDto> {
    return this.report(token, viewToken, widgetId, 'funnel', (siteId, params, widget) =>
      this.funnels.funnel(siteId, { ...params, ...savedFunnel(widget.query) }),
    );
  }

  /** The report of one widget of the link, if the widget is the link's and its kind answers that report. */
  private async report<T>(
    token: string,
    viewToken: string | undefined,
    widgetId: number,
    report: SharedReport,
    answer: (
      siteId: number,
      params: ReturnType<typeof viewReportParams>,
      widget: DashboardWidget,
      timezone: string,
    ) => Promise<T>,
  ): Promise<T> {
    const link = await this.open(token, viewToken);
    const { widgets } = await this.contents(link);
    const widget = widgets.find((candidate) => candidate.id === widgetId);
    if (!widget || widget.kind === 'link' || REPORT_OF_KIND[widget.kind] !== report) throw notFound();
    const site = await this.siteOf(link);
    const params = viewReportParams(parseSavedView(widget.query), site.timezone, Date.now());
    return answer(link.siteId, params, widget, site.timezone);
  }

  /** The link's site; a deleted site's link is gone like any other (the same 404, no site id in it). */
  private async siteOf(link: SharedLink): Promise<Site> {
    try {
      return await this.sites.get(link.siteId);
    } catch (error) {
      throw error instanceof DomainError && error.code === ErrorCode.NotFound ? notFound() : error;
    }
  }

  /** The link's widgets: its dashboard's, or for one report view that view's metric cards and time chart. */
  private async contents(link: SharedLink): Promise<{ title: string; widgets: DashboardWidget[] }> {
    if (link.dashboardId !== null) {
      const { dashboard, widgets } = await this.dashboards.get(link.siteId, link.dashboardId);
      return { title: dashboard.name, widgets };
    }
    const saved = {
      dashboardId: 0,
      reportKey: link.reportKey ?? '',
      query: link.query ?? '',
      dimension: null,
    };
    return {
      title: saved.reportKey,
      widgets: [
        { ...saved, id: 1, position: 0, kind: 'metrics', width: 3 },
        { ...saved, id: 2, position: 1, kind: 'chart', width: 3 },
      ],
    };
  }

  /** The link of `token`, counted against its budget, and unlocked when it has a password. */
  private async open(token: string, viewToken: string | undefined): Promise<SharedLink> {
    const link = await this.counted(token, 1);
    if (link.passwordHash !== null && !this.tokens.unlocks(viewToken, link.id, Date.now()))
      throw new DomainError(ErrorCode.SharePasswordRequired, 'this shared link asks for its password');
    return link;
  }

  /** A live link (not revoked, not expired) whose budget this minute takes `cost` more; else 404 or 429. */
  private async counted(token: string, cost: number): Promise<SharedLink> {
    const hash = this.tokens.hashOf(token);
    const link = hash === undefined ? undefined : await this.links.findByHash(hash);
    const now = Date.now();
    if (!link || link.revokedAt !== null || (link.expiresAt !== null && link.expiresAt <= now))
      throw notFound();
    const minute = minuteOf(now);
    if (!(await this.links.countRequest(link.id, minute, SHARED_LINK_BUDGET, cost))) {
      const seconds = Math.max(1, Math.ceil((minute + 60_000 - now) / 1000));
      throw new DomainError(
        ErrorCode.TooManyRequests,
        `this shared link has had its ${SHARED_LINK_BUDGET} requests of this minute: try again in ${seconds} seconds`,
        { 'Retry-After': String(seconds) },
      );
    }
    return link;
  }
}
