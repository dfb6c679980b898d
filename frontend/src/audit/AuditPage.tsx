import { useState } from 'react';
import { QueryState } from '../shared/QueryState';
import { useApiQuery } from '../shared/useApiQuery';
import { AUDIT_PAGE_SIZE, fetchAuditEntries } from './api';
import { useAccountsQuery } from '../users/useAccountsQuery';
import { useSitesQuery } from '../sites/useSitesQuery';
import { actionWords, detailPairs, targetNames } from './audit-data';
import { formatDateTime } from '../shared/format';
import { ScrollRegion } from '../shared/ScrollRegion';

/** Who changed which site or user, and when: newest first, a page at a time. */
export function AuditPage() {
  // The ids of the entries each shown page starts after; empty: the newest page.
  const [cursors, setCursors] = useState<number[]>([]);
  const before = cursors.at(-1);
  const entries = useApiQuery(['audit', before ?? 'newest'], (token, signal) =>
    fetchAuditEntries(token, signal, before),
  );
  // Sites and users by name in the On column, once their lists are here (ids until then).
  const nameOf = targetNames(useSitesQuery().data ?? [], useAccountsQuery().data ?? []);
  return (
    <section className="card" aria-label="Audit log">
      <h2>Audit log</h2>
      <QueryState
        query={entries}
        what="the audit log"
        isEmpty={(list) => list.length === 0}
        empty={<p>Nothing recorded yet.</p>}
      >
        {(list) => (
          <>
            <ScrollRegion className="audit-scroll" label="Audit entries, scrollable">
              <table className="audit phone-rows">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">Action</th>
                    <th scope="col">On</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((entry) => (
                    <tr key={entry.id}>
                      <td>
                        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                      </td>
                      <td>{entry.actorEmail}</td>
                      <td>
                        {actionWords(entry.action)}
                        <code className="audit-recorded">{entry.action}</code>
                      </td>
                      <td>
                        <TargetName target={entry.target} name={nameOf(entry.target)} />
                      </td>
                      <td>
                        <dl className="audit-details">
                          {detailPairs(entry.details, nameOf).map(({ label, value }) => (
                            <div key={label}>
                              <dt>{label}</dt>
                              <dd>{value}</dd>
                            </div>
                          ))}
                        </dl>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            <div className="toolbar">
              {cursors.length > 0 && (
                <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>
                  Newer
                </button>
              )}
              {list.length === AUDIT_PAGE_SIZE && (
                <button type="button" onClick={() => setCursors([...cursors, list[list.length - 1].id])}>
                  Older
                </button>
              )}
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}

/** What an entry was done to: its name, and the id recorded under it where the name is not the id. */
function TargetName({ target, name }: { target: string; name: string }) {
  return (
    <>
      {name}
      {name !== target && <code className="audit-recorded">{target}</code>}
    </>
  );
}
