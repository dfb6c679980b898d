import { useMemo, useState, type ReactNode } from 'react';
import { ApiTokenContext, readStoredToken, storeToken, type ApiTokenState } from './api-token';

export function ApiTokenProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState(readStoredToken);
  const [notice, setNotice] = useState<string>();

  const state = useMemo<ApiTokenState>(
    () => ({
      token,
      notice,
      signIn(next) {
        storeToken(next);
        setNotice(undefined);
        setToken(next);
      },
      signOut(reason) {
        storeToken(undefined);
        setNotice(reason);
        setToken(undefined);
      },
    }),
    [token, notice],
  );

  return <ApiTokenContext value={state}>{children}</ApiTokenContext>;
}
