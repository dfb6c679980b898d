import type { ReportPageProps } from '../reports/report-page';
import { QueryState } from '../shared/QueryState';
import { botLines, nodeLines, reasonLines, siteTotals, sourceNotice } from './health-data';
import { HealthTable } from './HealthTable';
import { useIngestHealthQuery } from './useIngestHealthQuery';
import { formatDateTime } from '../shared/format';

/**
 * A site's ingest health: what the edge accepted and refused for it (by reason, bots by kind), and the figures
 * the whole node shares (refusals before the site is known, the backlog, the pipeline's lag and dead letters).
 * Counters as read now: they keep no history, so the page says when it read them.
 */
export function HealthPage({ site }: ReportPageProps) {
  const health = useIngestHealthQuery(site.id);
  return (
    <div className="health">
      <QueryState query={health} what="the ingest health">
        {(data) => {
          const notices = [sourceNotice('edge', data.edge), sourceNotice('shipper', data.shipper)].filter(
            Boolean,
          );
          return (
            <>
              <header className="health-header">
                <p>
                  Read at <time dateTime={data.readAt}>{formatDateTime(data.readAt)}</time>. The counters run
                  since the edge and the shipper last started and keep no history.
                </p>
                <button type="button" onClick={health.retry} disabled={health.isFetching}>
                  Read again
                </button>
              </header>
              {notices.map((notice) => (
                <p key={notice} className="notice" role="status">
                  {notice}
                </p>
              ))}
              {data.site && (
                <section className="card" aria-labelledby="health-site-heading">
                  <h2 id="health-site-heading">{site.domain}: events at the edge</h2>
                  <dl className="health-totals">
                    {siteTotals(data).map((line) => (
                      <div key={line.label}>
                        <dt>{line.label}</dt>
                        <dd>{line.value}</dd>
                      </div>
                    ))}
                  </dl>
                  <div className="health-columns">
                    <HealthTable
                      title="Refused, by reason"
                      lines={reasonLines(data.site.refused)}
                      empty="Nothing refused for this site."
                    />
                    <HealthTable
                      title="Bots, by kind"
                      lines={botLines(data)}
                      empty="No bots seen for this site."
                    />
                  </div>
                </section>
              )}
              {(data.node || data.pipeline) && (
                <section className="card" aria-labelledby="health-node-heading">
                  <h2 id="health-node-heading">The whole node</h2>
                  <p className="health-note">
                    Shared by every site on this node: the rate limit, unknown site keys and unreadable
                    batches are refused before the site is known, and one pipeline ships every site’s events.
                  </p>
                  <div className="health-columns">
                    {data.node && (
                      <HealthTable
                        title="Requests refused, by reason"
                        lines={reasonLines(data.node.refusedRequests)}
                        empty="No requests refused."
                      />
                    )}
                    <HealthTable title="Pipeline" lines={nodeLines(data)} empty="No figures." />
                  </div>
                </section>
              )}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
