import { useState } from 'react';
import { useSession } from '../auth/session';
import type { ReportPageProps } from '../reports/report-page';
import { reportPath } from '../reports/report-catalogue';
import { usePageOptions } from '../routing/useReportView';
import { QueryState } from '../shared/QueryState';
import { TextField } from '../shared/TextField';
import { useAction } from '../shared/useAction';
import type { Site } from '../sites/api';
import {
  createDashboard,
  deleteDashboard,
  removeWidget,
  renameDashboard,
  updateWidget,
  type Dashboard,
  type Widget,
} from './api';
import { SharedLinks } from './SharedLinks';
import { useCanEdit } from './useCanEdit';
import { useDashboardsQuery, useDashboardsRefresh } from './useDashboardsQuery';
import { siteWidgetSource } from './widget-sources';
import { WidgetCard } from './WidgetCard';
import { WidthSelect } from './WidthSelect';

/** The Dashboards tab: the site's dashboards, the one chosen (`board` in the URL) with its widgets. */
export function DashboardsPage({ site }: ReportPageProps) {
  const dashboards = useDashboardsQuery(site.id);
  const [options, changeOptions] = usePageOptions();
  const canEdit = useCanEdit();
  return (
    <div className="dashboards">
      <QueryState query={dashboards} what="the dashboards">
        {(list) => {
          const chosen = list.find((one) => String(one.id) === options.get('board')) ?? list[0];
          return (
            <>
              <div className="dashboards-bar">
                {list.length > 0 && (
                  <label className="field">
                    Dashboard
                    <select
                      value={chosen?.id}
                      onChange={(event) => changeOptions({ board: event.target.value })}
                    >
                      {list.map((one) => (
                        <option key={one.id} value={one.id}>
                          {one.name}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
                {canEdit && (
                  <NewDashboard
                    siteId={site.id}
                    first={list.length === 0}
                    onCreated={(id) => changeOptions({ board: String(id) })}
                  />
                )}
              </div>
              {chosen ? (
                <DashboardView key={chosen.id} site={site} dashboard={chosen} canEdit={canEdit} />
              ) : (
                <div className="query-state query-state-empty">
                  <p>
                    No dashboards yet.{' '}
                    {canEdit
                      ? 'Name one above, then open any report page and choose “Add to dashboard”.'
                      : 'An admin of this site can create one.'}
                  </p>
                </div>
              )}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

/**
 * A new dashboard's name: asked for once "New dashboard" is chosen, or at once while the site has none, so the
 * bar above a dashboard stays a choice of dashboard.
 */
function NewDashboard({
  siteId,
  first,
  onCreated,
}: {
  siteId: number;
  first: boolean;
  onCreated: (id: number) => void;
}) {
  const { accessToken } = useSession();
  const refresh = useDashboardsRefresh();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const create = useAction(
    () => createDashboard(accessToken ?? '', siteId, name),
    async (created) => {
      setName('');
      setNaming(false);
      await refresh();
      onCreated(created.id);
    },
  );
  if (!naming && !first) {
    return (
      <button type="button" className="chip" onClick={() => setNaming(true)}>
        + New dashboard
      </button>
    );
  }
  return (
    <form
      className="dashboards-new"
      onSubmit={(event) => {
        event.preventDefault();
        void create.run();
      }}
    >
      <TextField label="New dashboard" required maxLength={100} value={name} onChange={setName} />
      <button type="submit" disabled={create.busy}>
        Create
      </button>
      {!first && (
        <button type="button" className="link-button" onClick={() => setNaming(false)}>
          Cancel
        </button>
      )}
      {create.error && <p role="alert">Could not create it: {create.error}</p>}
    </form>
  );
}

interface DashboardViewProps {
  site: Site;
  dashboard: Dashboard;
  canEdit: boolean;
}

function DashboardView({ site, dashboard, canEdit }: DashboardViewProps) {
  // Presets ("last 7 days") are read against the day the page was opened, like the report pages.
  const [openedAt] = useState(() => new Date());
  // The dashboard's name, deletion and the widgets' arrows, widths and Remove while an admin edits it; the
  // numbers alone otherwise.
  const [editing, setEditing] = useState(false);
  const source = siteWidgetSource(site, openedAt);
  return (
    <section className="dashboard" aria-labelledby="dashboard-name">
      <header className="dashboard-header">
        <h2 id="dashboard-name">{dashboard.name}</h2>
        {canEdit && (
          <button type="button" className="chip" aria-pressed={editing} onClick={() => setEditing(!editing)}>
            Edit dashboard
          </button>
        )}
      </header>
      {canEdit && editing && <DashboardActions siteId={site.id} dashboard={dashboard} />}
      {dashboard.widgets.length === 0 ? (
        <div className="query-state query-state-empty">
          <p>This dashboard has no widgets yet: open any report page and choose “Add to dashboard”.</p>
        </div>
      ) : (
        <div className="dashboard-grid">
          {dashboard.widgets.map((widget, index) => (
            <WidgetCard
              key={widget.id}
              widget={widget}
              source={source}
              href={reportPath(site.id, widget.reportKey, widget.query)}
              controls={
                canEdit &&
                editing && (
                  <WidgetControls
                    siteId={site.id}
                    dashboardId={dashboard.id}
                    widget={widget}
                    first={index === 0}
                    last={index === dashboard.widgets.length - 1}
                  />
                )
              }
            />
          ))}
        </div>
      )}
      {canEdit && (
        <details className="dashboard-share">
          <summary>Share this dashboard</summary>
          <SharedLinks
            siteId={site.id}
            target={{ dashboardId: dashboard.id }}
            shows={(link) => link.dashboardId === dashboard.id}
          />
        </details>
      )}
    </section>
  );
}

function DashboardActions({ siteId, dashboard }: { siteId: number; dashboard: Dashboard }) {
  const { accessToken } = useSession();
  const refresh = useDashboardsRefresh();
  const [name, setName] = useState(dashboard.name);
  const [deleting, setDeleting] = useState(false);
  const rename = useAction(() => renameDashboard(accessToken ?? '', siteId, dashboard.id, name), refresh);
  const remove = useAction(() => deleteDashboard(accessToken ?? '', siteId, dashboard.id), refresh);
  return (
    <div className="dashboard-actions">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void rename.run();
        }}
      >
        <TextField label="Name" required maxLength={100} value={name} onChange={setName} />
        <button type="submit" disabled={rename.busy || name === dashboard.name}>
          Rename
        </button>
      </form>
      {deleting ? (
        <span className="dashboard-delete" role="group" aria-label="Delete this dashboard?">
          <button type="button" className="danger" disabled={remove.busy} onClick={() => void remove.run()}>
            Delete “{dashboard.name}” and its links
          </button>
          <button type="button" className="link-button" onClick={() => setDeleting(false)}>
            Keep it
          </button>
        </span>
      ) : (
        <button type="button" className="link-button" onClick={() => setDeleting(true)}>
          Delete…
        </button>
      )}
      {(rename.error ?? remove.error) && <p role="alert">{rename.error ?? remove.error}</p>}
    </div>
  );
}

interface WidgetControlsProps {
  siteId: number;
  dashboardId: number;
  widget: Widget;
  first: boolean;
  last: boolean;
}

/** Move earlier or later, width, remove: buttons and a select, so the keyboard does all of it. */
function WidgetControls({ siteId, dashboardId, widget, first, last }: WidgetControlsProps) {
  const { accessToken } = useSession();
  const refresh = useDashboardsRefresh();
  const change = useAction(
    (changes: { position?: number; width?: number }) =>
      updateWidget(accessToken ?? '', siteId, dashboardId, widget.id, changes),
    refresh,
  );
  const remove = useAction(() => removeWidget(accessToken ?? '', siteId, dashboardId, widget.id), refresh);
  const busy = change.busy || remove.busy;
  return (
    <div className="dashboard-widget-controls" role="group" aria-label="Arrange this widget">
      <button
        type="button"
        className="chip"
        aria-label="Move earlier"
        disabled={busy || first}
        onClick={() => void change.run({ position: widget.position - 1 })}
      >
        ↑
      </button>
      <button
        type="button"
        className="chip"
        aria-label="Move later"
        disabled={busy || last}
        onClick={() => void change.run({ position: widget.position + 1 })}
      >
        ↓
      </button>
      <WidthSelect
        label="Width"
        hideLabel
        value={widget.width}
        disabled={busy}
        onChange={(width) => void change.run({ width })}
      />
      <button
        type="button"
        className="link-button"
        aria-label="Remove widget"
        disabled={busy}
        onClick={() => void remove.run()}
      >
        Remove
      </button>
      {(change.error ?? remove.error) && <p role="alert">{change.error ?? remove.error}</p>}
    </div>
  );
}
