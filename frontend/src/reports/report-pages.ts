import { ActionsPage } from '../actions/ActionsPage';
import { EventsPage } from '../events/EventsPage';
import { HealthPage } from '../health/HealthPage';
import { OverviewPage } from '../overview/Overview';
import type { ReportPage } from './report-page';

/**
 * The pages of a site's reports, in the order of their tabs. A page registers here and nowhere else: the
 * dashboard routes `/sites/:id/<key>` to it and shows its tab.
 */
export const REPORT_PAGES: ReportPage[] = [
  { key: 'overview', title: 'Overview', view: OverviewPage },
  { key: 'events', title: 'Events', view: EventsPage },
  { key: 'actions', title: 'Actions', view: ActionsPage },
  { key: 'health', title: 'Ingest health', view: HealthPage },
];

export const DEFAULT_REPORT = REPORT_PAGES[0];

export const reportPage = (key: string | undefined) => REPORT_PAGES.find((page) => page.key === key);
