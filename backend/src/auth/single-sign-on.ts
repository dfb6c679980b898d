import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { StateStore, type Expiring } from '../state/state-store.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';

/** A sign-in under way: what the callback must check (PKCE, nonce) and where it was sent. */
interface Pending extends Expiring {
  verifier: string;
  nonce: string;
  redirectUri: string;
}

/** How long a user may take at the provider. */
const PENDING_MS = 10 * 60_000;
const pendingKey = (state: string) => `oidc:pending:${state}`;

/**
 * Single sign-on through an OpenID Connect provider: the authorization code flow with PKCE, state and
 * nonce. The provider's verified email names the Sluice user, who must exist (an owner adds users and
 * their roles; no account is made from a sign-in). The provider is discovered at the first sign-in, so
 * the backend starts even while it is unreachable.
 */
@Injectable()
export class SingleSignOn {
  private readonly logger = new Logger('SingleSignOn');
  private configuration?: Promise<oidc.Configuration>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly state: StateStore,
    private readonly users: UsersService,
  ) {}

  /** The sign-in button's label, or undefined when single sign-on is not configured. */
  get name(): string | undefined {
    return this.config.oidc?.name;
  }

  /** Where to send the browser: the provider's authorization endpoint. */
  async start(redirectUri: string): Promise<string> {
    const configuration = await this.discovered();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    this.state.put<Pending>(pendingKey(state), {
      verifier,
      nonce,
      redirectUri,
      expiresAt: Date.now() + PENDING_MS,
    });
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid email',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    }).href;
  }

  /** The user the provider's answer (the callback's query) signs in. */
  async finish(query: URLSearchParams): Promise<User> {
    const state = query.get('state') ?? '';
    let pending: Pending | undefined;
    this.state.update<Pending>(pendingKey(state), (found) => {
      pending = found;
      return undefined;
    });
    if (!pending || pending.expiresAt < Date.now())
      throw new DomainError(
        ErrorCode.Unauthenticated,
        'the sign-in expired or was not started here: try again',
      );
    const callback = new URL(pending.redirectUri);
    callback.search = query.toString();
    const configuration = await this.discovered();
    const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
      pkceCodeVerifier: pending.verifier,
      expectedState: state,
      expectedNonce: pending.nonce,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new DomainError(ErrorCode.Unauthenticated, 'the provider sent no ID token');
    // Providers may keep the email scope's claims for the userinfo endpoint rather than the ID token.
    const claims =
      typeof idToken.email === 'string'
        ? idToken
        : await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
    if (typeof claims.email !== 'string' || claims.email_verified === false)
      throw new DomainError(ErrorCode.Unauthenticated, 'the provider vouched for no verified email address');
    const user = await this.users.findByEmail(claims.email);
    if (!user)
      throw new DomainError(
        ErrorCode.Forbidden,
        `there is no Sluice account for ${claims.email}: an owner adds users`,
      );
    return user;
  }

  private discovered(): Promise<oidc.Configuration> {
    const settings = this.config.oidc;
    if (!settings) throw new DomainError(ErrorCode.NotFound, 'single sign-on is not configured');
    this.configuration ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        // A provider on plain http only ever on a private network (and in the tests).
        settings.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        this.logger.error(
          `discovery of ${settings.issuer} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        throw error;
      });
    return this.configuration;
  }
}
