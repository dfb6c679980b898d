import type { DateRange } from '../date-range/date-range';
import type { ReportView } from '../routing/report-view';
import type { Site } from '../sites/api';
import type { ReportRequest } from './report-request';

/** What the dashboard hands every report page of a site: the site, its view from the URL, and its request. */
export interface ReportPageProps {
  site: Site;
  /** The days the view covers, in the site's zone, and those compared with them (none when not comparing). */
  range: DateRange;
  comparison: DateRange | undefined;
  view: ReportView;
  onChange: (changes: Partial<ReportView>) => void;
  /** The site, range, comparison and filter bar as every report route takes them. */
  request: ReportRequest;
}
