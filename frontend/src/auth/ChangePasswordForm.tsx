import { useState, type FormEvent } from 'react';
import { useSession } from './session';

/** Shown instead of the panel while the user still has a one-time password. */
export function ChangePasswordForm() {
  const { changePassword } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await changePassword(current, next);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  }

  return (
    <form className="auth-form" onSubmit={submit}>
      <h2>Choose your password</h2>
      <p>You signed in with a one-time password. Choose your own (at least 12 characters) to continue.</p>
      {error && (
        <p className="notice" role="alert">
          {error}
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
      <button type="submit" disabled={busy}>
        Save and continue
      </button>
    </form>
  );
}
