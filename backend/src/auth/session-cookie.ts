import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SESSION_TTL_MS } from '../sessions/refresh-tokens.js';

/** The header every cookie-authenticated route requires: a cross-site form or image can't send it. */
export const CSRF_HEADER = 'x-sluice-csrf';

/** The parts of an Express request and response the cookie needs. */
export interface CookieRequest {
  secure: boolean;
  protocol: string;
  headers: Record<string, string | string[] | undefined>;
  get(name: string): string | undefined;
}
export interface CookieResponse {
  cookie(name: string, value: string, options: Record<string, unknown>): void;
  clearCookie(name: string, options: Record<string, unknown>): void;
  redirect(status: number, url: string): void;
}

/**
 * The refresh token's cookie: httpOnly (no script reads it), SameSite=Strict, and over TLS `Secure` with
 * the `__Host-` prefix (which pins it to this host and path `/`). Without TLS (a loopback install) it
 * is limited to `/api/auth` instead.
 */
@Injectable()
export class SessionCookie {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  read(request: CookieRequest): string | undefined {
    const name = this.name(request);
    const header = request.headers.cookie;
    for (const pair of (typeof header === 'string' ? header : '').split(/; */)) {
      const at = pair.indexOf('=');
      if (pair.slice(0, at) === name) return decodeURIComponent(pair.slice(at + 1));
    }
    return undefined;
  }

  set(request: CookieRequest, response: CookieResponse, token: string): void {
    response.cookie(this.name(request), token, { ...this.options(request), maxAge: SESSION_TTL_MS });
  }

  clear(request: CookieRequest, response: CookieResponse): void {
    response.clearCookie(this.name(request), this.options(request));
  }

  /**
   * CSRF defence of the cookie-authenticated routes (refresh, logout): the custom header, and an Origin
   * that is the admin panel's (SLUICE_ADMIN_ORIGIN, else this API's own origin).
   */
  assertSameOrigin(request: CookieRequest): void {
    const allowed = this.panelOrigin(request);
    if (request.headers[CSRF_HEADER] !== '1' || request.headers.origin !== allowed)
      throw new DomainError(
        ErrorCode.Forbidden,
        `this route takes requests from the admin panel only (Origin ${allowed} and the ${CSRF_HEADER}: 1 header)`,
      );
  }

  /** Where the admin panel is: SLUICE_ADMIN_ORIGIN, else this API's own origin (the edge serves both). */
  panelOrigin(request: CookieRequest): string {
    return this.config.adminOrigin ?? `${request.protocol}://${request.get('host')}`;
  }

  private secure(request: CookieRequest): boolean {
    return request.secure || (this.config.adminOrigin?.startsWith('https://') ?? false);
  }

  private name(request: CookieRequest): string {
    return this.secure(request) ? '__Host-sluice_session' : 'sluice_session';
  }

  private options(request: CookieRequest) {
    const secure = this.secure(request);
    return { httpOnly: true, sameSite: 'strict', secure, path: secure ? '/' : '/api/auth' };
  }
}
