import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as auth from './api';
import { SESSION_ENDED_NOTICE, SessionContext, type SessionState } from './session';

/** The access token is renewed this long before it expires. */
const RENEW_EARLY_SECONDS = 60;

/**
 * Whether the API said this browser holds a session: its hint cookie (SESSION_HINT, backend/src/auth/cookies.ts;
 * the session's own cookie is out of any script's reach). Without it the sign-in form shows at once, with no request
 * for a token the browser can't have (whose 401 the console would show on every signed-out visit).
 */
const mayHaveSession = () => /(?:^|;\s*)(?:__Host-)?sluice_signed_in=1(?:;|$)/.test(document.cookie);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [signedIn, setSignedIn] = useState<auth.SignedIn>();
  const [status, setStatus] = useState<SessionState['status']>(() =>
    mayHaveSession() ? 'checking' : 'signed-out',
  );
  const [notice, setNotice] = useState<string>();

  const accept = useCallback((answer: auth.SignedIn) => {
    setSignedIn(answer);
    setStatus('signed-in');
    setNotice(undefined);
  }, []);

  const signOut = useCallback((reason?: string) => {
    // The cookie is cleared by the API; signing out locally does not wait for it.
    auth.logout().catch(() => undefined);
    setSignedIn(undefined);
    setStatus('signed-out');
    setNotice(reason);
  }, []);

  // On load, and shortly before each access token expires: a new one from the session cookie.
  useEffect(() => {
    const delay = signedIn ? Math.max(signedIn.expiresIn - RENEW_EARLY_SECONDS, 1) * 1000 : 0;
    if (status === 'signed-out') return;
    const timer = setTimeout(() => {
      auth.refresh().then(accept, () => {
        setSignedIn(undefined);
        setStatus('signed-out');
        if (signedIn) setNotice(SESSION_ENDED_NOTICE);
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [signedIn, status, accept]);

  const state = useMemo<SessionState>(
    () => ({
      status,
      user: signedIn?.user,
      accessToken: signedIn?.accessToken,
      notice,
      signIn: async (email, password, code) => accept(await auth.login(email, password, code)),
      changePassword: async (current, next) =>
        accept(await auth.changePassword(signedIn?.accessToken ?? '', current, next)),
      signOut,
    }),
    [status, signedIn, notice, accept, signOut],
  );

  return <SessionContext value={state}>{children}</SessionContext>;
}
