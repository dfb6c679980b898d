import { useEffect, useState, type FormEvent } from 'react';
import { fetchProviders, SINGLE_SIGN_ON_PATH } from './api';
import { ApiError } from '../shared/api-client';
import { useAction } from '../shared/useAction';
import { useSession } from './session';
import { ErrorNotice } from '../shared/ErrorNotice';
import { TextField } from '../shared/TextField';

export function SignInForm() {
  const { notice, signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [singleSignOn, setSingleSignOn] = useState<string>();
  // Single sign-on came back with a reason it failed.
  const [ssoError] = useState(() => new URLSearchParams(location.search).get('sso_error') ?? undefined);
  useEffect(() => {
    fetchProviders().then(
      ({ oidc }) => setSingleSignOn(oidc?.name),
      () => undefined,
    );
  }, []);
  const [needsCode, setNeedsCode] = useState(false);
  const action = useAction(async (...args: Parameters<typeof signIn>) => {
    try {
      await signIn(...args);
    } catch (failure) {
      // The password was right; two-factor sign-in also wants the app's code.
      if (failure instanceof ApiError && failure.code === 'totp_required') setNeedsCode(true);
      throw failure;
    }
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void action.run(email.trim(), password, needsCode ? code.trim() : undefined);
  }

  return (
    <form className="auth-form" onSubmit={submit}>
      <h2>Sign in</h2>
      <p>
        On the first start, <code>npm start</code> printed the owner's email and a one-time password.
      </p>
      <ErrorNotice message={action.error ?? ssoError ?? notice} />
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        required
        value={email}
        onChange={setEmail}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={setPassword}
      />
      {needsCode && (
        <TextField
          label="Code from your authenticator app"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          required
          value={code}
          onChange={setCode}
        />
      )}
      <button type="submit" disabled={action.busy}>
        Sign in
      </button>
      {singleSignOn && <a href={SINGLE_SIGN_ON_PATH}>Sign in with {singleSignOn}</a>}
    </form>
  );
}
