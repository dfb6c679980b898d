import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { purposeKey, seal, unseal } from './sealed.js';
import { SIGNING_SECRET } from './signing-secret.js';
import { SIGN_IN } from './cookies.js';
import { errorMessage } from '../common/error-message.js';

/** A sign-in under way, kept by the browser that started it (sealed in its cookie): what the callback checks. */
interface Pending {
  state: string;
  verifier: string;
  nonce: string;
  expiresAt: number;
}

/** A sign-in to send the browser on: the provider's URL, and the sealed `Pending` for the browser's cookie. */
export interface Started {
  url: string;
  cookie: string;
}

const NOT_STARTED_HERE = 'the sign-in expired or was not started in this browser: try again';
/** Where the provider sends the browser back, under the public URL (register it with the provider). */
const CALLBACK_PATH = '/api/auth/oidc/callback';

/**
 * Single sign-on through an OpenID Connect provider: the authorization code flow with PKCE, state and
 * nonce. Nothing is stored on the server while the user is at the provider: the state, PKCE verifier and
 * nonce travel sealed (AES-GCM under a key derived from the signing secret) in a short-lived cookie of the
 * browser that started, so a callback is taken only in that browser (no login CSRF), and starting a
 * sign-in, which anyone may do, writes nothing.
 *
 * A user's first sign-in links the provider's account (issuer and subject) to the Sluice user its email
 * names — an email the provider says is verified, and a user an owner added (no account is made from a
 * sign-in); later sign-ins match on that account alone, so an email changed or reused at the provider
 * moves nothing. The provider is discovered at the first sign-in, so the backend starts while it is
 * unreachable.
 */
@Injectable()
export class SingleSignOn {
  private readonly logger = new Logger('SingleSignOn');
  private readonly key: Buffer;
  private configuration?: Promise<oidc.Configuration>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SIGNING_SECRET) secret: string,
    private readonly users: UsersService,
  ) {
    this.key = purposeKey(secret, 'single sign-on');
  }

  /** The sign-in button's label, or undefined when single sign-on is not configured. */
  get name(): string | undefined {
    return this.config.oidc?.name;
  }

  /** Where to send the browser (the provider's authorization endpoint), and what it keeps meanwhile. */
  async start(): Promise<Started> {
    const configuration = await this.discovered();
    const pending: Pending = {
      state: oidc.randomState(),
      verifier: oidc.randomPKCECodeVerifier(),
      nonce: oidc.randomNonce(),
      expiresAt: Date.now() + SIGN_IN.maxAgeMs,
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid email',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, cookie: seal(pending, this.key) };
  }

  /** The user the provider's answer (the callback's query) signs in, in the browser whose cookie is `sealed`. */
  async finish(query: URLSearchParams, sealed: string | undefined): Promise<User> {
    const pending = sealed === undefined ? undefined : unseal<Pending>(sealed, this.key);
    if (!pending || pending.expiresAt < Date.now() || query.get('state') !== pending.state)
      throw new DomainError(ErrorCode.Unauthenticated, NOT_STARTED_HERE);
    const callback = new URL(this.redirectUri);
    callback.search = query.toString();
    const configuration = await this.discovered();
    const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new DomainError(ErrorCode.Unauthenticated, 'the provider sent no ID token');
    const linked = await this.users.findByIdentity(idToken.iss, idToken.sub);
    if (linked) return linked;
    // Providers may keep the email scope's claims for the userinfo endpoint rather than the ID token.
    const claims =
      typeof idToken.email === 'string'
        ? idToken
        : await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
    return this.link(idToken.iss, idToken.sub, claims);
  }

  /** The first sign-in of a provider account: the user its verified email names, linked to it from now on. */
  private async link(issuer: string, subject: string, claims: oidc.UserInfoResponse | oidc.IDToken) {
    const verified =
      claims.email_verified === true ||
      (claims.email_verified === undefined && this.config.oidc!.assumeEmailVerified);
    if (typeof claims.email !== 'string' || !verified)
      throw new DomainError(ErrorCode.Unauthenticated, 'the provider vouched for no verified email address');
    const user = await this.users.findByEmail(claims.email);
    if (!user)
      throw new DomainError(
        ErrorCode.Forbidden,
        `there is no Sluice account for ${claims.email}: an owner adds users`,
      );
    await this.users.linkIdentity(user, issuer, subject, this.config.oidc!.name);
    return user;
  }

  private get redirectUri(): string {
    return `${this.config.publicUrl}${CALLBACK_PATH}`;
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
        this.logger.error(`discovery of ${settings.issuer} failed: ${errorMessage(error)}`);
        throw error;
      });
    return this.configuration;
  }
}
