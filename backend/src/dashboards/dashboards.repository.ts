import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { DashboardWidget } from './dashboard-widget.entity.js';
import { Dashboard } from './dashboard.entity.js';

export type WidgetFields = Pick<DashboardWidget, 'reportKey' | 'query' | 'kind' | 'dimension' | 'width'>;

/** Dashboards and their widgets; a dashboard is looked up by site, so one site's is never another's. */
@Injectable()
export class DashboardsRepository {
  constructor(
    @InjectRepository(Dashboard) private readonly dashboards: Repository<Dashboard>,
    @InjectRepository(DashboardWidget) private readonly widgets: Repository<DashboardWidget>,
  ) {}

  listOf(siteId: number): Promise<Dashboard[]> {
    return this.dashboards.find({ where: { siteId }, order: { id: 'ASC' } });
  }

  async find(siteId: number, id: number): Promise<Dashboard | undefined> {
    return (await this.dashboards.findOneBy({ siteId, id })) ?? undefined;
  }

  create(siteId: number, name: string): Promise<Dashboard> {
    return this.dashboards.save(this.dashboards.create({ siteId, name }));
  }

  async rename(id: number, name: string): Promise<void> {
    await this.dashboards.update({ id }, { name });
  }

  async delete(id: number): Promise<void> {
    await this.dashboards.delete({ id });
  }

  /** The widgets of the dashboards, each list in its order; an empty list asks nothing. */
  async widgetsOf(dashboardIds: number[]): Promise<Map<number, DashboardWidget[]>> {
    const byDashboard = new Map(dashboardIds.map((id) => [id, [] as DashboardWidget[]]));
    if (dashboardIds.length === 0) return byDashboard;
    const widgets = await this.widgets.find({
      where: { dashboardId: In(dashboardIds) },
      order: { position: 'ASC', id: 'ASC' },
    });
    for (const widget of widgets) byDashboard.get(widget.dashboardId)?.push(widget);
    return byDashboard;
  }

  addWidget(dashboardId: number, position: number, fields: WidgetFields): Promise<DashboardWidget> {
    return this.widgets.save(this.widgets.create({ dashboardId, position, ...fields }));
  }

  /** Stores each widget's position and width as given (a reorder, a resize, the gap a removal left). */
  async saveLayout(widgets: DashboardWidget[]): Promise<void> {
    await this.widgets.manager.transaction(async (manager) => {
      for (const { id, position, width } of widgets)
        await manager.update(DashboardWidget, { id }, { position, width });
    });
  }

  async deleteWidget(id: number): Promise<void> {
    await this.widgets.delete({ id });
  }
}
