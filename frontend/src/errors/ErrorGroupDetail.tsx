import { useMemo, useState, type ReactNode } from 'react';
import { formatCount, formatDateRange } from '../shared/format';
import { valueLabel } from '../reports/dimension-labels';
import type { ReportRequest } from '../reports/report-request';
import { ApiError } from '../shared/api-client';
import { countScale } from '../shared/chart-scale';
import { LineChart } from '../shared/LineChart';
import { PathText } from '../shared/PathText';
import { QueryState } from '../shared/QueryState';
import { CsvDownloadButton } from '../shared/CsvDownloadButton';
import { fetchErrorGroupCsv, type ErrorGroupReport, type ErrorSample, type ErrorValue } from './api';
import { ErrorTime } from './ErrorTime';
import { NewBadge } from './NewBadge';
import { todayIn } from '../date-range/date-range';
import { errorDaySeries, isNew, sampleText } from './errors-data';
import { useErrorGroupQuery } from './useErrorsQuery';

/** The chart's occurrences, written as counts (one object: the chart is drawn again when it changes). */
const COUNTS = countScale();

interface ErrorGroupDetailProps {
  request: ReportRequest;
  group: string;
  onClose: () => void;
}

/** One error group: its numbers, its occurrences per day, its pages and browsers, and its latest stacks. */
export function ErrorGroupDetail({ request, group, onClose }: ErrorGroupDetailProps) {
  const report = useErrorGroupQuery(request, group);
  return (
    <div className="errors-detail">
      <div className="errors-detail-tools">
        <button type="button" className="link-button" onClick={onClose}>
          ← All errors
        </button>
        <CsvDownloadButton
          fetchCsv={(token) => fetchErrorGroupCsv(request, group, token)}
          fileName={`error-${group}.csv`}
          label="Download occurrences (CSV)"
          what="the occurrences"
        />
      </div>
      <QueryState
        query={report}
        what="this error"
        explain={(error) =>
          error instanceof ApiError && error.status === 404
            ? `it did not happen in ${formatDateRange(request.range)}. Choose other dates, or go back to all errors.`
            : undefined
        }
      >
        {(data) => <GroupReport report={data} />}
      </QueryState>
    </div>
  );
}

function GroupReport({ report }: { report: ErrorGroupReport }) {
  const { summary, timezone } = report;
  const series = useMemo(
    () => errorDaySeries(report.days, todayIn(timezone, new Date())),
    [report.days, timezone],
  );
  return (
    <>
      <section className="card" aria-labelledby="error-heading">
        <h2 id="error-heading" className="errors-detail-message">
          {isNew(summary) && <NewBadge />}
          {summary.message}
        </h2>
        {summary.frame && (
          <code className="errors-frame">
            <PathText path={summary.frame} />
          </code>
        )}
        <dl className="quality-figures" aria-label="This error">
          <Figure label="Occurrences" value={formatCount(summary.occurrences)} />
          <Figure label="Visitors" value={formatCount(summary.visitors)} />
          <Figure label="Visits" value={formatCount(summary.visits)} />
          <Figure label="First seen" value={<ErrorTime at={summary.firstSeenEver} timeZone={timezone} />} />
          {!isNew(summary) && (
            <Figure
              label="First in this range"
              value={<ErrorTime at={summary.firstSeen} timeZone={timezone} />}
            />
          )}
          <Figure label="Last seen" value={<ErrorTime at={summary.lastSeen} timeZone={timezone} />} />
        </dl>
      </section>
      <section className="card" aria-labelledby="error-days-heading">
        <h2 id="error-days-heading">Occurrences per day</h2>
        <LineChart
          series={series}
          scale={COUNTS}
          label="Occurrences"
          summary={`Occurrences of this error per day, ${formatDateRange(report)}`}
        />
      </section>
      <div className="errors-values">
        <ValuesTable title="Pages" dimension="page" values={summary.pages} />
        <ValuesTable title="Browsers" dimension="browser" values={summary.browsers} />
      </div>
      <section className="card" aria-labelledby="error-samples-heading">
        <h2 id="error-samples-heading">Latest occurrences</h2>
        <ol className="errors-samples">
          {report.samples.map((sample) => (
            <Sample key={sample.eventId} sample={sample} timeZone={timezone} />
          ))}
        </ol>
      </section>
    </>
  );
}

function Figure({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="quality-figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function ValuesTable({
  title,
  dimension,
  values,
}: {
  title: string;
  dimension: string;
  values: ErrorValue[];
}) {
  const headingId = `error-${title.toLowerCase()}-heading`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <table className="breakdown-table">
        <thead>
          <tr>
            <th scope="col">{title.slice(0, -1)}</th>
            <th scope="col" className="number">
              Occurrences
            </th>
            <th scope="col" className="number">
              Visitors
            </th>
          </tr>
        </thead>
        <tbody>
          {values.map((value) => (
            <tr key={value.value}>
              <td className="errors-value">{valueLabel(dimension, value.value)}</td>
              <td className="number">{formatCount(value.occurrences)}</td>
              <td className="number">{formatCount(value.visitors)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Sample({ sample, timeZone }: { sample: ErrorSample; timeZone: string }) {
  const [copied, setCopied] = useState<'copied' | 'failed'>();
  const text = sampleText(sample);
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  return (
    <li className="errors-sample">
      <div className="errors-sample-header">
        <span>
          <ErrorTime at={sample.seenAt} timeZone={timeZone} /> · {valueLabel('page', sample.page)} ·{' '}
          {valueLabel('browser', sample.browser)}
        </span>
        <button type="button" className="link-button" onClick={copy}>
          Copy stack
        </button>
        <span role="status" className="errors-copied">
          {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'The browser did not allow copying' : ''}
        </span>
      </div>
      <figure className="errors-stack-figure">
        <figcaption className="visually-hidden">Stack trace</figcaption>
        <pre className="errors-stack">{text}</pre>
      </figure>
    </li>
  );
}
