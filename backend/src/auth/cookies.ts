import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SESSION_TTL_MS } from '../sessions/refresh-tokens.js';

/** The header every cookie-authenticated route requires: a cross-site form or image can't send it. */
export const CSRF_HEADER = 'x-sluice-csrf';

/** The parts of an Express request and response the cookies need. */
export interface CookieRequest {
  headers: Record<string, string | string[] | undefined>;
}
export interface CookieResponse {
  cookie(name: string, value: string, options: Record<string, unknown>): void;
  clearCookie(name: string, options: Record<string, unknown>): void;
  redirect(status: number, url: string): void;
}

/** One of the API's cookies: its name, the path it is limited to without TLS, how it goes cross-site, its life. */
export interface CookieKind {
  name: string;
  path: string;
  sameSite: 'strict' | 'lax';
  maxAgeMs: number;
  /** The panel's script may read it (every other cookie is httpOnly). */
  readable?: boolean;
}

/** The refresh token: sent by the panel's own requests only (SameSite=Strict), to the auth routes. */
export const SESSION: CookieKind = {
  name: 'sluice_session',
  path: '/api/auth',
  sameSite: 'strict',
  maxAgeMs: SESSION_TTL_MS,
};

/**
 * That the browser holds a session (SESSION, whose value no script may read, and which without TLS is limited to
 * /api/auth), for the panel's script to read: without it the panel shows the sign-in form at once instead of asking
 * for a token it can't have, a 401 the browser's console would show on every signed-out visit. It holds "1": no
 * secret, and nothing the API believes.
 */
export const SESSION_HINT: CookieKind = {
  name: 'sluice_signed_in',
  path: '/',
  sameSite: 'strict',
  maxAgeMs: SESSION_TTL_MS,
  readable: true,
};

/**
 * A single sign-on under way (sealed: see `SingleSignOn`), binding it to the browser that started it.
 * SameSite=Lax: the provider's redirect back is a cross-site top-level navigation, which Strict would
 * send without it. As long as a user may take at the provider.
 */
export const SIGN_IN: CookieKind = {
  name: 'sluice_sign_in',
  path: '/api/auth/oidc',
  sameSite: 'lax',
  maxAgeMs: 10 * 60_000,
};

/**
 * The API's cookies: httpOnly (no script reads them), and when the public URL is https `Secure` with the
 * `__Host-` prefix (which pins them to this host and path `/`). Without TLS (a loopback install) each is
 * limited to its path instead. The public URL decides, never a request's (forwarded) scheme.
 */
@Injectable()
export class Cookies {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  read(request: CookieRequest, kind: CookieKind): string | undefined {
    const name = this.name(kind);
    const header = request.headers.cookie;
    for (const pair of (typeof header === 'string' ? header : '').split(/; */)) {
      const at = pair.indexOf('=');
      if (pair.slice(0, at) === name) return decodeURIComponent(pair.slice(at + 1));
    }
    return undefined;
  }

  set(response: CookieResponse, kind: CookieKind, value: string): void {
    response.cookie(this.name(kind), value, { ...this.options(kind), maxAge: kind.maxAgeMs });
  }

  clear(response: CookieResponse, kind: CookieKind): void {
    response.clearCookie(this.name(kind), this.options(kind));
  }

  /** The session's refresh token, and the hint the panel reads (SESSION_HINT). */
  setSession(response: CookieResponse, refreshToken: string): void {
    this.set(response, SESSION, refreshToken);
    this.set(response, SESSION_HINT, '1');
  }

  clearSession(response: CookieResponse): void {
    this.clear(response, SESSION);
    this.clear(response, SESSION_HINT);
  }

  /**
   * CSRF defence of the cookie-authenticated routes (refresh, logout): the custom header, and an Origin
   * that is the admin panel's (SLUICE_ADMIN_ORIGIN, else the public URL).
   */
  assertSameOrigin(request: CookieRequest): void {
    const allowed = this.panelOrigin;
    if (request.headers[CSRF_HEADER] !== '1' || request.headers.origin !== allowed)
      throw new DomainError(
        ErrorCode.Forbidden,
        `this route takes requests from the admin panel only (Origin ${allowed} and the ${CSRF_HEADER}: 1 header); ` +
          'if the panel is elsewhere, set SLUICE_PUBLIC_URL to where it is',
      );
  }

  /** Where the admin panel is: SLUICE_ADMIN_ORIGIN, else the public URL (the edge serves both). */
  get panelOrigin(): string {
    return this.config.adminOrigin ?? this.config.publicUrl;
  }

  private get secure(): boolean {
    return this.config.publicUrl.startsWith('https://');
  }

  private name(kind: CookieKind): string {
    return this.secure ? `__Host-${kind.name}` : kind.name;
  }

  private options(kind: CookieKind) {
    return {
      httpOnly: !kind.readable,
      sameSite: kind.sameSite,
      secure: this.secure,
      path: this.secure ? '/' : kind.path,
    };
  }
}
