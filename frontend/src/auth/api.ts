import type { Schemas } from '../api/schemas';
import { apiRequest } from '../shared/api-client';

/** `GET /api/auth/me` and the user in every sign-in answer; `mustChangePassword`: signed in with a one-time password, the panel asks for a new one before anything else. */
export type User = Schemas['UserResponseDto'];

/** What login, refresh and a password change answer; the session cookie comes with it. */
export interface SignedIn {
  accessToken: string;
  /** Seconds the access token lasts. */
  expiresIn: number;
  user: User;
}

/** `code`: with two-factor sign-in on, the authenticator app's current code. */
export const login = (email: string, password: string, code?: string) =>
  apiRequest<SignedIn>('POST', '/auth/login', { body: { email, password, code } });

export const refresh = () => apiRequest<SignedIn>('POST', '/auth/refresh');

export const logout = () => apiRequest<void>('POST', '/auth/logout');

/** A new TOTP secret for the user's authenticator app (two-factor sign-in stays off until a code turns it on). */
export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}

/** Needs the current password: an access token alone does not tie the account to an app. */
export const setUpTotp = (token: string, password: string) =>
  apiRequest<TotpSetup>('POST', '/auth/totp', { token, body: { password } });

/** Turns two-factor sign-in on (after setUpTotp) or off, with the app's current code. */
export const switchTotp = (token: string, on: boolean, code: string) =>
  apiRequest<void>('POST', `/auth/totp/${on ? 'enable' : 'disable'}`, { token, body: { code } });

/** What the sign-in form offers besides the password: single sign-on, when configured. */
export const fetchProviders = () => apiRequest<{ oidc: { name: string } | null }>('GET', '/auth/providers');

/** Where single sign-on starts (the API redirects to the provider, which redirects back). */
export const SINGLE_SIGN_ON_PATH = '/api/auth/oidc';

export const changePassword = (token: string, currentPassword: string, newPassword: string) =>
  apiRequest<SignedIn>('POST', '/auth/password', { token, body: { currentPassword, newPassword } });
