import { useState } from 'react';
import type { ReportRequest } from '../reports/report-request';
import type { ViewFilter } from '../routing/report-view';
import { QueryState } from '../shared/QueryState';
import { useCsvDownload } from '../shared/useCsvDownload';
import { fetchBreakdownCsv, type BreakdownRequest } from './api';
import { breakdownLines, type BreakdownCardSpec, type BreakdownSort } from './breakdown-data';
import { formatChange, formatCount } from './overview-data';
import { useBreakdownQuery } from './useBreakdownQuery';

/** Rows on the card; its detail view asks for up to the API's page maximum. */
const CARD_ROWS = 10;
const DETAIL_ROWS = 1000;

interface BreakdownCardProps {
  spec: BreakdownCardSpec;
  request: ReportRequest;
  /** A row's value becomes a filter of the whole page. */
  onFilter: (filter: ViewFilter) => void;
}

export function BreakdownCard({ spec, request, onFilter }: BreakdownCardProps) {
  const [tab, setTab] = useState(spec.tabs[0]);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<BreakdownSort>('visitors');
  const [detailed, setDetailed] = useState(false);
  // A search looks through up to the detail view's rows, not only the ten on the card.
  const searching = search.trim() !== '';
  const breakdown: BreakdownRequest = {
    ...request,
    dimension: tab.dimension,
    limit: detailed || searching ? DETAIL_ROWS : CARD_ROWS,
  };
  const rows = useBreakdownQuery(breakdown);
  const download = useCsvDownload((token) => fetchBreakdownCsv(breakdown, token), `${tab.dimension}.csv`);
  const headingId = `breakdown-${spec.title.toLowerCase()}`;

  return (
    <section
      className={detailed ? 'card breakdown is-detailed' : 'card breakdown'}
      aria-labelledby={headingId}
    >
      <header className="breakdown-header">
        <h2 id={headingId}>{spec.title}</h2>
        {spec.tabs.length > 1 && (
          <div className="breakdown-tabs" role="group" aria-label={`${spec.title}: show`}>
            {spec.tabs.map((candidate) => (
              <button
                key={candidate.dimension}
                type="button"
                className="chip"
                aria-pressed={candidate === tab}
                onClick={() => setTab(candidate)}
              >
                {candidate.label}
              </button>
            ))}
          </div>
        )}
      </header>
      <div className="breakdown-tools">
        <label className="field">
          <span className="visually-hidden">Search {tab.label.toLowerCase()}</span>
          <input
            type="search"
            placeholder="Search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="visually-hidden">Sort {tab.label.toLowerCase()} by</span>
          <select value={sort} onChange={(event) => setSort(event.target.value as BreakdownSort)}>
            <option value="visitors">Most visitors</option>
            <option value="value">A–Z</option>
          </select>
        </label>
        <button
          type="button"
          className="link-button"
          aria-expanded={detailed}
          onClick={() => setDetailed(!detailed)}
        >
          {detailed ? 'Fewer' : 'Details'}
        </button>
        <button type="button" className="link-button" disabled={download.busy} onClick={download.run}>
          Download CSV
        </button>
      </div>
      {download.error && <p role="alert">{download.error}</p>}
      <QueryState
        query={rows}
        what={tab.label.toLowerCase()}
        isEmpty={(report) => report.rows.length === 0}
        empty={<p>Nothing in this period.</p>}
      >
        {(report) => (
          <table className="breakdown-table">
            <caption className="visually-hidden">
              {tab.label} by unique visitors; choose a value to filter the page by it
            </caption>
            <thead>
              <tr>
                <th scope="col">{tab.label}</th>
                <th scope="col" className="number">
                  Visitors
                </th>
                {request.comparison && (
                  <th scope="col" className="number">
                    Change
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {breakdownLines(report.rows, tab.dimension, search, sort)
                .slice(0, detailed ? DETAIL_ROWS : CARD_ROWS)
                .map((line) => (
                  <tr key={line.value}>
                    <td>
                      <button
                        type="button"
                        className="row-filter"
                        title={`Filter by ${line.label}`}
                        onClick={() => onFilter({ dimension: tab.dimension, value: line.value })}
                      >
                        <span className={`row-bar share-${line.share}`} aria-hidden="true" />
                        {line.label}
                      </button>
                    </td>
                    <td className="number">{formatCount(line.visitors)}</td>
                    {request.comparison && <td className="number">{formatChange(line.change)}</td>}
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
