import { lazy, Suspense, useState } from 'react';
import type { ReportRequest } from '../reports/report-request';
import { withCondition, type Condition } from '../reports/conditions';
import { CodeLoading, QueryState } from '../shared/QueryState';
import { DETAIL_ROWS, fetchBreakdownCsv, type BreakdownRequest, type BreakdownRow } from './api';
import { BreakdownTable } from './BreakdownTable';
import { breakdownLines, detailMetrics, type BreakdownCardSpec, type BreakdownSort } from './breakdown-data';
import { readingsByPage, showsReading } from './reading-data';
import { useEngagementQuery } from './useEngagementQuery';
import { useBreakdownQuery } from './useBreakdownQuery';
import { usePropertyKey } from './usePropertyKey';
import { useInView } from '../shared/useInView';
import { SearchField } from '../shared/SearchField';
import { CsvDownloadButton } from '../shared/CsvDownloadButton';
import { ScrollRegion } from '../shared/ScrollRegion';
import { ChipChoice } from '../shared/ChipChoice';

/** The world map, with its shapes and projection: loaded when a Map tab is first chosen. */
const CountryMap = lazy(async () => ({ default: (await import('./CountryMap')).CountryMap }));

/** Rows on the card; its detail view asks for DETAIL_ROWS. */
const CARD_ROWS = 10;

interface BreakdownCardProps {
  spec: BreakdownCardSpec;
  request: ReportRequest;
  /** A row's value becomes a filter of the whole page (a property's value with its key: two conditions). */
  onFilter: (...filters: Condition[]) => void;
}

export function BreakdownCard({ spec, request, onFilter }: BreakdownCardProps) {
  const [tab, setTab] = useState(spec.tabs[0]);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<BreakdownSort>('visitors');
  const [detailed, setDetailed] = useState(false);
  // A search looks through up to the detail view's rows, not only the ten on the card.
  const searching = search.trim() !== '';
  const map = tab.view === 'map';
  const { ref, inView } = useInView<HTMLElement>();
  const property = usePropertyKey(request, inView && tab.view === 'property');
  // A property's values are those of its key: the key is a condition of the rows, and of a row's filter.
  const keyCondition: Condition[] =
    tab.view === 'property' && property.key !== undefined
      ? [{ dimension: 'prop_key', operator: 'is', value: property.key }]
      : [];
  // The detail view's columns beyond the visitors, asked for only there: the card's ten rows read visitors alone.
  const details = detailed && !map ? detailMetrics(tab.dimension) : [];
  const breakdown: BreakdownRequest = {
    ...request,
    // The map shows no change: it asks for no comparison period.
    ...(map && { comparison: undefined }),
    filters: keyCondition.reduce(withCondition, request.filters),
    dimension: tab.dimension,
    limit: detailed || searching || map ? DETAIL_ROWS : CARD_ROWS,
    ...(details.length > 0 && { metrics: ['visitors', ...details].join(',') }),
  };
  // How the pages were read, asked for with the details alone, as many pages as they list.
  const reading = useEngagementQuery(request, inView && details.length > 0 && showsReading(tab));
  const filterBy = (value: string) =>
    onFilter(...keyCondition, { dimension: tab.dimension, operator: 'is', value });
  const table = (rows: BreakdownRow[]) => {
    // Each column once the rows answer it: the rows before (kept while the details load) have none of them.
    const answered = details.filter((metric) => rows.some((row) => row.metrics[metric] !== undefined));
    // The reading's columns come after the details', so they wait for them: no column slides in before another.
    const readings =
      details.length > 0 && answered.length === details.length && showsReading(tab) && reading.data
        ? readingsByPage(reading.data)
        : undefined;
    return (
      <BreakdownTable
        label={keyCondition.length > 0 ? `${property.key}` : tab.label}
        lines={breakdownLines(rows, tab.dimension, search, sort).slice(0, detailed ? DETAIL_ROWS : CARD_ROWS)}
        compared={Boolean(request.comparison)}
        onFilter={filterBy}
        details={answered}
        readings={readings}
      />
    );
  };
  // A Properties tab asks for values once it knows its key.
  const rows = useBreakdownQuery(
    breakdown,
    inView && (tab.view !== 'property' || property.key !== undefined),
  );
  const headingId = `breakdown-${spec.title.toLowerCase()}`;

  return (
    <section
      ref={ref}
      className={detailed ? 'card breakdown is-detailed' : 'card breakdown breakdown-card'}
      aria-labelledby={headingId}
    >
      <header className="breakdown-header">
        <h2 id={headingId}>{spec.title}</h2>
        {spec.tabs.length > 1 && (
          <ChipChoice
            label={`${spec.title}: show`}
            options={spec.tabs}
            chosen={tab}
            nameOf={(candidate) => candidate.label}
            onChoose={setTab}
          />
        )}
      </header>
      <div className="breakdown-tools">
        {tab.view === 'property' && property.names && property.names.length > 0 && (
          <select
            aria-label="Property"
            value={property.key}
            onChange={(event) => property.choose(event.target.value)}
          >
            {property.names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        )}
        {!map && (
          <>
            <SearchField
              label={`Search ${tab.label.toLowerCase()}`}
              placeholder="Search"
              value={search}
              onChange={setSearch}
            />
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
          </>
        )}
        <CsvDownloadButton
          fetchCsv={(token) => fetchBreakdownCsv(breakdown, token)}
          fileName={
            property.key !== undefined && keyCondition.length > 0
              ? `property-${property.key}.csv`
              : `${tab.dimension}.csv`
          }
          what={`the ${tab.label.toLowerCase()}`}
        />
      </div>
      <QueryState
        query={keyCondition.length > 0 || tab.view !== 'property' ? rows : property.keys}
        what={tab.label.toLowerCase()}
        isEmpty={(report) => report.rows.length === 0}
        empty={
          <p>
            {tab.view === 'property'
              ? 'No event had a custom property in this period.'
              : 'Nothing in this period.'}
          </p>
        }
      >
        {(report) =>
          map ? (
            <Suspense fallback={<CodeLoading what="the map" />}>
              <CountryMap
                lines={breakdownLines(report.rows, tab.dimension, '', 'visitors')}
                onFilter={filterBy}
              />
            </Suspense>
          ) : details.length > 0 ? (
            // Wider than a phone with its detail columns: it scrolls sideways there.
            <ScrollRegion className="breakdown-scroll" label={`${tab.label}, scrollable`}>
              {table(report.rows)}
            </ScrollRegion>
          ) : (
            table(report.rows)
          )
        }
      </QueryState>
    </section>
  );
}
