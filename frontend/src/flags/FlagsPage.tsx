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
import { describeFlag } from './flags-data';
import { useFlagsQuery } from './useFlagsQuery';

/**
 * A site's feature flags: who gets each, switched on and off here. Admins and owners add, edit and delete them;
 * viewers read them. Pages see a change within a minute (docs/operations.md, "Feature flags").
 */
export function FlagsPage({ site }: ReportPageProps) {
  const { user } = useSession();
  const canManage = user?.role !== 'viewer';
  const flags = useFlagsQuery(site.id);
  const [editingId, setEditingId] = useState<number>();
  const editing = flags.data?.find((flag) => flag.id === editingId);

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
        {canManage && <FlagForm siteId={site.id} onSaved={flags.retry} />}
      </section>
    </div>
  );
}

function FlagRow({
  flag,
  siteId,
  canManage,
  onEdit,
  onChanged,
}: {
  flag: FeatureFlag;
  siteId: number;
  canManage: boolean;
  onEdit: () => void;
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
        {canManage && (
          <span className="flags-actions">
            {/* The key stays in the buttons' names, out of sight: a phone's narrow column shows "Edit". */}
            <button type="button" className="link-button" onClick={onEdit}>
              Edit <span className="visually-hidden">{flag.key}</span>
            </button>
            <ConfirmedDelete what={`the flag ${flag.key}`} remove={remove} />
          </span>
        )}
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
