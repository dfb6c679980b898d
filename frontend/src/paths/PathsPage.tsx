import { formatCount, formatDateRange, formatPercent } from '../shared/format';
import { PagePicker } from '../reports/PagePicker';
import type { ReportPageProps } from '../reports/report-page';
import type { ReportRequest } from '../reports/report-request';
import { NoReportPage } from '../reports/NoReportPage';
import { useReportPage } from '../reports/useTopPages';
import { usePageOptions } from '../routing/useReportView';
import { CsvDownloadButton } from '../shared/CsvDownloadButton';
import { QueryState } from '../shared/QueryState';
import { ShareBar } from '../shared/ShareBar';
import { fetchPathsCsv, fetchSessionPathsCsv, type PathsReport } from './api';
import {
  flowHeight,
  flowItems,
  parsePathsOptions,
  PATH_STEPS,
  pathsOptionsSearch,
  ribbonPaths,
  RIBBON_WIDTH,
  topPathLines,
  type FlowItem,
  type PathsOptions,
} from './paths-data';
import { usePathsQuery, useSessionPathsQuery } from './usePathsQuery';

/** Neighbours on each side of the flow; the same limit serves the top paths' share, so one answer serves both. */
const NEIGHBOURS = 10;
const TOP_PATHS = 10;

/**
 * Paths through the site: the pages visitors came from and went to around a chosen page (a flow), or the
 * most common sequences from or to it. The page and the view are in the URL: clicking a neighbour
 * re-centres on it, and back returns.
 */
export function PathsPage({ request }: ReportPageProps) {
  const [search, changeOptions] = usePageOptions();
  const options = parsePathsOptions(search);
  const { page, pending } = useReportPage(request, options.page);
  const change = (changes: Partial<PathsOptions>) =>
    changeOptions(pathsOptionsSearch({ ...options, ...changes }));
  return (
    <div className="paths">
      <section className="card paths-controls" aria-label="Paths: choose">
        <PagePicker request={request} page={page} label="Page" onChoose={(page) => change({ page })} />
        <div className="paths-views" role="group" aria-label="Show">
          <button
            type="button"
            className="chip"
            aria-pressed={options.view === 'flow'}
            onClick={() => change({ view: 'flow' })}
          >
            Before and after
          </button>
          <button
            type="button"
            className="chip"
            aria-pressed={options.view === 'top'}
            onClick={() => change({ view: 'top' })}
          >
            Top paths
          </button>
        </div>
      </section>
      {page === undefined ? (
        <NoReportPage
          pending={pending}
          purpose="such as /pricing or a pattern such as /blog/** to see where its visitors came from and went next"
        />
      ) : options.view === 'flow' ? (
        <PathFlow request={request} page={page} onCentre={(centre) => change({ page: centre })} />
      ) : (
        <TopPaths request={request} options={{ ...options, page }} onChange={change} />
      )}
    </div>
  );
}

interface PathFlowProps {
  request: ReportRequest;
  page: string;
  onCentre: (page: string) => void;
}

function PathFlow({ request, page, onCentre }: PathFlowProps) {
  const paths = { ...request, page, limit: NEIGHBOURS };
  const report = usePathsQuery(paths);
  return (
    <section className="card" aria-labelledby="paths-flow-heading">
      <header className="breakdown-header">
        <h2 id="paths-flow-heading">Before and after {page}</h2>
        <CsvDownloadButton
          fetchCsv={(token) => fetchPathsCsv(paths, token)}
          fileName="paths-before-and-after.csv"
          what={`the pages before and after ${page}`}
        />
      </header>
      <QueryState
        query={report}
        what={`the paths through ${page}`}
        isEmpty={(data) => data.visits === 0}
        empty={
          <p>
            No visit viewed {page} in this period. Choose another page or a longer period; a pattern such as
            /blog/** takes every page under /blog/.
          </p>
        }
      >
        {(data) => <Flow report={data} onCentre={onCentre} />}
      </QueryState>
    </section>
  );
}

function Flow({ report, onCentre }: { report: PathsReport; onCentre: (page: string) => void }) {
  const previous = flowItems(report.previous);
  const next = flowItems(report.next);
  const height = flowHeight(previous.length, next.length);
  return (
    <div className="paths-flow">
      <h3 className="paths-side-heading paths-previous-heading" id="paths-previous">
        Came from
      </h3>
      <h3 className="paths-side-heading paths-next-heading" id="paths-next">
        Went next
      </h3>
      <FlowList items={previous} labelledBy="paths-previous" onCentre={onCentre} side="previous" />
      <Ribbons items={previous} side="previous" height={height} />
      <div className="paths-centre">
        <span className="paths-centre-page">{report.page}</span>
        <span className="paths-centre-visits">{formatCount(report.visits)}</span>
        <span className="paths-centre-unit">
          {report.visits === 1 ? 'visit' : 'visits'} viewed it, {formatDateRange(report)}
        </span>
      </div>
      <Ribbons items={next} side="next" height={height} />
      <FlowList items={next} labelledBy="paths-next" onCentre={onCentre} side="next" />
    </div>
  );
}

interface FlowListProps {
  items: FlowItem[];
  labelledBy: string;
  side: 'previous' | 'next';
  onCentre: (page: string) => void;
}

function FlowList({ items, labelledBy, side, onCentre }: FlowListProps) {
  return (
    <ol className={`paths-list paths-list-${side}`} aria-labelledby={labelledBy}>
      {items.map((item) => {
        const content = (
          <>
            <span className="paths-item-page">{item.label}</span>
            <span className="paths-item-visits">{formatCount(item.visits)}</span>
            <span className="paths-item-percent">{formatPercent(item.percent)}</span>
            <ShareBar share={item.share} />
          </>
        );
        return (
          <li key={item.page} className={item.marker ? 'paths-item is-marker' : 'paths-item'}>
            {item.marker ? (
              <div className="paths-item-body">{content}</div>
            ) : (
              <button
                type="button"
                className="paths-item-body"
                title={`Centre on ${item.page}`}
                onClick={() => onCentre(item.page)}
              >
                {content}
              </button>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The bands from each neighbour to the chosen page, as wide as their visits (decoration: the lists say it all). */
function Ribbons({ items, side, height }: { items: FlowItem[]; side: 'previous' | 'next'; height: number }) {
  return (
    <svg
      className={`paths-ribbons paths-ribbons-${side}`}
      viewBox={`0 0 ${RIBBON_WIDTH} ${height}`}
      height={height}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      {ribbonPaths(items, side, height).map((path, index) => (
        <path key={items[index].page} d={path} className={items[index].marker ? 'is-marker' : undefined} />
      ))}
    </svg>
  );
}

interface TopPathsProps {
  request: ReportRequest;
  options: PathsOptions & { page: string };
  onChange: (changes: Partial<PathsOptions>) => void;
}

function TopPaths({ request, options, onChange }: TopPathsProps) {
  const { page, direction, steps } = options;
  const topPaths = { ...request, page, direction, steps, limit: TOP_PATHS };
  const paths = useSessionPathsQuery(topPaths);
  // The visits that viewed the page: each has exactly one path from (or to) it, so this is the shares' whole.
  const pageVisits = usePathsQuery({ ...request, page, limit: NEIGHBOURS });
  const heading = direction === 'from' ? `Top paths from ${page}` : `Top paths to ${page}`;
  return (
    <section className="card" aria-labelledby="paths-top-heading">
      <header className="breakdown-header">
        <h2 id="paths-top-heading">{heading}</h2>
        <div className="paths-top-options">
          <label className="field">
            Paths
            <select
              value={direction}
              onChange={(event) => onChange({ direction: event.target.value === 'to' ? 'to' : 'from' })}
            >
              <option value="from">From this page</option>
              <option value="to">To this page</option>
            </select>
          </label>
          <label className="field">
            Steps
            <select value={steps} onChange={(event) => onChange({ steps: Number(event.target.value) })}>
              {PATH_STEPS.map((count) => (
                <option key={count} value={count}>
                  {count}
                </option>
              ))}
            </select>
          </label>
          <CsvDownloadButton
            fetchCsv={(token) => fetchSessionPathsCsv(topPaths, token)}
            fileName={`top-paths-${direction}.csv`}
            what={heading.toLowerCase()}
          />
        </div>
      </header>
      <QueryState
        query={paths}
        what={heading.toLowerCase()}
        isEmpty={(data) => data.paths.length === 0}
        empty={<p>No visit viewed {page} in this period. Choose another page or a longer period.</p>}
      >
        {(data) => (
          <ol className="paths-top" aria-label={heading}>
            {topPathLines(data.paths, pageVisits.data?.visits ?? 0).map((line) => (
              <li key={line.steps.map((step) => step.page).join('\n')} className="paths-top-row">
                <ol className="paths-steps" aria-label="Steps">
                  {line.steps.map((step, index) => (
                    <li key={index} className="paths-step-item">
                      {index > 0 && (
                        <span className="paths-arrow" aria-hidden="true">
                          →
                        </span>
                      )}
                      <span className={step.marker ? 'paths-step is-marker' : 'paths-step'}>
                        {step.label}
                      </span>
                    </li>
                  ))}
                </ol>
                <span className="paths-top-visits">{formatCount(line.visits)}</span>
                <span className="paths-top-percent">
                  {pageVisits.data ? formatPercent(line.percent) : '…'}
                </span>
                <ShareBar share={line.share} />
              </li>
            ))}
          </ol>
        )}
      </QueryState>
      <p className="paths-note">
        Visits, and their share of the visits that viewed {page}; “Entered the site” and “Left the site” mark
        where a visit began or ended within the steps.
      </p>
    </section>
  );
}
