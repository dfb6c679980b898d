import { useState } from 'react';
import { formatCount, formatDateRange, formatPercent } from '../shared/format';
import { valueLabel } from '../reports/dimension-labels';
import type { ReportPageProps } from '../reports/report-page';
import { sortableHeaders } from '../reports/SortableHeader';
import { usePageOptions } from '../routing/useReportView';
import { QueryState } from '../shared/QueryState';
import { SearchField } from '../shared/SearchField';
import { ShowMore, useShownRows } from '../shared/ShowMore';
import { CsvDownloadButton } from '../shared/CsvDownloadButton';
import {
  fetchVitalsCsv,
  type Vital,
  type Vitals,
  type VitalsDimension,
  type VitalsRequest,
  type VitalsRow,
} from './api';
import { useVitalsQuery } from './useVitalsQuery';
import {
  DIMENSION_LABELS,
  formatVital,
  RATING_LABELS,
  ratingShares,
  VITAL_INFO,
  vitalRating,
  VITALS,
  VITALS_DIMENSIONS,
  vitalsDimension,
  vitalsRows,
  vitalsSort,
  vitalsSortDirection,
  type VitalName,
  type VitalsSort,
} from './vitals-data';
import { PathText } from '../shared/PathText';
import { ScrollRegion } from '../shared/ScrollRegion';

/**
 * Web vitals: the p75 of LCP, INP and CLS with their rating and the share of samples in each, then the same
 * per page or per device (`?by=`), sortable (`?sort=`): both in the URL, so the link reopens the same table.
 */
export function VitalsPage({ request }: ReportPageProps) {
  const [options, change] = usePageOptions();
  const dimension = vitalsDimension(options.get('by'));
  const sort = vitalsSort(options.get('sort'));
  const vitals: VitalsRequest = { ...request, dimension };
  const report = useVitalsQuery(vitals);

  return (
    <QueryState
      query={report}
      what="the web vitals"
      isEmpty={(data) => data.overall.engagements === 0}
      empty={
        <p>
          No page views measured on these dates. The tracker measures LCP, INP and CLS in the browsers that
          support them and sends them as a page is left; they show up here once it is on your pages.
        </p>
      }
    >
      {(data) => (
        <div className="vitals">
          <section aria-labelledby="vitals-heading" className="vitals-overall">
            <h2 id="vitals-heading" className="visually-hidden">
              Web vitals, 75th percentile
            </h2>
            <p className="vitals-measured">{measuredText(data.overall, data.from, data.to)}</p>
            <ul className="vitals-cards" aria-label="Web vitals at the 75th percentile">
              {VITALS.map((vital) => (
                <VitalCard key={vital} vital={vital} value={data.overall[vital]} />
              ))}
            </ul>
          </section>
          <section className="card" aria-labelledby="vitals-table-heading">
            <header className="breakdown-header">
              <h2 id="vitals-table-heading">By {DIMENSION_LABELS[dimension].toLowerCase()}</h2>
              <div className="vitals-tools">
                <div className="breakdown-tabs" role="group" aria-label="Web vitals by">
                  {VITALS_DIMENSIONS.map((candidate) => (
                    <button
                      key={candidate}
                      type="button"
                      className="chip"
                      aria-pressed={candidate === dimension}
                      onClick={() => change({ by: candidate === 'page' ? undefined : candidate })}
                    >
                      {DIMENSION_LABELS[candidate]}
                    </button>
                  ))}
                </div>
                <CsvDownloadButton
                  fetchCsv={(token) => fetchVitalsCsv(vitals, token)}
                  fileName={`vitals-by-${dimension}.csv`}
                  what="the web vitals"
                />
              </div>
            </header>
            <VitalsTable
              report={data.rows}
              dimension={dimension}
              sort={sort}
              onSort={(chosen) => change({ sort: chosen === 'engagements' ? undefined : chosen })}
            />
            {data.truncated && <p className="vitals-measured">The 1,000 most measured values are shown.</p>}
          </section>
        </div>
      )}
    </QueryState>
  );
}

function measuredText(overall: Vitals, from: string, to: string) {
  const samples = VITALS.map((vital) => `${VITAL_INFO[vital].short} ${formatCount(overall[vital].samples)}`);
  const views = overall.engagements === 1 ? 'page view' : 'page views';
  return `${formatCount(overall.engagements)} ${views} measured in ${formatDateRange({ from, to })} (samples: ${samples.join(', ')}).`;
}

function VitalCard({ vital, value }: { vital: VitalName; value: Vital }) {
  const info = VITAL_INFO[vital];
  const rating = vitalRating(vital, value.p75);
  const shares = ratingShares(value);
  const sharesText = shares
    .map(({ rating: part, percent }) => `${RATING_LABELS[part]} ${formatPercent(percent)}`)
    .join(', ');
  return (
    <li className={`vitals-card vitals-${rating}`}>
      <span className="vitals-name">
        <abbr title={info.name}>{info.short}</abbr> <span className="vitals-long">{info.name}</span>
      </span>
      <span className="vitals-value">{formatVital(vital, value.p75)}</span>
      <span className="vitals-rating">{RATING_LABELS[rating]}</span>
      {/* The bar is drawn from the data as SVG (no inline styles): one rect per rating, 100 units wide. */}
      <svg
        className="vitals-bar"
        viewBox="0 0 100 8"
        preserveAspectRatio="none"
        role="img"
        aria-label={sharesText}
      >
        {shares.map(({ rating: part, percent }, index) => {
          const x = shares.slice(0, index).reduce((sum, share) => sum + share.percent, 0);
          return <rect key={part} className={`vitals-fill-${part}`} x={x} width={percent} height="8" />;
        })}
      </svg>
      <span className="vitals-legend" aria-hidden="true">
        {sharesText}
      </span>
    </li>
  );
}

interface VitalsTableProps {
  report: VitalsRow[];
  dimension: VitalsDimension;
  sort: VitalsSort;
  onSort: (sort: VitalsSort) => void;
}

function VitalsTable({ report, dimension, sort, onSort }: VitalsTableProps) {
  const header = sortableHeaders(sort, vitalsSortDirection, onSort);
  const [search, setSearch] = useState('');
  const shown = useShownRows();
  const needle = search.trim().toLowerCase();
  const rows = vitalsRows(report, sort).filter((row) =>
    `${valueLabel(dimension, row.value)}\n${row.value}`.toLowerCase().includes(needle),
  );
  return (
    <>
      <SearchField
        label={`Search ${DIMENSION_LABELS[dimension].toLowerCase()}s`}
        placeholder="Search"
        value={search}
        onChange={setSearch}
      />
      <ScrollRegion className="vitals-scroll" label="Web vitals table, scrollable">
        <table className="vitals-table">
          <caption className="visually-hidden">
            75th percentile of each web vital by {DIMENSION_LABELS[dimension].toLowerCase()}, with its rating
          </caption>
          <thead>
            <tr>
              {header('value', DIMENSION_LABELS[dimension], false)}
              {header('engagements', 'Measured')}
              {VITALS.map((vital) => header(vital, VITAL_INFO[vital].short))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shown.count).map((row) => (
              <tr key={row.value}>
                <th scope="row" className="vitals-row-value">
                  {dimension === 'page' ? (
                    <PathText path={valueLabel(dimension, row.value)} />
                  ) : (
                    valueLabel(dimension, row.value)
                  )}
                </th>
                <td className="number">{formatCount(row.engagements)}</td>
                {VITALS.map((vital) => {
                  const rating = vitalRating(vital, row[vital].p75);
                  return (
                    <td key={vital} className={`number vitals-${rating}`} title={RATING_LABELS[rating]}>
                      <span className="vitals-dot" aria-hidden="true" />
                      {formatVital(vital, row[vital].p75)}
                      <span className="visually-hidden"> ({RATING_LABELS[rating]})</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <ShowMore
        shown={shown.count}
        total={rows.length}
        what={`${DIMENSION_LABELS[dimension].toLowerCase()}s`}
        onMore={shown.more}
      />
    </>
  );
}
