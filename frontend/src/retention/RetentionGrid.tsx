import type { RetentionPeriod } from './api';
import { PERIOD_LABELS, type RetentionGrid } from './retention-data';
import { ScrollRegion } from '../shared/ScrollRegion';

interface RetentionGridProps {
  grid: RetentionGrid;
  period: RetentionPeriod;
  returnEvent: string | null;
}

/**
 * The cohort grid as a table: a row per cohort, a column per period since its first visit, each cell the
 * percent returning shaded by it; its count shows on hover and focus and is always read by screen readers.
 */
export function RetentionGridTable({ grid, period, returnEvent }: RetentionGridProps) {
  const unit = PERIOD_LABELS[period];
  const underWay = grid.rows.some((row) => row.cells.some((cell) => cell.inProgress));
  return (
    <>
      <ScrollRegion className="retention-scroll" label="Cohort grid, scrollable">
        <table className="retention-grid">
          <caption className="visually-hidden">
            Cohorts by the {unit.toLowerCase()} of their first visit; each column the percent of the cohort
            who
            {returnEvent ? ` sent the event ${returnEvent}` : ' visited'} in that {unit.toLowerCase()} after
            it
          </caption>
          <thead>
            <tr>
              <th scope="col">Cohort</th>
              <th scope="col" className="retention-size">
                Visitors
              </th>
              {grid.offsets.map((offset) => (
                <th scope="col" key={offset} className="retention-offset">
                  {unit} {offset}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((row) => (
              <tr key={row.cohort}>
                <th scope="row" className="retention-cohort">
                  {row.label}
                </th>
                <td className="retention-size">{row.visitors}</td>
                {grid.offsets.map((offset) => {
                  const cell = row.cells[offset];
                  if (!cell) return <td key={offset} className="retention-none" />;
                  return (
                    <td
                      key={offset}
                      className={`retention-cell retention-shade-${cell.shade}${cell.inProgress ? ' retention-in-progress' : ''}`}
                      tabIndex={0}
                      title={cell.description}
                    >
                      <span className="retention-percent">{cell.percent}</span>
                      <span className="retention-count">
                        {cell.count} <span className="visually-hidden">visitors</span>
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {underWay && (
        <p className="retention-note">
          <span className="retention-note-sample" aria-hidden="true" /> This {unit.toLowerCase()}, not over
          yet: its shares still grow.
        </p>
      )}
    </>
  );
}
