import { AddToDashboard } from '../dashboards/AddToDashboard';
import { FunnelChart } from '../funnels/FunnelChart';
import { BreakdownTable } from '../overview/BreakdownTable';
import { todayIn } from '../date-range/date-range';
import { breakdownLines } from '../overview/breakdown-data';
import { MetricCards } from '../overview/MetricCards';
import { metricCards } from '../overview/overview-data';
import { TimeChart } from '../overview/TimeChart';
import { dimensionLabel, type Dimension } from '../reports/dimension-labels';
import { RetentionGridTable } from '../retention/RetentionGrid';
import { retentionGrid } from '../retention/retention-data';
import { TableHeader } from '../shared/TableHeader';
import { ScrollRegion } from '../shared/ScrollRegion';
import type { Site } from '../sites/api';
import type { QuestionAnswer } from './api';
import { metricLabel } from '../overview/overview-data';
import { answerTable, answerView, type AnswerTable } from './ask-data';

interface AnswerViewProps {
  answer: QuestionAnswer;
  site: Site;
  /** Asks a suggested question. */
  onAsk: (question: string) => void;
}

/** One question and its answer: the query in words, the chart, the table and "Add to dashboard"; or why not. */
export function AnswerView({ answer, site, onAsk }: AnswerViewProps) {
  return (
    <article className="card ask-answer">
      <h2 className="ask-question">{answer.question}</h2>
      {answer.outcome === 'answered' ? (
        <>
          <p className="ask-query">
            <span className="ask-label">Answered with:</span> {answer.message}
          </p>
          <ChartAndTable answer={answer} />
          <SaveAnswer answer={answer} siteId={site.id} />
        </>
      ) : (
        <div className={`ask-unanswered outcome-${answer.outcome}`}>
          <p>{answer.message}</p>
          {answer.reason && <p className="ask-reason">Why: {answer.reason}</p>}
          {answer.suggestions.length > 0 && (
            <>
              <p>Questions this data can answer:</p>
              <ul className="ask-suggestions">
                {answer.suggestions.map((suggestion) => (
                  <li key={suggestion}>
                    <button type="button" className="link-button" onClick={() => onAsk(suggestion)}>
                      {suggestion}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </article>
  );
}

/**
 * The report's own chart, and every number of the answer as a table: folded under the chart, which already
 * shows them (a breakdown's chart is its table), open where the report has no chart of its own.
 */
function ChartAndTable({ answer }: { answer: QuestionAnswer }) {
  const chart = answerChart(answer);
  const table = answerTable(answer);
  if (!table || !chart) return chart ?? <AnswerTableView table={table} />;
  return (
    <>
      {chart}
      <details className="ask-numbers">
        <summary>Every number as a table</summary>
        <AnswerTableView table={table} />
      </details>
    </>
  );
}

/** The report's own chart, as its page draws it; null for a report without one. */
function answerChart(answer: QuestionAnswer) {
  const { query, result } = answer;
  if (!query || !result) return null;
  if (result.overview) return <MetricCards cards={metricCards(result.overview)} />;
  if (result.timeseries) {
    const metric = query.metrics?.[0] ?? 'visitors';
    return (
      <TimeChart
        report={result.timeseries}
        metric={metric}
        metricLabel={metricLabel(metric)}
        summary={answer.message}
      />
    );
  }
  if (result.breakdown && (query.metrics ?? ['visitors']).includes('visitors')) {
    const { dimension, rows } = result.breakdown;
    return (
      <BreakdownTable
        label={dimensionLabel(dimension)}
        lines={breakdownLines(rows, dimension as Dimension, '', 'visitors')}
        compared={Boolean(query.compare)}
      />
    );
  }
  // The steps' actions by fingerprint, as the model named them.
  if (result.funnel) return <FunnelChart report={result.funnel} />;
  if (result.retention)
    return (
      <RetentionGridTable
        grid={retentionGrid(result.retention, todayIn(result.retention.timezone, new Date()))}
        period={result.retention.period}
        returnEvent={result.retention.returnEvent}
      />
    );
  return null;
}

function AnswerTableView({ table }: { table: AnswerTable | undefined }) {
  if (!table) return null;
  return (
    <ScrollRegion className="ask-table-region" label={table.caption}>
      <table className="ask-table">
        <caption className="visually-hidden">{table.caption}</caption>
        <TableHeader columns={table.columns} />
        <tbody>
          {table.rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, column) => (
                <td key={column} className={table.columns[column].number ? 'number' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** Saves the answer's query object (not the question) as a dashboard widget, where a view can hold it. */
function SaveAnswer({ answer, siteId }: { answer: QuestionAnswer; siteId: number }) {
  if (!answer.query) return null;
  const view = answerView(answer.query);
  if ('unsaved' in view) return <p className="ask-unsaved">{view.unsaved}</p>;
  return (
    <AddToDashboard
      siteId={siteId}
      reportKey={view.reportKey}
      query={view.query}
      preset={{ kind: view.kind, dimension: view.dimension as Dimension | undefined }}
    />
  );
}
