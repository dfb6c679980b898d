import { HeatmapPage } from '../heatmap/HeatmapPage';
import { OverviewPage } from '../overview/Overview';
import { PathsPage } from '../paths/PathsPage';
import type { ReportPage } from './report-page';

/**
 * The pages of a site's reports, in the order of their tabs. A page registers here and nowhere else: the
 * dashboard routes `/sites/:id/<key>` to it and shows its tab.
 */
export const REPORT_PAGES: ReportPage[] = [
  { key: 'overview', title: 'Overview', view: OverviewPage },
  { key: 'paths', title: 'Paths', view: PathsPage },
  { key: 'heatmap', title: 'Heatmap', view: HeatmapPage },
];

export const DEFAULT_REPORT = REPORT_PAGES[0];

export const reportPage = (key: string | undefined) => REPORT_PAGES.find((page) => page.key === key);
