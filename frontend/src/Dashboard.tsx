import { Suspense, useState } from 'react';
import { Redirect, useLocation, useParams, useSearch } from 'wouter';
import { AddToDashboard } from './dashboards/AddToDashboard';
import { AddFilter } from './reports/AddFilter';
import { comparisonWords, ComparisonWordsContext } from './reports/comparison-words';
import { FilterBar } from './reports/FilterBar';
import {
  followsComparison,
  followsPeriod,
  isReportKey,
  pageRequest,
  reportPath,
  savesView,
} from './reports/report-catalogue';
import { DEFAULT_REPORT, reportView } from './reports/report-pages';
import { ReportNav } from './reports/ReportNav';
import { ReportToolbar } from './routing/ReportToolbar';
import { useReportView } from './routing/useReportView';
import { CodeLoading, QueryState } from './shared/QueryState';
import type { Site } from './sites/api';
import { SitePicker } from './sites/SitePicker';
import { useSitesQuery } from './sites/useSitesQuery';

export function Dashboard() {
  const sites = useSitesQuery();
  return (
    <QueryState
      query={sites}
      what="your sites"
      isEmpty={(list) => list.length === 0}
      empty={
        <p>
          There are no sites you can see yet: add one under Sites (admins and owners), or ask an owner for
          access.
        </p>
      }
    >
      {(list) => <SiteDashboard sites={list} />}
    </QueryState>
  );
}

/** A site's report pages (`/sites/:siteId/:report`): the site, the view's toolbar, the tabs and the page. */
function SiteDashboard({ sites }: { sites: Site[] }) {
  const { siteId, report } = useParams<{ siteId?: string; report?: string }>();
  const search = useSearch();
  const [, navigate] = useLocation();
  const [view, changeView] = useReportView();
  // Presets ("last 7 days") are read against the day the page was opened, not re-read on every render.
  const [openedAt] = useState(() => new Date());

  const site = sites.find((candidate) => String(candidate.id) === siteId);
  const Page = reportView(report);
  // `/`, a site this user cannot see (gone, or never theirs) or a page that does not exist: the first
  // site they can see, or this site's first page.
  if (!site || !Page || !isReportKey(report))
    return (
      <Redirect
        to={reportPath(site?.id ?? sites[0].id, Page && report ? report : DEFAULT_REPORT, search)}
        replace
      />
    );

  const request = pageRequest(report, view, site, openedAt);
  const { range, comparison } = request;
  return (
    <>
      <div className="toolbar">
        <SitePicker
          sites={sites}
          selectedId={site.id}
          onSelect={(id) => navigate(reportPath(id, report, search))}
        />
        {followsPeriod(report) && (
          <ReportToolbar
            compared={followsComparison(report)}
            view={view}
            range={range}
            timeZone={site.timezone}
            now={openedAt}
            onChange={changeView}
          />
        )}
        {followsPeriod(report) && (
          <AddFilter request={request} onChange={(filters) => changeView({ filters })} />
        )}
      </div>
      <ReportNav siteId={site.id} current={report} view={view} />
      {savesView(report) && <AddToDashboard siteId={site.id} reportKey={report} query={search} />}
      {followsPeriod(report) && (
        <FilterBar filters={view.filters} request={request} onChange={(filters) => changeView({ filters })} />
      )}
      {/* Report pages other than the overview load when first opened (report-pages.ts). */}
      <ComparisonWordsContext value={comparisonWords(view.comparison)}>
        <Suspense fallback={<CodeLoading what="the page" />}>
          <Page
            site={site}
            range={range}
            comparison={comparison}
            view={view}
            onChange={changeView}
            request={request}
          />
        </Suspense>
      </ComparisonWordsContext>
    </>
  );
}
