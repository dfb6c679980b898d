import { useState } from 'react';
import { DateRangePicker } from './date-range/DateRangePicker';
import { todayIn, type DateRange } from './date-range/date-range';
import { Overview } from './overview/Overview';
import { defaultOverviewRange } from './overview/overview-data';
import { QueryState } from './shared/QueryState';
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

function SiteDashboard({ sites }: { sites: Site[] }) {
  const [siteId, setSiteId] = useState<number>();
  // Until the user picks dates, the range follows the selected site's own calendar.
  const [chosenRange, setChosenRange] = useState<DateRange>();
  const [openedAt] = useState(() => new Date());

  const site = sites.find((candidate) => candidate.id === siteId) ?? sites[0];
  const range = chosenRange ?? defaultOverviewRange(site.timezone, openedAt);

  return (
    <>
      <div className="toolbar">
        <SitePicker sites={sites} selectedId={site.id} onSelect={setSiteId} />
        <DateRangePicker range={range} max={todayIn(site.timezone, openedAt)} onChange={setChosenRange} />
      </div>
      <Overview siteId={site.id} range={range} />
    </>
  );
}
