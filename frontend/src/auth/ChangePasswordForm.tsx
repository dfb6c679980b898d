import { useState, type FormEvent } from 'react';
import { useAction } from '../shared/useAction';
import { useSession } from './session';
import { ErrorNotice } from '../shared/ErrorNotice';
import { TextField } from '../shared/TextField';

const NEW_PASSWORD_LABEL = 'New password';

/**
 * Shown instead of the panel while the user still has a one-time password (`firstSignIn`), and on the Account
 * page. A change ends the user's other sessions.
 */
export function ChangePasswordForm({ firstSignIn = false }: { firstSignIn?: boolean }) {
  const { changePassword } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [changed, setChanged] = useState(false);
  const action = useAction(changePassword, () => {
    setCurrent('');
    setNext('');
    setChanged(true);
  });

  const currentLabel = firstSignIn ? 'One-time password' : 'Current password';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChanged(false);
    void action.run(current, next);
  }

  return (
    <form className={firstSignIn ? 'auth-form' : 'card'} onSubmit={submit} aria-label="Change password">
      <h2>{firstSignIn ? 'Choose your password' : 'Password'}</h2>
      <p>
        {firstSignIn
          ? 'You signed in with a one-time password. Choose your own (at least 12 characters) to continue.'
          : 'At least 12 characters. Changing it signs you out everywhere else.'}
      </p>
      {changed && <p role="status">Your password is changed.</p>}
      <ErrorNotice
        message={action.error}
        labels={{ currentPassword: currentLabel, newPassword: NEW_PASSWORD_LABEL }}
      />
      <TextField
        label={currentLabel}
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onChange={setCurrent}
      />
      <TextField
        label={NEW_PASSWORD_LABEL}
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        value={next}
        onChange={setNext}
      />
      <button type="submit" disabled={action.busy}>
        {firstSignIn ? 'Save and continue' : 'Change password'}
      </button>
    </form>
  );
}
