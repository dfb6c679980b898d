import { lazy, type ComponentType } from 'react';
import { OverviewPage } from '../overview/Overview';
import type { ReportPage, ReportPageProps } from './report-page';

/**
 * The pages of a site's reports, in the order of their tabs. A page registers here and nowhere else: the
 * dashboard routes `/sites/:id/<key>` to it and shows its tab. Every page but the overview (the first one
 * people see) is loaded when first opened: `lazyPage(() => import('../funnels/FunnelsPage'), 'FunnelsPage')`,
 * so the panel's first download stays small.
 */
export const REPORT_PAGES: ReportPage[] = [
  { key: 'overview', title: 'Overview', view: OverviewPage },
  { key: 'goals', title: 'Goals', view: lazyPage(() => import('../goals/GoalsPage'), 'GoalsPage') },
  { key: 'funnels', title: 'Funnels', view: lazyPage(() => import('../funnels/FunnelsPage'), 'FunnelsPage') },
  {
    key: 'retention',
    title: 'Retention',
    view: lazyPage(() => import('../retention/RetentionPage'), 'RetentionPage'),
  },
  { key: 'paths', title: 'Paths', view: lazyPage(() => import('../paths/PathsPage'), 'PathsPage') },
  { key: 'heatmap', title: 'Heatmap', view: lazyPage(() => import('../heatmap/HeatmapPage'), 'HeatmapPage') },
  { key: 'actions', title: 'Actions', view: lazyPage(() => import('../actions/ActionsPage'), 'ActionsPage') },
  { key: 'errors', title: 'Errors', view: lazyPage(() => import('../errors/ErrorsPage'), 'ErrorsPage') },
  { key: 'vitals', title: 'Web vitals', view: lazyPage(() => import('../vitals/VitalsPage'), 'VitalsPage') },
  {
    key: 'realtime',
    title: 'Realtime',
    view: lazyPage(() => import('../realtime/RealtimePage'), 'RealtimePage'),
  },
  { key: 'events', title: 'Events', view: lazyPage(() => import('../events/EventsPage'), 'EventsPage') },
  {
    key: 'health',
    title: 'Ingest health',
    view: lazyPage(() => import('../health/HealthPage'), 'HealthPage'),
  },
  {
    key: 'dashboards',
    title: 'Dashboards',
    view: lazyPage(() => import('../dashboards/DashboardsPage'), 'DashboardsPage'),
  },
];

export const DEFAULT_REPORT = REPORT_PAGES[0];

export const reportPage = (key: string | undefined) => REPORT_PAGES.find((page) => page.key === key);

/** A page component loaded on first render from its own chunk (the module's named export `name`). */
export function lazyPage<Name extends string>(
  load: () => Promise<Record<Name, ComponentType<ReportPageProps>>>,
  name: Name,
): ComponentType<ReportPageProps> {
  return lazy(async () => {
    const page: ComponentType<ReportPageProps> = (await load())[name];
    return { default: page };
  });
}
