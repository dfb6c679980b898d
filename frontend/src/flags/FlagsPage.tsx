import { useState } from 'react';
import { useSession } from '../auth/session';
import type { ReportPageProps } from '../reports/report-page';
import { ConfirmedDelete } from '../shared/ConfirmedDelete';
import { ErrorNotice } from '../shared/ErrorNotice';
import { QueryState } from '../shared/QueryState';
import { ScrollRegion } from '../shared/ScrollRegion';
import { TableHeader } from '../shared/TableHeader';
import { useAction } from '../shared/useAction';
import { deleteFlag, updateFlag, type FeatureFlag } from './api';
import { FlagForm } from './FlagForm';
import { RESULTS_CLOSED } from './experiment-data';
import { FlagResults } from './FlagResults';
import { usePageOptions } from '../routing/useReportView';
import { describeFlag } from './flags-data';
import { useFlagsQuery } from './useFlagsQuery';

/**
 * A site's feature flags: who gets each, switched on and off here. Admins and owners add, edit and delete them;
 * viewers read them. Pages see a change within a minute (docs/operations.md, "Feature flags"). A flag's results
 * (`flag=<key>` in the URL) compare its values by a goal, as an A/B test.
 */
export function FlagsPage({ site }: ReportPageProps) {
  const { user } = useSession();
  const canManage = user?.role !== 'viewer';
  const flags = useFlagsQuery(site.id);
  const [editingId, setEditingId] = useState<number>();
  const editing = flags.data?.find((flag) => flag.id === editingId);
  const [options, changeOptions] = usePageOptions();
  const shown = flags.data?.find((flag) => flag.key === options.get('flag'));

  return (
    <div className="flags">
      <section className="card" aria-labelledby="flags-heading">
        <h2 id="flags-heading">Feature flags</h2>
        <QueryState
          query={flags}
          what="the flags"
          isEmpty={(list) => list.length === 0}
          empty={
            <p>
              No flags yet.{' '}
              {canManage
                ? "Add one below; pages read it with _sluice.push(['isEnabled', 'key', (on, value) => …])."
                : 'An admin or owner of this site can add them.'}
            </p>
          }
        >
          {(list) => (
            <ScrollRegion className="flags-scroll" label="Flags table, scrollable">
              <table className="flags-table">
                <caption className="visually-hidden">
                  Feature flags: whether each is on, and who gets it
                </caption>
                <TableHeader columns={[{ label: 'Flag' }, { label: 'Who gets it' }, { label: 'On' }]} />
                <tbody>
                  {list.map((flag) => (
                    <FlagRow
                      key={flag.id}
                      flag={flag}
                      siteId={site.id}
                      canManage={canManage}
                      onEdit={() => setEditingId(flag.id === editingId ? undefined : flag.id)}
                      resultsShown={flag === shown}
                      onResults={() => changeOptions(flag === shown ? RESULTS_CLOSED : { flag: flag.key })}
                      onChanged={flags.retry}
                    />
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </QueryState>
        {canManage && editing && (
          <FlagForm
            key={editing.id}
            siteId={site.id}
            editing={editing}
            onSaved={() => {
              setEditingId(undefined);
              flags.retry();
            }}
          />
        )}
      </section>
      {shown && <FlagResults site={site} flag={shown} />}
      {canManage && (
        <section className="card">
          <FlagForm siteId={site.id} onSaved={flags.retry} />
        </section>
      )}
    </div>
  );
}

function FlagRow({
  flag,
  siteId,
  canManage,
  onEdit,
  resultsShown,
  onResults,
  onChanged,
}: {
  flag: FeatureFlag;
  siteId: number;
  canManage: boolean;
  onEdit: () => void;
  resultsShown: boolean;
  onResults: () => void;
  onChanged: () => void;
}) {
  const { accessToken } = useSession();
  const toggle = useAction(
    () => updateFlag(accessToken ?? '', siteId, flag.id, { enabled: !flag.enabled }),
    onChanged,
  );
  const remove = useAction(() => deleteFlag(accessToken ?? '', siteId, flag.id), onChanged);
  return (
    <tr>
      <td>
        <span className="flags-key">{flag.key}</span>
        {flag.description && <span className="flags-description">{flag.description}</span>}
        <span className="flags-actions">
          <button type="button" className="link-button" aria-pressed={resultsShown} onClick={onResults}>
            Results <span className="visually-hidden">of {flag.key}</span>
          </button>
          {canManage && (
            <>
              {/* The key stays in the buttons' names, out of sight: a phone's narrow column shows "Edit". */}
              <button type="button" className="link-button" onClick={onEdit}>
                Edit <span className="visually-hidden">{flag.key}</span>
              </button>
              <ConfirmedDelete what={`the flag ${flag.key}`} remove={remove} />
            </>
          )}
        </span>
        <ErrorNotice message={toggle.error} />
      </td>
      <td>{describeFlag(flag)}</td>
      <td>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={flag.enabled}
            disabled={!canManage || toggle.busy}
            onChange={() => void toggle.run()}
          />
          <span className="visually-hidden">{flag.key} on</span>
        </label>
      </td>
    </tr>
  );
}
