import { useComparisonWords } from '../reports/comparison-words';
import { dimensionLabel, type Dimension } from '../reports/dimension-labels';
import type { FunnelReport } from './api';
import { funnelStepLines, funnelValueLines, windowLabel } from './funnel-data';
import { sameWho, type FunnelWho } from './funnel-visitors';
import { TableHeader } from '../shared/TableHeader';
import { ScrollRegion } from '../shared/ScrollRegion';

/** A bar as long as `percent` of the entrants, drawn in SVG (its attributes are no inline style). */
function Bar({ percent, className }: { percent: number; className: string }) {
  return (
    <svg className={className} viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
      <rect className="funnels-track" width="100" height="10" rx="1" />
      <rect className="funnels-fill" width={percent} height="10" rx="1" />
    </svg>
  );
}

interface FunnelProps {
  report: FunnelReport;
  /** Autocaptured actions' names by fingerprint; without them a step shows its fingerprint. */
  actionNames?: ReadonlyMap<string, string>;
  /**
   * Where given (the funnels page), a step's visitors and its drop-off are buttons that show who they are;
   * `who` is the figure shown.
   */
  onWho?: (who: FunnelWho) => void;
  who?: FunnelWho;
}

/** A figure as it is shown, or as a button that lists the visitors behind it. */
function WhoFigure({
  figure,
  who,
  label,
  shown,
  onWho,
}: {
  figure: string;
  who: FunnelWho;
  label: string;
  shown: FunnelWho | undefined;
  onWho: ((who: FunnelWho) => void) | undefined;
}) {
  if (!onWho) return <>{figure}</>;
  return (
    <button
      type="button"
      className="link-button funnels-who"
      // Named by the figure first (what the eye reads), then what it counts.
      aria-label={`${figure} ${label}: see who`}
      aria-pressed={sameWho(shown, who)}
      onClick={() => onWho(who)}
    >
      {figure}
    </button>
  );
}

/** The funnels page's chart: its card, headed, around the steps. */
export function FunnelChart(props: FunnelProps) {
  return (
    <section className="card" aria-labelledby="funnels-chart-heading">
      <h2 id="funnels-chart-heading" className="funnels-chart-heading">
        Funnel
      </h2>
      <FunnelSteps {...props} />
    </section>
  );
}

/**
 * The funnel's summary and one bar per step: visitors, conversion from the start and from the previous step,
 * drop-off, median time (on the funnels page, and in a dashboard's funnel widget).
 */
export function FunnelSteps({ report, actionNames, onWho, who }: FunnelProps) {
  const lines = funnelStepLines(report, actionNames);
  const last = lines[lines.length - 1];
  const compared = useComparisonWords();
  return (
    <>
      <div className="funnels-chart-header">
        <p className="funnels-summary">
          <span className="funnels-big">{last.fromStart}</span> of {lines[0].visitors} visitors completed all{' '}
          {lines.length} steps within {windowLabel(report.window)}
          {last.comparison && ` (${compared.phrase}: ${last.comparison.fromStart})`}
        </p>
        {last.comparison && (
          <p className="funnels-legend" aria-hidden="true">
            <span className="funnels-swatch" /> This period <span className="funnels-swatch is-previous" />{' '}
            {compared.label}
          </p>
        )}
      </div>
      <ol className="funnels-bars" aria-label="Steps">
        {lines.map((line) => (
          <li key={line.step} className="funnels-bar-row">
            <div className="funnels-bar-label">
              <span className="funnels-step-number">{line.step}</span>
              <span className="funnels-step-name">{line.label}</span>
            </div>
            <Bar percent={line.bar} className="funnels-bar" />
            {line.comparison && <Bar percent={line.comparison.bar} className="funnels-bar is-previous" />}
            <dl className="funnels-figures">
              <div className="funnels-visitors">
                <dt>Visitors</dt>
                <dd className="funnels-big">
                  <WhoFigure
                    figure={line.visitors}
                    who={{ step: line.step, outcome: 'reached' }}
                    label={`visitors reached step ${line.step}`}
                    shown={who}
                    onWho={onWho}
                  />
                </dd>
              </div>
              <div className="funnels-from-start">
                <dt>From start</dt>
                <dd>{line.fromStart}</dd>
              </div>
              {line.fromPrevious !== undefined && (
                <div className="funnels-from-previous">
                  <dt>From previous step</dt>
                  <dd>{line.fromPrevious}</dd>
                </div>
              )}
              {line.dropOff !== undefined && (
                <div className="funnels-dropped">
                  <dt>Dropped off</dt>
                  <dd>
                    <WhoFigure
                      figure={line.dropOff}
                      who={{ step: line.step, outcome: 'dropped' }}
                      label={`visitors dropped off before step ${line.step}`}
                      shown={who}
                      onWho={onWho}
                    />
                  </dd>
                </div>
              )}
              {line.medianTime !== undefined && (
                <div className="funnels-median">
                  <dt>Median time</dt>
                  <dd>{line.medianTime}</dd>
                </div>
              )}
              {line.comparison && (
                <div className="funnels-previous">
                  <dt>{compared.label}</dt>
                  <dd>
                    {line.comparison.visitors} ({line.comparison.fromStart}), {line.comparison.change}
                  </dd>
                </div>
              )}
            </dl>
          </li>
        ))}
      </ol>
    </>
  );
}

/**
 * With a breakdown: each value's conversion beside the previous period's, then its entrants and completions
 * (the rates first, so a phone shows them before the table scrolls sideways).
 */
export function FunnelBreakdownTable({ report, dimension }: { report: FunnelReport; dimension: Dimension }) {
  const label = dimensionLabel(dimension);
  const lines = funnelValueLines(report.breakdown ?? [], dimension);
  const comparing = report.comparison !== null;
  return (
    <section className="card" aria-labelledby="funnels-breakdown-heading">
      <h2 id="funnels-breakdown-heading">Conversion by {label.toLowerCase()}</h2>
      {lines.length === 0 ? (
        <p>No visitor entered the funnel in this period.</p>
      ) : (
        <ScrollRegion className="funnels-scroll" label={`Conversion by ${label.toLowerCase()}, scrollable`}>
          <table className="breakdown-table">
            <TableHeader
              columns={[
                { label },
                { label: 'Conversion', number: true },
                comparing && { label: 'Previous', number: true },
                { label: 'Entered', number: true },
                { label: 'Completed', number: true },
              ]}
            />
            <tbody>
              {lines.map((line) => (
                <tr key={line.value}>
                  <td className="funnels-value">{line.label}</td>
                  <td className="number">{line.conversion}</td>
                  {comparing && <td className="number">{line.previousConversion}</td>}
                  <td className="number">{line.entered}</td>
                  <td className="number">{line.completed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
