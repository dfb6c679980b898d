import { Link } from 'wouter';
import { useRealtimeQuery } from '../realtime/useRealtimeQuery';
import { reportPath } from '../reports/report-catalogue';
import { formatCountOf } from '../shared/format';
import { useOnceIdle } from '../shared/useOnceIdle';

/**
 * The visitors of the last 5 minutes above the overview, whatever its period (Plausible's "current visitors"),
 * read again while the tab is visible, and a link to the Realtime page. Its line keeps its room before the
 * first answer (nothing below moves when it comes), and it never shows as loading. It first asks once no other
 * query of the panel is under way (the cards' numbers are in): on two cores its three queries would otherwise
 * share the time of the cards' own, which the page is waiting for. Its dot pulses a few times when the count
 * changes (the span is keyed by it), not for as long as the tab is open: without a GPU, a pulse that never
 * stops costs the browser about a tenth of a core.
 */
export function CurrentVisitors({ siteId }: { siteId: number }) {
  const visitors = useRealtimeQuery(siteId, useOnceIdle()).data?.visitors;
  return (
    <p className="current-visitors">
      {visitors !== undefined && (
        <Link href={reportPath(siteId, 'realtime', '')}>
          <span
            key={visitors}
            className={visitors > 0 ? 'live-dot is-live' : 'live-dot'}
            aria-hidden="true"
          />
          {formatCountOf(visitors, 'current visitor')}
        </Link>
      )}
    </p>
  );
}
