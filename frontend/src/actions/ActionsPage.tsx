import { useState } from 'react';
import { fetchBreakdownCsv } from '../overview/api';
import { formatChange, formatCount, formatDateRange } from '../shared/format';
import type { ReportPageProps } from '../reports/report-page';
import type { ReportRequest } from '../reports/report-request';
import { withCondition } from '../reports/conditions';
import { QueryState } from '../shared/QueryState';
import { actionsRequest, renameActionsAgain } from './api';
import { ActionNameEditor } from './ActionNameEditor';
import { useSession } from '../auth/session';
import { ErrorNotice } from '../shared/ErrorNotice';
import { useAction } from '../shared/useAction';
import {
  actionContext,
  actionLines,
  ACTION_SORTS,
  SORT_LABELS,
  SOURCE_LABELS,
  type ActionLine,
  type ActionSort,
} from './actions-data';
import { useActionPagesQuery, useActionsQuery, useLatestClickQuery } from './useActionsQuery';
import { TableHeader } from '../shared/TableHeader';
import { SearchField } from '../shared/SearchField';
import { ShowMore, useShownRows } from '../shared/ShowMore';
import { CsvDownloadButton } from '../shared/CsvDownloadButton';
import { ShareBar } from '../shared/ShareBar';

/**
 * The autocaptured actions: every element visitors clicked, by the name the API gives it and where the name came
 * from (AI, automatic, manual), with visitors and clicks; search and sort; a row opens to its element's context;
 * its name filters the whole panel by it. Admins rename an action in place; owners have chosen ones named again.
 */
export function ActionsPage({ site, view, onChange, request }: ReportPageProps) {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<ActionSort>('visitors');
  const [open, setOpen] = useState<string>();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const shown = useShownRows();
  const { user, accessToken } = useSession();
  const canRename = user?.role !== 'viewer';
  const canRerun = user?.role === 'owner';
  const actions = useActionsQuery(request);
  const rerun = useAction(
    () => renameActionsAgain(accessToken ?? '', site.id, [...chosen]),
    () => {
      setChosen(new Set());
      actions.retry();
    },
  );
  const choose = (fingerprint: string, on: boolean) =>
    setChosen((before) => {
      const after = new Set(before);
      if (on) after.add(fingerprint);
      else after.delete(fingerprint);
      return after;
    });
  const compared = Boolean(request.comparison);
  const columns = 5 + (compared ? 1 : 0) + (canRerun ? 1 : 0);

  return (
    <section className="card actions" aria-labelledby="actions-heading">
      <header className="actions-header">
        <div>
          <h2 id="actions-heading">Actions</h2>
          <p className="actions-note">
            Clicks the tracker captured on its own, {formatDateRange(request.range)}. Choose an action to
            filter every report by it.
          </p>
        </div>
        <CsvDownloadButton
          fetchCsv={(token) => fetchBreakdownCsv(actionsRequest(request), token)}
          fileName="actions.csv"
          what="the actions"
        />
      </header>
      <div className="actions-tools">
        <SearchField
          label="Search actions"
          placeholder="Search actions"
          value={search}
          onChange={setSearch}
        />
        <label className="field">
          <span className="visually-hidden">Sort actions by</span>
          <select value={sort} onChange={(event) => setSort(event.target.value as ActionSort)}>
            {ACTION_SORTS.map((candidate) => (
              <option key={candidate} value={candidate}>
                {SORT_LABELS[candidate]}
              </option>
            ))}
          </select>
        </label>
        {canRerun && (
          <button type="button" disabled={chosen.size === 0 || rerun.busy} onClick={() => void rerun.run()}>
            Name {chosen.size || ''} again
          </button>
        )}
        <ErrorNotice message={rerun.error} />
      </div>
      <QueryState
        query={actions}
        what="the actions"
        isEmpty={(report) => report.rows.length === 0}
        empty={
          <p>
            No clicks captured on these dates. Autocapture is part of the full tracker (<code>s.js</code>, not{' '}
            <code>s.lite.js</code>); clicks on buttons and links show up here once visitors make them.
          </p>
        }
      >
        {(report) => {
          const lines = actionLines(report.rows, search, sort);
          return (
            <>
              <table className="actions-table">
                <caption className="visually-hidden">
                  Autocaptured actions by visitors and clicks; choose one to filter the reports by it
                </caption>
                <TableHeader
                  columns={[
                    canRerun && { label: 'Choose', unseen: true, className: 'actions-choose' },
                    { label: 'Action', className: 'actions-name' },
                    { label: 'Named by', className: 'actions-wide' },
                    { label: 'Visitors', number: true, className: 'actions-visitors' },
                    { label: 'Clicks', number: true, className: 'actions-clicks' },
                    compared && { label: 'Change', number: true, className: 'actions-wide' },
                    { label: 'Context', unseen: true, className: 'actions-toggle-cell' },
                  ]}
                />
                <tbody>
                  {lines.length === 0 && (
                    <tr>
                      <td colSpan={columns}>No action’s name contains “{search.trim()}”.</td>
                    </tr>
                  )}
                  {lines.slice(0, shown.count).flatMap((line) => {
                    const expanded = open === line.fingerprint;
                    const detailId = `action-${line.fingerprint}`;
                    const row = (
                      <tr key={line.fingerprint}>
                        {canRerun && (
                          <td className="actions-choose">
                            <input
                              type="checkbox"
                              aria-label={`Choose ${line.name}`}
                              checked={chosen.has(line.fingerprint)}
                              onChange={(event) => choose(line.fingerprint, event.target.checked)}
                            />
                          </td>
                        )}
                        <td className="actions-name">
                          <button
                            type="button"
                            className="row-filter"
                            title={`Filter by ${line.name}`}
                            onClick={() =>
                              onChange({
                                filters: withCondition(view.filters, {
                                  dimension: 'element',
                                  operator: 'is',
                                  value: line.fingerprint,
                                }),
                              })
                            }
                          >
                            <ShareBar share={line.share} />
                            {line.name}
                          </button>
                          {canRename && (
                            <ActionNameEditor
                              key={`${line.name} ${line.source}`}
                              siteId={site.id}
                              line={line}
                              onChanged={actions.retry}
                            />
                          )}
                        </td>
                        <td className="actions-wide">
                          <span className={`name-source name-source-${line.source}`}>
                            {SOURCE_LABELS[line.source]}
                          </span>
                        </td>
                        <td className="number actions-visitors">{formatCount(line.visitors)}</td>
                        <td className="number actions-clicks">{formatCount(line.clicks)}</td>
                        {compared && <td className="number actions-wide">{formatChange(line.change)}</td>}
                        <td className="actions-toggle-cell">
                          <button
                            type="button"
                            className="link-button actions-toggle"
                            aria-expanded={expanded}
                            aria-controls={detailId}
                            // The name begins with the visible word, as speech input expects (axe: label-content-name-mismatch).
                            aria-label={`${expanded ? 'Hide context' : 'Context'} of ${line.name}`}
                            onClick={() => setOpen(expanded ? undefined : line.fingerprint)}
                          >
                            {expanded ? 'Hide' : 'Context'}
                          </button>
                        </td>
                      </tr>
                    );
                    if (!expanded) return [row];
                    return [
                      row,
                      <tr key={`${line.fingerprint} context`} id={detailId} className="actions-detail">
                        <td colSpan={columns}>
                          <ActionContext request={request} line={line} />
                        </td>
                      </tr>,
                    ];
                  })}
                </tbody>
              </table>
              <ShowMore shown={shown.count} total={lines.length} what="actions" onMore={shown.more} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

/** An action's element as its latest click describes it, and the pages it was clicked on. */
function ActionContext({ request, line }: { request: ReportRequest; line: ActionLine }) {
  const click = useLatestClickQuery(request, line.fingerprint);
  const pages = useActionPagesQuery(request, line.fingerprint);
  return (
    <div className="actions-context">
      <QueryState
        query={click}
        what="the element"
        isEmpty={(found) => !found}
        empty={<p>No click in this view.</p>}
      >
        {(found) =>
          found && (
            <dl aria-label={`Element of ${line.name}`}>
              {actionContext(found).map((item) => (
                <div key={item.label}>
                  <dt>{item.label}</dt>
                  <dd>{item.value}</dd>
                </div>
              ))}
              <div>
                <dt>Fingerprint</dt>
                <dd>
                  <code>{line.fingerprint}</code>
                </dd>
              </div>
            </dl>
          )
        }
      </QueryState>
      <QueryState query={pages} what="its pages">
        {(report) => (
          <table className="actions-pages" aria-label={`Pages where ${line.name} was clicked`}>
            <TableHeader
              columns={[
                { label: 'Clicked on' },
                { label: 'Visitors', number: true },
                { label: 'Clicks', number: true },
              ]}
            />
            <tbody>
              {report.rows.map((row) => (
                <tr key={row.value}>
                  <td>{row.value}</td>
                  <td className="number">{formatCount(row.metrics.visitors ?? 0)}</td>
                  <td className="number">{formatCount(row.metrics.events ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </div>
  );
}
