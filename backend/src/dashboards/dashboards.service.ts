import { Injectable } from '@nestjs/common';
import { actorOf, AuditService } from '../audit/audit.service.js';
import type { AuditAction } from '../audit/audit-actions.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { User } from '../users/user.entity.js';
import type { DashboardWidget } from './dashboard-widget.entity.js';
import type { Dashboard } from './dashboard.entity.js';
import { DashboardsRepository } from './dashboards.repository.js';
import type { CreateWidgetDto, UpdateWidgetDto } from './dto/dashboard.dto.js';
import { parseSteps } from '../reports/query/parse-steps.js';
import { parseSavedView, savedFunnel } from './saved-view.js';

/** A dashboard with its widgets in their order. */
export interface DashboardWithWidgets {
  dashboard: Dashboard;
  widgets: DashboardWidget[];
}

/** A dashboard holds at most this many widgets: each is a report request when it is shown. */
export const MAX_WIDGETS = 24;

/**
 * A site's dashboards. The route's rule has checked access to the site (`@Requires(…, { site: true })`);
 * a dashboard and its widgets are looked up within that site only, so another site's are a 404 like
 * missing ones. Every change is in the audit log.
 */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly dashboards: DashboardsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(siteId: number): Promise<DashboardWithWidgets[]> {
    const dashboards = await this.dashboards.listOf(siteId);
    const widgets = await this.dashboards.widgetsOf(dashboards.map((dashboard) => dashboard.id));
    return dashboards.map((dashboard) => ({ dashboard, widgets: widgets.get(dashboard.id) ?? [] }));
  }

  async get(siteId: number, id: number): Promise<DashboardWithWidgets> {
    const dashboard = await this.dashboards.find(siteId, id);
    if (!dashboard) throw new DomainError(ErrorCode.NotFound, `dashboard ${id} not found`);
    const widgets = await this.dashboards.widgetsOf([id]);
    return { dashboard, widgets: widgets.get(id) ?? [] };
  }

  async create(user: User, siteId: number, name: string): Promise<DashboardWithWidgets> {
    const dashboard = await this.dashboards.create(siteId, name);
    await this.record(user, 'dashboard.create', dashboard, { name });
    return { dashboard, widgets: [] };
  }

  async rename(user: User, siteId: number, id: number, name: string): Promise<DashboardWithWidgets> {
    const { dashboard } = await this.get(siteId, id);
    await this.dashboards.rename(id, name);
    await this.record(user, 'dashboard.rename', dashboard, { from: dashboard.name, name });
    return this.get(siteId, id);
  }

  async remove(user: User, siteId: number, id: number): Promise<void> {
    const { dashboard } = await this.get(siteId, id);
    await this.dashboards.delete(id);
    await this.record(user, 'dashboard.delete', dashboard, { name: dashboard.name });
  }

  async addWidget(
    user: User,
    siteId: number,
    id: number,
    dto: CreateWidgetDto,
  ): Promise<DashboardWithWidgets> {
    const { dashboard, widgets } = await this.get(siteId, id);
    if (widgets.length >= MAX_WIDGETS)
      throw new DomainError(
        ErrorCode.Validation,
        `widgets: a dashboard holds at most ${MAX_WIDGETS} widgets`,
      );
    // Refused now, with the parameter named, rather than when the dashboard is shown.
    parseSavedView(dto.query);
    if (dto.kind === 'funnel') {
      if (dto.reportKey !== 'funnels')
        throw new DomainError(ErrorCode.Validation, 'kind: a funnel widget shows a view of the funnels page');
      // Each step as the funnel route will read it, named as that route names it.
      parseSteps(savedFunnel(dto.query).steps);
    }
    const fields = {
      reportKey: dto.reportKey,
      query: dto.query,
      kind: dto.kind,
      dimension: dto.kind === 'breakdown' ? (dto.dimension ?? null) : null,
      width: dto.width,
    };
    const widget = await this.dashboards.addWidget(id, widgets.length, fields);
    await this.record(user, 'dashboard.widget.add', dashboard, { widget: widget.id, ...fields });
    return this.get(siteId, id);
  }

  async updateWidget(
    user: User,
    siteId: number,
    id: number,
    widgetId: number,
    dto: UpdateWidgetDto,
  ): Promise<DashboardWithWidgets> {
    const { dashboard, widgets } = await this.get(siteId, id);
    const widget = widgetOf(widgets, widgetId);
    const others = widgets.filter((other) => other !== widget);
    const place = Math.min(dto.position ?? widget.position, others.length);
    const layout = [
      ...others.slice(0, place),
      { ...widget, width: dto.width ?? widget.width },
      ...others.slice(place),
    ];
    await this.dashboards.saveLayout(layout.map((one, position) => ({ ...one, position })));
    await this.record(user, 'dashboard.widget.update', dashboard, {
      widget: widgetId,
      position: place,
      width: dto.width,
    });
    return this.get(siteId, id);
  }

  async removeWidget(
    user: User,
    siteId: number,
    id: number,
    widgetId: number,
  ): Promise<DashboardWithWidgets> {
    const { dashboard, widgets } = await this.get(siteId, id);
    const widget = widgetOf(widgets, widgetId);
    await this.dashboards.deleteWidget(widgetId);
    const rest = widgets.filter((other) => other !== widget);
    await this.dashboards.saveLayout(rest.map((one, position) => ({ ...one, position })));
    await this.record(user, 'dashboard.widget.remove', dashboard, { widget: widgetId });
    return this.get(siteId, id);
  }

  private record(user: User, action: AuditAction, dashboard: Dashboard, details: Record<string, unknown>) {
    return this.audit.record(actorOf(user), action, `site:${dashboard.siteId}`, {
      dashboard: dashboard.id,
      ...details,
    });
  }
}

function widgetOf(widgets: DashboardWidget[], id: number): DashboardWidget {
  const widget = widgets.find((candidate) => candidate.id === id);
  if (!widget) throw new DomainError(ErrorCode.NotFound, `widget ${id} not found`);
  return widget;
}
