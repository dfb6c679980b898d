import { useLocation, useSearch } from 'wouter';
import {
  parseReportView,
  withPageOptions,
  withView,
  type PageOptionChanges,
  type ReportView,
} from './report-view';

/**
 * The current page's report view, read from the URL, and a way to change it: each change is a new history
 * entry, so back and forward step through views. The page's own options in the URL stay as they are.
 */
export function useReportView(): [ReportView, (changes: Partial<ReportView>) => void] {
  const search = new URLSearchParams(useSearch());
  const [path, navigate] = useLocation();
  const view = parseReportView(search);
  const change = (changes: Partial<ReportView>) => {
    const next = withView(search, { ...view, ...changes });
    navigate(next ? `${path}?${next}` : path);
  };
  return [view, change];
}

/**
 * A report page's own options in the URL (a funnel's steps, a heatmap's page…), beside the report view:
 * read them from the returned parameters, change them with `change` (a new history entry, so back undoes it).
 */
export function usePageOptions(): [URLSearchParams, (changes: PageOptionChanges) => void] {
  const search = new URLSearchParams(useSearch());
  const [path, navigate] = useLocation();
  const change = (changes: PageOptionChanges) => {
    const next = withPageOptions(search, changes);
    navigate(next ? `${path}?${next}` : path);
  };
  return [search, change];
}
