import { useState, type FormEvent } from 'react';
import { useAction } from '../shared/useAction';
import { useSession } from './session';

export function SignInForm() {
  const { notice, signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(signIn);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void action.run(email.trim(), password);
  }

  return (
    <form className="auth-form" onSubmit={submit}>
      <h2>Sign in</h2>
      <p>
        On the first start, <code>npm start</code> printed the owner's email and a one-time password.
      </p>
      {(action.error ?? notice) && (
        <p className="notice" role="alert">
          {action.error ?? notice}
        </p>
      )}
      <label>
        Email
        <input
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </label>
      <label>
        Password
        <input
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      <button type="submit" disabled={action.busy}>
        Sign in
      </button>
    </form>
  );
}
