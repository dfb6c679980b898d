import { useLocation, useSearch } from 'wouter';
import { parseReportView, reportViewSearch, type ReportView } from './report-view';

/**
 * The current page's report view, read from the URL, and a way to change it: each change is a new history
 * entry, so back and forward step through views.
 */
export function useReportView(): [ReportView, (changes: Partial<ReportView>) => void] {
  const search = useSearch();
  const [path, navigate] = useLocation();
  const view = parseReportView(new URLSearchParams(search));
  const change = (changes: Partial<ReportView>) => {
    const next = reportViewSearch({ ...view, ...changes });
    navigate(next ? `${path}?${next}` : path);
  };
  return [view, change];
}
