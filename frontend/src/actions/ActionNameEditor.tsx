import { useState } from 'react';
import { useSession } from '../auth/session';
import { ErrorNotice } from '../shared/ErrorNotice';
import { useAction } from '../shared/useAction';
import { clearActionName, renameAction } from './api';
import type { ActionLine } from './actions-data';

/**
 * An action's name changed in place (admins and owners): a person's name is locked against the naming worker;
 * a manual name can go back to the automatic one. `onChanged` refreshes the list.
 */
export function ActionNameEditor({
  siteId,
  line,
  onChanged,
}: {
  siteId: number;
  line: ActionLine;
  onChanged: () => void;
}) {
  const { accessToken } = useSession();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(line.name);
  const done = () => {
    setEditing(false);
    onChanged();
  };
  const save = useAction(() => renameAction(accessToken ?? '', siteId, line.fingerprint, name), done);
  const clear = useAction(() => clearActionName(accessToken ?? '', siteId, line.fingerprint), done);
  if (!editing)
    return (
      <span className="action-name-tools">
        <button
          type="button"
          className="link-button"
          aria-label={`Rename ${line.name}`}
          onClick={() => {
            setName(line.name);
            setEditing(true);
          }}
        >
          Rename
        </button>
        {line.source === 'manual' && (
          <button
            type="button"
            className="link-button"
            disabled={clear.busy}
            aria-label={`Automatic name for ${line.name}`}
            onClick={() => void clear.run()}
          >
            Automatic name
          </button>
        )}
        <ErrorNotice message={clear.error} />
      </span>
    );
  return (
    <form
      className="action-name-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
      <label>
        <span className="visually-hidden">New name of {line.name}</span>
        <input value={name} maxLength={100} required onChange={(event) => setName(event.target.value)} />
      </label>
      <button type="submit" disabled={save.busy}>
        Save
      </button>
      <button type="button" className="link-button" onClick={() => setEditing(false)}>
        Cancel
      </button>
      <ErrorNotice message={save.error} />
    </form>
  );
}
