import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session';
import type { DateRange } from '../date-range/date-range';
import { ConfirmedDelete } from '../shared/ConfirmedDelete';
import { ErrorNotice } from '../shared/ErrorNotice';
import { formatWallClock } from '../shared/format';
import { TextField } from '../shared/TextField';
import { useAction } from '../shared/useAction';
import {
  createAnnotation,
  deleteAnnotation,
  updateAnnotation,
  type Annotation,
  type AnnotationFields,
} from './api';

/** The form's labels of the fields the API's messages name. */
const FIELD_LABELS = { date: 'Day', text: 'Note' };
const MAX_TEXT = 280;

const dayOf = (date: string) => formatWallClock(date, { month: 'short', day: 'numeric', year: 'numeric' });

interface AnnotationsProps {
  siteId: number;
  /** The chart's range: the days a new note may go on, the last one first offered. */
  range: DateRange;
  annotations: Annotation[];
  /** After a note is added, changed or deleted: read the list again. */
  onChanged: () => void;
}

/**
 * The notes on the chart's days (PostHog's and Google Analytics' annotations: "Launched the pricing page"),
 * each flagged on the chart above; admins and owners add, change and delete them here, viewers read them.
 */
export function Annotations({ siteId, range, annotations, onChanged }: AnnotationsProps) {
  const { user } = useSession();
  const canManage = user?.role !== 'viewer';
  const [editing, setEditing] = useState<Annotation | 'new'>();
  if (annotations.length === 0 && !canManage) return null;
  const done = () => {
    setEditing(undefined);
    onChanged();
  };

  return (
    <div className="annotations">
      {annotations.length > 0 && (
        <ul className="annotation-list" aria-label="Annotations">
          {annotations.map((annotation) => (
            <li key={annotation.id} className="annotation">
              <span className="annotation-flag" aria-hidden="true" />
              <time dateTime={annotation.date}>{dayOf(annotation.date)}</time>
              <span className="annotation-text">{annotation.text}</span>
              {canManage && (
                <AnnotationActions
                  siteId={siteId}
                  annotation={annotation}
                  onEdit={() => setEditing(annotation)}
                  onDeleted={onChanged}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage &&
        (editing ? (
          <AnnotationForm
            key={editing === 'new' ? 'new' : editing.id}
            siteId={siteId}
            range={range}
            editing={editing === 'new' ? undefined : editing}
            onSaved={done}
            onCancel={() => setEditing(undefined)}
          />
        ) : (
          <button type="button" className="link-button annotation-add" onClick={() => setEditing('new')}>
            + Add annotation
          </button>
        ))}
    </div>
  );
}

function AnnotationActions({
  siteId,
  annotation,
  onEdit,
  onDeleted,
}: {
  siteId: number;
  annotation: Annotation;
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const { accessToken } = useSession();
  const remove = useAction(() => deleteAnnotation(accessToken ?? '', siteId, annotation.id), onDeleted);
  const named = `the annotation of ${dayOf(annotation.date)}, ${annotation.text}`;
  return (
    <span className="annotation-actions">
      <button type="button" className="link-button" aria-label={`Edit ${named}`} onClick={onEdit}>
        Edit
      </button>
      <ConfirmedDelete what={named} remove={remove} />
    </span>
  );
}

function AnnotationForm({
  siteId,
  range,
  editing,
  onSaved,
  onCancel,
}: {
  siteId: number;
  range: DateRange;
  /** The note changed; a new one without. */
  editing?: Annotation;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { accessToken } = useSession();
  const [fields, setFields] = useState<AnnotationFields>({
    date: editing?.date ?? range.to,
    text: editing?.text ?? '',
  });
  const save = useAction(
    () =>
      editing
        ? updateAnnotation(accessToken ?? '', siteId, editing.id, fields)
        : createAnnotation(accessToken ?? '', siteId, fields),
    onSaved,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  return (
    <form
      className="annotation-form"
      onSubmit={submit}
      aria-label={editing ? 'Change the annotation' : 'Add an annotation'}
    >
      <TextField
        label={FIELD_LABELS.date}
        type="date"
        value={fields.date}
        onChange={(date) => setFields({ ...fields, date })}
        // The period's days: the list under the chart shows those, so a note saved shows at once.
        min={range.from}
        max={range.to}
        required
      />
      <TextField
        label={FIELD_LABELS.text}
        value={fields.text}
        onChange={(text) => setFields({ ...fields, text })}
        placeholder="Launched the new pricing page"
        required
        maxLength={MAX_TEXT}
        autoFocus
      />
      <button type="submit" disabled={save.busy}>
        {editing ? 'Save' : 'Add'}
      </button>
      <button type="button" className="link-button" onClick={onCancel}>
        Cancel
      </button>
      <ErrorNotice message={save.error} labels={FIELD_LABELS} />
    </form>
  );
}
