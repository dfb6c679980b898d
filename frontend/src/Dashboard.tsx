import { useState } from 'react';
import { Redirect, useLocation, useParams, useSearch } from 'wouter';
import { Overview } from './overview/Overview';
import { ReportToolbar } from './routing/ReportToolbar';
import { useReportView } from './routing/useReportView';
import { comparisonRange, periodRange } from './routing/report-view';
import { QueryState } from './shared/QueryState';
import type { Site } from './sites/api';
import { SitePicker } from './sites/SitePicker';
import { useSitesQuery } from './sites/useSitesQuery';

/** The URL of a site's overview, keeping the view (range, comparison, filters) of `search`. */
export const overviewPath = (siteId: number, search: string) =>
  `/sites/${siteId}/overview${search ? `?${search}` : ''}`;

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

function SiteDashboard({ sites }: { sites: Site[] }) {
  const { siteId } = useParams<{ siteId?: string }>();
  const search = useSearch();
  const [, navigate] = useLocation();
  const [view, changeView] = useReportView();
  // Presets ("last 7 days") are read against the day the page was opened, not re-read on every render.
  const [openedAt] = useState(() => new Date());

  const site = sites.find((candidate) => String(candidate.id) === siteId);
  // `/`, or a site this user cannot see (gone, or never theirs): the first site they can see.
  if (!site) return <Redirect to={overviewPath(sites[0].id, search)} replace />;

  const range = periodRange(view, site.timezone, openedAt);
  return (
    <>
      <div className="toolbar">
        <SitePicker
          sites={sites}
          selectedId={site.id}
          onSelect={(id) => navigate(overviewPath(id, search))}
        />
        <ReportToolbar
          view={view}
          range={range}
          timeZone={site.timezone}
          now={openedAt}
          onChange={changeView}
        />
      </div>
      <Overview
        siteId={site.id}
        range={range}
        comparison={comparisonRange(view, range)}
        view={view}
        onChange={changeView}
      />
    </>
  );
}
