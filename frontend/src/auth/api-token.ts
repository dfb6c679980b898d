import { createContext, useContext } from 'react';

/**
 * The API token the panel sends as `Authorization: Bearer …`. Until user login lands, the user pastes the token
 * `npm start` printed; it is kept in sessionStorage, so it is gone when the tab closes.
 */
export interface ApiTokenState {
  token: string | undefined;
  /** Why the user was sent back to the token form, if they did not sign out themselves. */
  notice: string | undefined;
  signIn(token: string): void;
  signOut(notice?: string): void;
}

const STORAGE_KEY = 'sluice.apiToken';

export const ApiTokenContext = createContext<ApiTokenState | undefined>(undefined);

export function useApiToken(): ApiTokenState {
  const state = useContext(ApiTokenContext);
  if (!state) throw new Error('useApiToken() needs an <ApiTokenProvider> above it');
  return state;
}

export function readStoredToken(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    // Storage is disabled: the user signs in again after a reload, nothing worse.
    return undefined;
  }
}

export function storeToken(token: string | undefined): void {
  try {
    if (token === undefined) sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage is disabled: the token lives in React state for this page only, which still works.
  }
}
