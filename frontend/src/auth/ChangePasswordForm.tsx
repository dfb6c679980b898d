import { useState, type FormEvent } from 'react';
import { useAction } from '../shared/useAction';
import { useSession } from './session';

/** Shown instead of the panel while the user still has a one-time password. */
export function ChangePasswordForm() {
  const { changePassword } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const action = useAction(changePassword);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void action.run(current, next);
  }

  return (
    <form className="auth-form" onSubmit={submit}>
      <h2>Choose your password</h2>
      <p>You signed in with a one-time password. Choose your own (at least 12 characters) to continue.</p>
      {action.error && (
        <p className="notice" role="alert">
          {action.error}
        </p>
      )}
      <label>
        One-time password
        <input
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
      </label>
      <label>
        New password
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
      </label>
      <button type="submit" disabled={action.busy}>
        Save and continue
      </button>
    </form>
  );
}
