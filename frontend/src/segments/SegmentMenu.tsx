import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session';
import { writeCondition, type Condition } from '../reports/conditions';
import { ErrorNotice } from '../shared/ErrorNotice';
import { TextField } from '../shared/TextField';
import { useAction } from '../shared/useAction';
import { createSegment, deleteSegment } from './api';
import { activeSegment, segmentConditions, segmentSummary } from './segments-data';
import { useSegmentsQuery } from './useSegmentsQuery';

interface SegmentMenuProps {
  siteId: number;
  /** The page's filters: what a segment replaces, and what an admin saves as one. */
  filters: Condition[];
  /** A segment chosen: its conditions in place of the page's filters. */
  onApply: (filters: Condition[]) => void;
}

/**
 * In Add filter's panel, above the form: the site's segments (named sets of filters), each applied in one click
 * in place of the page's filters, and for its admins the page's filters saved under a name, or a segment deleted.
 */
export function SegmentMenu({ siteId, filters, onApply }: SegmentMenuProps) {
  const [name, setName] = useState('');
  const { user, accessToken = '' } = useSession();
  const canEdit = user?.role !== 'viewer';
  const segments = useSegmentsQuery(siteId);
  const list = segments.data ?? [];
  const active = activeSegment(list, filters);
  const save = useAction(
    () => createSegment(accessToken, siteId, { name: name.trim(), filters: filters.map(writeCondition) }),
    () => {
      setName('');
      segments.retry();
    },
  );
  const remove = useAction((id: number) => deleteSegment(accessToken, siteId, id), segments.retry);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  return (
    <section className="segment-menu" aria-label="Segments">
      <h3>Segments</h3>
      <ErrorNotice message={segments.error?.message ?? save.error ?? remove.error} />
      {list.length === 0 ? (
        <p>
          None yet.{' '}
          {canEdit
            ? 'Filter the page, then save its filters here under a name.'
            : "An admin of the site saves a page's filters as one."}
        </p>
      ) : (
        <ul className="segment-list" aria-label="The site's segments">
          {list.map((segment) => (
            <li key={segment.id}>
              <button
                type="button"
                className="link-button"
                aria-pressed={segment.id === active?.id}
                onClick={() => onApply(segmentConditions(segment))}
              >
                {segment.name}
              </button>
              <small>{segmentSummary(segment)}</small>
              {canEdit && (
                <button
                  type="button"
                  className="danger"
                  aria-label={`Delete the segment ${segment.name}`}
                  disabled={remove.busy}
                  onClick={() => void remove.run(segment.id)}
                >
                  Delete
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && filters.length > 0 && !active && (
        <form className="segment-save" aria-label="Save the filters as a segment" onSubmit={submit}>
          <TextField label="Segment name" required maxLength={80} value={name} onChange={setName} />
          <button type="submit" disabled={save.busy}>
            Save the filters as a segment
          </button>
        </form>
      )}
    </section>
  );
}
