import { useState, type SyntheticEvent } from 'react';
import { useSession } from '../auth/session';
import { DIMENSION_LABELS, type Dimension } from '../reports/dimension-labels';
import { QueryState } from '../shared/QueryState';
import { TextField } from '../shared/TextField';
import { useAction } from '../shared/useAction';
import { addWidget, createDashboard, type WidgetKind } from './api';
import { WIDGET_KIND_LABELS, widgetKindsFor } from './dashboards-data';
import { SharedLinks } from './SharedLinks';
import { useCanEdit } from './useCanEdit';
import { WidthSelect, type WidgetWidth } from './WidthSelect';
import { useDashboardsQuery, useDashboardsRefresh } from './useDashboardsQuery';

const NEW = 'new';

interface AddToDashboardProps {
  siteId: number;
  /** The report page and its query string: the view a widget saves. */
  reportKey: string;
  query: string;
  /** What the widget form offers first (the Ask page's answer: its chart, or its breakdown's dimension). */
  preset?: { kind: WidgetKind; dimension?: Dimension };
}

/** Beside a report page's toolbar: save the view as a widget of a dashboard, or share the view itself. */
export function AddToDashboard(props: AddToDashboardProps) {
  const [open, setOpen] = useState<'add' | 'share'>();
  // Each form asks the API for the site's dashboards or links only once it is opened.
  const toggle = (which: 'add' | 'share') => (event: SyntheticEvent<HTMLDetailsElement>) => {
    const opened = event.currentTarget.open;
    setOpen((current) => (opened ? which : current === which ? undefined : current));
  };
  if (!useCanEdit()) return null;
  return (
    <div className="add-to-dashboard">
      <details open={open === 'add'} onToggle={toggle('add')}>
        <summary>Add to dashboard</summary>
        {open === 'add' && <WidgetForm {...props} />}
      </details>
      <details open={open === 'share'} onToggle={toggle('share')}>
        <summary>Share this view</summary>
        {open === 'share' && (
          <SharedLinks
            siteId={props.siteId}
            target={{ view: { reportKey: props.reportKey, query: props.query } }}
            shows={(link) => link.view?.reportKey === props.reportKey && link.view.query === props.query}
          />
        )}
      </details>
    </div>
  );
}

function WidgetForm({ siteId, reportKey, query, preset }: AddToDashboardProps) {
  const { accessToken } = useSession();
  const dashboards = useDashboardsQuery(siteId);
  const refresh = useDashboardsRefresh();
  const [board, setBoard] = useState('');
  const [name, setName] = useState('');
  const kinds = widgetKindsFor(reportKey);
  const [kind, setKind] = useState<WidgetKind>(preset?.kind ?? kinds[0]);
  const [dimension, setDimension] = useState<Dimension>(preset?.dimension ?? 'page');
  const [width, setWidth] = useState<WidgetWidth>(1);
  const [added, setAdded] = useState<string>();
  const save = useAction(
    async (target: string) => {
      const token = accessToken ?? '';
      const dashboard =
        target === NEW ? await createDashboard(token, siteId, name) : { id: Number(target), name: '' };
      const saved = await addWidget(token, siteId, dashboard.id, {
        reportKey,
        query,
        kind,
        width,
        ...(kind === 'breakdown' && { dimension }),
      });
      return saved.name;
    },
    async (savedTo) => {
      setAdded(savedTo);
      setName('');
      await refresh();
    },
  );
  return (
    <QueryState query={dashboards} what="the dashboards">
      {(list) => {
        const target = board || (list[0] ? String(list[0].id) : NEW);
        return (
          <form
            className="add-to-dashboard-form"
            onSubmit={(event) => {
              event.preventDefault();
              void save.run(target);
            }}
          >
            <label className="field">
              Dashboard
              <select value={target} onChange={(event) => setBoard(event.target.value)}>
                {list.map((one) => (
                  <option key={one.id} value={one.id}>
                    {one.name}
                  </option>
                ))}
                <option value={NEW}>New dashboard…</option>
              </select>
            </label>
            {target === NEW && (
              <TextField label="Name" required maxLength={100} value={name} onChange={setName} />
            )}
            <label className="field">
              Shows
              <select value={kind} onChange={(event) => setKind(event.target.value as WidgetKind)}>
                {kinds.map((value) => (
                  <option key={value} value={value}>
                    {WIDGET_KIND_LABELS[value]}
                  </option>
                ))}
              </select>
            </label>
            {kind === 'breakdown' && (
              <label className="field">
                By
                <select value={dimension} onChange={(event) => setDimension(event.target.value as Dimension)}>
                  {Object.entries(DIMENSION_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <WidthSelect label="Width" value={width} onChange={setWidth} />
            <button type="submit" disabled={save.busy}>
              Add widget
            </button>
            {save.error && <p role="alert">Could not add the widget: {save.error}</p>}
            {added && !save.error && <p role="status">Added to “{added}”.</p>}
          </form>
        );
      }}
    </QueryState>
  );
}
