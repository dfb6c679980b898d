import type { Engagement } from './api';
import type { BreakdownLine } from './breakdown-data';
import { READING_COLUMNS, readingCells } from './reading-data';
import { formatChange, formatCount } from '../shared/format';
import { ShareBar } from '../shared/ShareBar';
import { formatMetric, METRIC_LABELS, type OverviewMetricName } from './overview-data';

interface BreakdownTableProps {
  /** What the rows are values of ("Countries"). */
  label: string;
  lines: BreakdownLine[];
  /** Whether the lines carry a change against the comparison period. */
  compared: boolean;
  /** A row's value becomes a filter; without it (a shared dashboard) rows are plain text. */
  onFilter?: (value: string) => void;
  /** Columns after the visitors (a card's detail view: detailMetrics), each from the lines' metrics. */
  details?: OverviewMetricName[];
  /** Pages' readings (time on page, scroll depth), by value: two columns more, after the details. */
  readings?: Map<string, Engagement>;
}

/** A breakdown's rows by visitors, each with its bar: on the overview's cards and on dashboards. */
export function BreakdownTable({
  label,
  lines,
  compared,
  onFilter,
  details = [],
  readings,
}: BreakdownTableProps) {
  return (
    <table className="breakdown-table">
      <caption className="visually-hidden">
        {label} by unique visitors{onFilter ? '; choose a value to filter the page by it' : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">{label}</th>
          <th scope="col" className="number">
            Visitors
          </th>
          {compared && (
            <th scope="col" className="number">
              Change
            </th>
          )}
          {details.map((metric) => (
            <th key={metric} scope="col" className="number">
              {METRIC_LABELS[metric]}
            </th>
          ))}
          {readings &&
            READING_COLUMNS.map((column) => (
              <th key={column} scope="col" className="number">
                {column}
              </th>
            ))}
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => {
          const bar = <ShareBar share={line.share} />;
          return (
            <tr key={line.value}>
              <td>
                {onFilter ? (
                  <button
                    type="button"
                    className="row-filter"
                    title={`Filter by ${line.label}`}
                    onClick={() => onFilter(line.value)}
                  >
                    {bar}
                    {line.label}
                  </button>
                ) : (
                  <span className="row-filter">
                    {bar}
                    {line.label}
                  </span>
                )}
              </td>
              <td className="number">{formatCount(line.visitors)}</td>
              {compared && <td className="number">{formatChange(line.change)}</td>}
              {details.map((metric) => (
                <td key={metric} className="number">
                  {formatMetric(metric, line.metrics[metric])}
                </td>
              ))}
              {readings &&
                readingCells(readings.get(line.value)).map((cell, i) => (
                  <td key={READING_COLUMNS[i]} className="number">
                    {cell}
                  </td>
                ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
