import { formatCount, formatDateRange, formatPercent } from '../shared/format';
import { PagePicker } from '../reports/PagePicker';
import type { ReportPageProps } from '../reports/report-page';
import type { ReportRequest } from '../reports/report-request';
import { NoReportPage } from '../reports/NoReportPage';
import { useReportPage } from '../reports/useTopPages';
import { usePageOptions } from '../routing/useReportView';
import { CsvDownloadButton } from '../shared/CsvDownloadButton';
import { csvFile } from '../shared/csv';
import { QueryState } from '../shared/QueryState';
import type { HeatmapReport, PageFraming, Viewport } from './api';
import {
  denseAreas,
  elementLines,
  elementsCsv,
  framingNotice,
  heatmapOptionsSearch,
  parseHeatmapOptions,
  placeCells,
  scrollLines,
  stageHeight,
  totalClicks,
  VIEWPORT_LABELS,
  VIEWPORT_SIZES,
  VIEWPORTS,
  type HeatmapOptions,
} from './heatmap-data';
import { useHeatmapQuery, usePageFramingQuery } from './useHeatmapQuery';
import { TableHeader } from '../shared/TableHeader';
import { ShareBar } from '../shared/ShareBar';

/** The densest areas listed under the stage. */
const DENSE_AREAS = 5;
/** Grid lines of the outline, every this many CSS px down the page. */
const OUTLINE_STEP = 250;

/**
 * A page's heatmap: where visitors clicked, as cells over the page itself (framed, without its scripts) where
 * the site allows it and over an outline otherwise, at one viewport width; its most clicked elements; and
 * how far down its views scrolled. The page and the viewport are in the URL.
 */
export function HeatmapPage({ site, request }: ReportPageProps) {
  const [search, changeOptions] = usePageOptions();
  const options = parseHeatmapOptions(search);
  const { page, pending } = useReportPage(request, options.page);
  const change = (changes: Partial<HeatmapOptions>) =>
    changeOptions(heatmapOptionsSearch({ ...options, ...changes }));
  return (
    <div className="heatmap">
      <section className="card heatmap-controls" aria-label="Heatmap: choose">
        <PagePicker request={request} page={page} label="Page" onChoose={(page) => change({ page })} />
        <div className="heatmap-viewports" role="group" aria-label="Viewport">
          {VIEWPORTS.map((viewport) => (
            <button
              key={viewport}
              type="button"
              className="chip"
              aria-pressed={viewport === options.viewport}
              onClick={() => change({ viewport })}
            >
              {VIEWPORT_LABELS[viewport]}
            </button>
          ))}
        </div>
      </section>
      {page === undefined ? (
        <NoReportPage
          pending={pending}
          purpose="to see where visitors clicked on it and how far down they scrolled"
        />
      ) : (
        <Heatmap siteId={site.id} request={request} page={page} viewport={options.viewport} />
      )}
    </div>
  );
}

interface HeatmapProps {
  siteId: number;
  request: ReportRequest;
  page: string;
  viewport: Viewport;
}

function Heatmap({ siteId, request, page, viewport }: HeatmapProps) {
  const heatmap = useHeatmapQuery({ ...request, page, viewport });
  const framing = usePageFramingQuery(siteId, page);
  const width = VIEWPORT_SIZES[viewport].width;
  const label = VIEWPORT_LABELS[viewport].toLowerCase();
  return (
    <QueryState
      query={heatmap}
      what={`the heatmap of ${page}`}
      isEmpty={(report) => report.cells.length === 0 && report.scroll.views === 0}
      empty={
        <p>
          No clicks on {page} from {label} screens in this period, and no scrolling reported. The tracker
          records clicks with autocapture on; try another viewport or a longer period.
        </p>
      }
    >
      {(report) => (
        <>
          <section className="card" aria-labelledby="heatmap-heading">
            <header className="heatmap-header">
              <h2 id="heatmap-heading">
                Clicks on {page}, {label}
              </h2>
              <p className="heatmap-total">
                <span className="heatmap-total-number">{formatCount(totalClicks(report))}</span> clicks,{' '}
                {formatDateRange(report)}
              </p>
            </header>
            {framing.data === undefined && framing.error === undefined ? (
              <p className="query-state" aria-busy="true">
                Checking whether {page} can be shown here…
              </p>
            ) : (
              <>
                <p className="heatmap-notice">{framingNotice(framing.data, page, width)}</p>
                <Stage report={report} viewport={viewport} framing={framing.data} />
                <p className="heatmap-legend">
                  Fewer clicks <span className="heatmap-legend-scale" /> More clicks
                </p>
              </>
            )}
            <DenseAreas report={report} />
          </section>
          <div className="heatmap-details">
            <Elements report={report} />
            <ScrollDepth report={report} />
          </div>
        </>
      )}
    </QueryState>
  );
}

interface StageProps {
  report: HeatmapReport;
  viewport: Viewport;
  framing: PageFraming | undefined;
}

/**
 * The page and its clicks in one SVG, in the page's own CSS px: the SVG scales both alike to the card.
 * The framed page is sandboxed with no permission at all: no scripts (the page cannot act in the panel or
 * as its visitor), no same origin (no cookies or storage of the site), no forms, popups or navigation of
 * the panel; it takes no pointer (a click on it would follow its link) and no focus, and sends no referrer.
 */
function Stage({ report, viewport, framing }: StageProps) {
  const { width, height: fold } = VIEWPORT_SIZES[viewport];
  const height = stageHeight(report, viewport);
  const framed = framing?.framable && framing.url ? framing.url : undefined;
  const fontSize = Math.max(13, width / 75);
  const cells = placeCells(report, width).map((cell) => ({
    ...cell,
    box: { x: cell.x, y: cell.y, width: cell.width, height: cell.height },
  }));
  const lines = Array.from(
    { length: Math.floor((height - 1) / OUTLINE_STEP) },
    (_, i) => (i + 1) * OUTLINE_STEP,
  );
  return (
    <div className="heatmap-stage">
      <svg
        className="heatmap-svg"
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        role="img"
        aria-labelledby="heatmap-svg-title"
      >
        <title id="heatmap-svg-title">
          {`Click density on ${report.page} at ${width} px wide: ${formatCount(report.cells.length)} areas with clicks; the densest are listed below`}
        </title>
        {framed ? (
          <foreignObject x={0} y={0} width={width} height={height}>
            <iframe
              className="heatmap-frame"
              src={framed}
              sandbox=""
              referrerPolicy="no-referrer"
              width={width}
              height={height}
              tabIndex={-1}
              title={`${report.page} as visitors see it, without its scripts`}
            />
          </foreignObject>
        ) : (
          <g className="heatmap-outline">
            <rect x={0} y={0} width={width} height={height} />
            {lines.map((y) => (
              <g key={y}>
                <line x1={0} x2={width} y1={y} y2={y} />
                <text x={6} y={y - 6} fontSize={fontSize}>
                  {y} px
                </text>
              </g>
            ))}
          </g>
        )}
        <g className="heatmap-fold">
          <line x1={0} x2={width} y1={fold} y2={fold} />
          <text x={width - 6} y={fold - 6} fontSize={fontSize} textAnchor="end">
            fold of a {width}×{fold} screen
          </text>
        </g>
        <HeatFilter cellWidth={width / report.grid.columns} rowPx={report.grid.rowPx} />
        {/* The cells' densities as opacity, blurred together and coloured by the filter: one smooth field. */}
        <g filter="url(#heatmap-heat)" aria-hidden="true">
          {cells.map((cell) => (
            <rect key={`${cell.x} ${cell.y}`} fillOpacity={cell.density} {...cell.box} />
          ))}
        </g>
        {/* Each cell again, unpainted, to name its count on hover. */}
        {cells.map((cell) => (
          <rect key={`${cell.x} ${cell.y}`} className="heatmap-cell" {...cell.box}>
            <title>{`${formatCount(cell.clicks)} ${cell.clicks === 1 ? 'click' : 'clicks'}`}</title>
          </rect>
        ))}
      </svg>
    </div>
  );
}

/**
 * How the cells become heat, as heatmap tools draw it: their opacities blurred into one density field (a
 * cell's reach is about its own size, alike in both directions however narrow a phone's columns are, so
 * neighbouring cells merge into round areas), strengthened so a dense cluster reaches
 * the top of the scale, then mapped through the palette (blue, few clicks, through green and yellow to red,
 * the most), with sparse areas more transparent than dense ones and no density left clear.
 */
function HeatFilter({ cellWidth, rowPx }: { cellWidth: number; rowPx: number }) {
  return (
    <filter id="heatmap-heat" x="-5%" y="-5%" width="110%" height="110%" colorInterpolationFilters="sRGB">
      <feGaussianBlur
        in="SourceAlpha"
        stdDeviation={Math.max(cellWidth * 0.8, rowPx * 0.4)}
        result="density"
      />
      <feColorMatrix in="density" type="matrix" values={DENSITY_TO_GREY} />
      <feComponentTransfer>
        <feFuncR type="table" tableValues="0 0 0.2 1 1 0.85" />
        <feFuncG type="table" tableValues="0.3 0.7 0.85 0.85 0.45 0" />
        <feFuncB type="table" tableValues="1 0.9 0.3 0 0 0.1" />
        <feFuncA type="table" tableValues="0 0.45 0.55 0.65 0.75 0.85" />
      </feComponentTransfer>
    </filter>
  );
}

/** The blurred density (alpha) into every channel, times 1.6 (clamped at 1): the palette's input. */
const DENSITY_TO_GREY = ['0 0 0 1.6 0', '0 0 0 1.6 0', '0 0 0 1.6 0', '0 0 0 1.6 0'].join(' ');

function DenseAreas({ report }: { report: HeatmapReport }) {
  const areas = denseAreas(report, DENSE_AREAS);
  if (areas.length === 0) return <p className="heatmap-notice">No clicks at this viewport in this period.</p>;
  return (
    <table className="breakdown-table heatmap-areas">
      <caption>Densest areas</caption>
      <thead>
        <tr>
          <th scope="col">Across the width</th>
          <th scope="col">Down the page</th>
          <th scope="col" className="number">
            Clicks
          </th>
        </tr>
      </thead>
      <tbody>
        {areas.map((area) => (
          <tr key={`${area.across} ${area.down}`}>
            <td>{area.across}</td>
            <td>{area.down}</td>
            <td className="number">{formatCount(area.clicks)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Elements({ report }: { report: HeatmapReport }) {
  const lines = elementLines(report.elements, totalClicks(report));
  return (
    <section className="card" aria-labelledby="heatmap-elements-heading">
      <header className="breakdown-header">
        <h2 id="heatmap-elements-heading">Most clicked elements</h2>
        {lines.length > 0 && (
          <CsvDownloadButton
            // The API's heatmap CSV holds the click cells: this file is made from the rows below.
            fetchCsv={async () => csvFile(elementsCsv(lines))}
            fileName="heatmap-elements.csv"
            what="the most clicked elements"
          />
        )}
      </header>
      {lines.length === 0 ? (
        <p className="heatmap-notice">No element was clicked at this viewport in this period.</p>
      ) : (
        <table className="breakdown-table heatmap-elements">
          <caption className="visually-hidden">
            Elements of {report.page} by clicks, with their share of the page’s clicks
          </caption>
          <TableHeader
            columns={[
              { label: 'Element' },
              { label: 'Clicks', number: true },
              { label: 'Share', number: true },
            ]}
          />
          <tbody>
            {lines.map((line) => (
              <tr key={line.fingerprint}>
                <td className="heatmap-element">
                  <ShareBar share={line.share} />
                  {line.name}
                </td>
                <td className="number">{formatCount(line.clicks)}</td>
                <td className="number">{formatPercent(line.percent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ScrollDepth({ report }: { report: HeatmapReport }) {
  const { views } = report.scroll;
  return (
    <section className="card" aria-labelledby="heatmap-scroll-heading">
      <h2 id="heatmap-scroll-heading">Scroll depth</h2>
      {views === 0 ? (
        <p className="heatmap-notice">
          No view of {report.page} reported how far it scrolled in this period.
        </p>
      ) : (
        <>
          <p className="heatmap-notice">
            How far down the {formatCount(views)} {views === 1 ? 'view' : 'views'} of {report.page} got, on
            every screen size.
          </p>
          <ol className="heatmap-scroll" aria-label="Views that reached each depth">
            {scrollLines(report.scroll).map((line) => (
              <li key={line.depth} className="heatmap-scroll-row">
                <span className="heatmap-scroll-depth">{line.depth}% of the page</span>
                <span className="heatmap-scroll-views">{formatCount(line.views)}</span>
                <span className="heatmap-scroll-percent">{formatPercent(line.percent)}</span>
                <span className="heatmap-scroll-track" aria-hidden="true">
                  <ShareBar share={line.share} className="heatmap-scroll-bar" />
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
