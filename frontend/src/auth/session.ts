import { createContext, useContext } from 'react';
import type { User } from './api';

/**
 * The signed-in user and their access token, kept in memory only: a reload asks the API for a new one
 * with the session cookie (httpOnly, so no script here can read it).
 */
export interface SessionState {
  status: 'checking' | 'signed-out' | 'signed-in';
  user: User | undefined;
  accessToken: string | undefined;
  /** Why the user is back at the sign-in form, if they did not sign out themselves. */
  notice: string | undefined;
  /** Rejects with the API's error (wrong password, too many attempts) for the form to show. */
  signIn(email: string, password: string, code?: string): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  signOut(notice?: string): void;
}

/** Shown at the sign-in form when the session ended without the user signing out. */
export const SESSION_ENDED_NOTICE = 'Your session has ended. Please sign in again.';

export const SessionContext = createContext<SessionState | undefined>(undefined);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession() needs a <SessionProvider> above it');
  return state;
}
