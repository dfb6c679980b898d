import { useState } from 'react';
import { formatCount, formatDateRange } from '../shared/format';
import { valueLabel } from '../reports/dimension-labels';
import type { ReportRequest } from '../reports/report-request';
import { sortableHeaders } from '../reports/SortableHeader';
import { QueryState } from '../shared/QueryState';
import { CsvDownloadButton } from '../shared/CsvDownloadButton';
import { fetchErrorsCsv } from './api';
import { ErrorTime } from './ErrorTime';
import { NewBadge } from './NewBadge';
import { errorRows, isNew, sortDirection, type ErrorSort } from './errors-data';
import { useErrorsQuery } from './useErrorsQuery';
import { PathText } from '../shared/PathText';
import { ScrollRegion } from '../shared/ScrollRegion';
import { SearchField } from '../shared/SearchField';

interface ErrorGroupsListProps {
  request: ReportRequest;
  sort: ErrorSort;
  onSort: (sort: ErrorSort) => void;
  onOpen: (group: string) => void;
}

/** The range's error groups, searchable and sortable, each opening its detail. */
export function ErrorGroupsList({ request, sort, onSort, onOpen }: ErrorGroupsListProps) {
  const [search, setSearch] = useState('');
  const errors = useErrorsQuery(request);
  const header = sortableHeaders(sort, sortDirection, onSort);

  return (
    <section className="card errors" aria-labelledby="errors-heading">
      <header className="breakdown-header">
        <h2 id="errors-heading">Errors</h2>
        <div className="errors-tools">
          <SearchField
            label="Search errors"
            placeholder="Search messages"
            value={search}
            onChange={setSearch}
          />
          <CsvDownloadButton
            fetchCsv={(token) => fetchErrorsCsv(request, token)}
            fileName="errors.csv"
            what="the errors"
          />
        </div>
      </header>
      <QueryState
        query={errors}
        what="the errors"
        isEmpty={(report) => report.groups.length === 0}
        empty={
          <p>
            No errors on these dates. Uncaught errors and unhandled rejections on your pages show up here,
            grouped by message and where they were thrown.
          </p>
        }
      >
        {(report) => {
          const rows = errorRows(report.groups, search, sort);
          const occurrences = report.groups.reduce((sum, group) => sum + group.occurrences, 0);
          return (
            <>
              <p className="errors-summary">
                {formatCount(report.groups.length)} {report.groups.length === 1 ? 'group' : 'groups'},{' '}
                {formatCount(occurrences)} {occurrences === 1 ? 'occurrence' : 'occurrences'},{' '}
                {formatDateRange(report)}
                {report.nextCursor && ' (the 100 most frequent groups)'}
              </p>
              {rows.length === 0 ? (
                <p className="query-state">No error matches “{search.trim()}”.</p>
              ) : (
                <ScrollRegion className="errors-scroll" label="Error groups, scrollable">
                  <table className="errors-table">
                    <caption className="visually-hidden">
                      Error groups; choose one for its days, pages, browsers and stack traces
                    </caption>
                    <thead>
                      <tr>
                        {header('message', 'Error', false)}
                        {header('occurrences', 'Occurrences')}
                        {header('visitors', 'Visitors')}
                        {header('visits', 'Visits')}
                        {header('firstSeen', 'First seen')}
                        {header('lastSeen', 'Last seen')}
                        <th scope="col" className="errors-browsers">
                          Browsers
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((group) => (
                        <tr key={group.group}>
                          <td>
                            <button type="button" className="errors-open" onClick={() => onOpen(group.group)}>
                              <span className="errors-message">
                                {isNew(group) && <NewBadge />}
                                {group.message}
                              </span>
                              {group.frame && (
                                <code className="errors-frame">
                                  <PathText path={group.frame} />
                                </code>
                              )}
                            </button>
                          </td>
                          <td className="number">{formatCount(group.occurrences)}</td>
                          <td className="number">{formatCount(group.visitors)}</td>
                          <td className="number">{formatCount(group.visits)}</td>
                          <td className="number">
                            <ErrorTime at={group.firstSeenEver} timeZone={report.timezone} />
                          </td>
                          <td className="number">
                            <ErrorTime at={group.lastSeen} timeZone={report.timezone} />
                          </td>
                          <td className="errors-browsers">
                            {group.browsers.map((browser) => valueLabel('browser', browser.value)).join(', ')}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
              )}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
