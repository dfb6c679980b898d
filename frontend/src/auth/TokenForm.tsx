import { useState, type FormEvent } from 'react';
import { useApiToken } from './api-token';

export function TokenForm() {
  const { notice, signIn } = useApiToken();
  const [token, setToken] = useState('');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    signIn(token.trim());
  }

  return (
    <form className="token-form" onSubmit={submit}>
      <h2>Sign in</h2>
      <p>
        Paste the API token that <code>npm start</code> printed. It is also in <code>data/secrets.env</code>{' '}
        as <code>SLUICE_API_TOKEN</code>.
      </p>
      {notice && (
        <p className="notice" role="alert">
          {notice}
        </p>
      )}
      <label>
        API token
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          value={token}
          onChange={(event) => setToken(event.target.value)}
        />
      </label>
      <button type="submit" disabled={!token.trim()}>
        Open the panel
      </button>
    </form>
  );
}
