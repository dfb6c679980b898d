import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useAction } from '../shared/useAction';
import { setUpTotp, switchTotp, type TotpSetup } from './api';
import { useSession } from './session';
import { ErrorNotice } from '../shared/ErrorNotice';
import { TextField } from '../shared/TextField';

// The QR encoder loads with the set-up, not with every page of the panel.
const QrCode = lazy(async () => ({ default: (await import('./QrCode')).QrCode }));

/** Turns two-factor sign-in (TOTP) on or off for the signed-in user; it takes effect at the next sign-in. */
export function TwoFactorCard() {
  const { user, accessToken = '' } = useSession();
  const [enabled, setEnabled] = useState(user?.totpEnabled ?? false);
  const [setup, setSetup] = useState<TotpSetup>();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const start = useAction(
    () => setUpTotp(accessToken, password),
    (created: TotpSetup) => {
      setSetup(created);
      setPassword('');
    },
  );
  const confirm = useAction(
    () => switchTotp(accessToken, !enabled, code),
    () => {
      setEnabled(!enabled);
      setSetup(undefined);
      setCode('');
    },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void confirm.run();
  };
  const begin = (event: FormEvent) => {
    event.preventDefault();
    void start.run();
  };
  const error = start.error ?? confirm.error;
  return (
    <section className="card" aria-label="Two-factor sign-in">
      <h2>Two-factor sign-in</h2>
      <p>{enabled ? 'On: signing in asks for the code of your authenticator app.' : 'Off.'}</p>
      <ErrorNotice message={error} labels={{ password: 'Current password', code: 'Code' }} />
      {!enabled && !setup && (
        <form onSubmit={begin}>
          <TextField
            label="Current password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={setPassword}
          />
          <button type="submit" disabled={start.busy}>
            Set up an authenticator app
          </button>
        </form>
      )}
      {setup && (
        <>
          <p>
            Scan this code with your authenticator app, or add the key <code>{setup.secret}</code> to it by
            hand (or open <a href={setup.otpauthUrl}>this link</a> on your phone), then enter the code it
            shows.
          </p>
          <Suspense>
            <QrCode text={setup.otpauthUrl} label="QR code for your authenticator app" />
          </Suspense>
        </>
      )}
      {(enabled || setup) && (
        <form onSubmit={submit}>
          <TextField
            label="Code"
            inputMode="numeric"
            pattern="[0-9]{6}"
            required
            value={code}
            onChange={setCode}
          />
          <button type="submit" disabled={confirm.busy}>
            {enabled ? 'Turn off' : 'Turn on'}
          </button>
        </form>
      )}
    </section>
  );
}
