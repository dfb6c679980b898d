import { useState } from 'react';
import { ErrorNotice } from './ErrorNotice';
import type { Action } from './useAction';

/**
 * A Delete button that asks once more, in place: Delete again to confirm, or Keep. `what` names the thing for
 * screen readers ("goal Signed up"), on both buttons; `remove` deletes it, its failure shown beside them.
 */
export function ConfirmedDelete({
  what,
  remove,
  className = 'inline-confirm',
}: {
  what: string;
  remove: Action<[]>;
  /** The confirmation's own class, where its place lays it out; by default the two buttons side by side. */
  className?: string;
}) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button
        type="button"
        className="link-button"
        aria-label={`Delete ${what}`}
        onClick={() => setConfirming(true)}
      >
        Delete
      </button>
    );
  return (
    <span className={className}>
      <button
        type="button"
        className="danger"
        disabled={remove.busy}
        aria-label={`Confirm: delete ${what}`}
        onClick={() => void remove.run()}
      >
        Delete
      </button>
      <button type="button" className="link-button" onClick={() => setConfirming(false)}>
        Keep
      </button>
      <ErrorNotice message={remove.error} />
    </span>
  );
}
