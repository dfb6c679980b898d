import { lazy, type ComponentType } from 'react';
import { OverviewPage } from '../overview/Overview';
import { isReportKey, REPORT_KEYS, type ReportKey } from './report-catalogue';
import type { ReportPageProps } from './report-page';

/** A page component loaded on first render from its own chunk (the module's named export `name`). */
function lazyPage<Name extends string>(
  load: () => Promise<Record<Name, ComponentType<ReportPageProps>>>,
  name: Name,
): ComponentType<ReportPageProps> {
  return lazy(async () => {
    const page: ComponentType<ReportPageProps> = (await load())[name];
    return { default: page };
  });
}

/**
 * Each report page's view (report-catalogue.ts lists them, with their titles). Every page but the overview
 * (the first one people see) is loaded when first opened, so the panel's first download stays small.
 */
const REPORT_VIEWS: Record<ReportKey, ComponentType<ReportPageProps>> = {
  overview: OverviewPage,
  ask: lazyPage(() => import('../questions/AskPage'), 'AskPage'),
  goals: lazyPage(() => import('../goals/GoalsPage'), 'GoalsPage'),
  funnels: lazyPage(() => import('../funnels/FunnelsPage'), 'FunnelsPage'),
  retention: lazyPage(() => import('../retention/RetentionPage'), 'RetentionPage'),
  paths: lazyPage(() => import('../paths/PathsPage'), 'PathsPage'),
  heatmap: lazyPage(() => import('../heatmap/HeatmapPage'), 'HeatmapPage'),
  actions: lazyPage(() => import('../actions/ActionsPage'), 'ActionsPage'),
  errors: lazyPage(() => import('../errors/ErrorsPage'), 'ErrorsPage'),
  vitals: lazyPage(() => import('../vitals/VitalsPage'), 'VitalsPage'),
  realtime: lazyPage(() => import('../realtime/RealtimePage'), 'RealtimePage'),
  events: lazyPage(() => import('../events/EventsPage'), 'EventsPage'),
  health: lazyPage(() => import('../health/HealthPage'), 'HealthPage'),
  alerts: lazyPage(() => import('../alerts/AlertsPage'), 'AlertsPage'),
  dashboards: lazyPage(() => import('../dashboards/DashboardsPage'), 'DashboardsPage'),
  flags: lazyPage(() => import('../flags/FlagsPage'), 'FlagsPage'),
};

export const DEFAULT_REPORT: ReportKey = REPORT_KEYS[0];

/** The view of the page at `/sites/:id/<key>`; none for a key that is no page. */
export const reportView = (key: string | undefined) => (isReportKey(key) ? REPORT_VIEWS[key] : undefined);
