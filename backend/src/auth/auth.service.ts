import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { RefreshTokens } from '../sessions/refresh-tokens.js';
import { Passwords } from '../users/passwords.js';
import { TwoFactor, type TotpSetup } from '../users/two-factor.js';
import type { User } from '../users/user.entity.js';
import { UsersService, type UserResponse } from '../users/users.service.js';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokens } from './access-tokens.js';
import { LoginThrottle, type SignInAttempt } from './login-throttle.js';

export interface SignedIn {
  accessToken: string;
  /** Seconds until the access token expires: refresh before. */
  expiresIn: number;
  user: UserResponse;
}

/** A sign-in's answer, and the refresh token for the cookie (none when another tab's refresh already set it). */
export interface Session {
  signedIn: SignedIn;
  refreshToken?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: AccessTokens,
    private readonly sessions: RefreshTokens,
    private readonly throttle: LoginThrottle,
    private readonly passwords: Passwords,
    private readonly twoFactor: TwoFactor,
  ) {}

  /**
   * One message for an unknown email and a wrong password, given after the same work: no account is
   * disclosed. The attempt is counted before the password is checked, and stays counted if it was wrong.
   */
  async login(email: string, password: string, address: string, code?: string): Promise<Session> {
    const account = email.toLowerCase();
    const user = await this.users.findByEmail(account);
    const attempt = await this.throttle.reserve(account, user, address);
    if (!(await this.check(attempt, user?.passwordHash, password)) || !user)
      throw new DomainError(ErrorCode.Unauthenticated, 'the email or the password is wrong');
    if (user.totpEnabled) {
      if (code === undefined) {
        await attempt.withdrawn();
        throw new DomainError(ErrorCode.TotpRequired, 'enter the code your authenticator app shows');
      }
      if (!(await this.twoFactor.accept(user, code)))
        throw new DomainError(ErrorCode.Unauthenticated, 'the code is wrong, or was used already');
    }
    await attempt.succeeded();
    return this.start(user);
  }

  /**
   * A signed-in user proves it is them again before a sensitive change: the password `field` holds, checked
   * and throttled as a sign-in is (an access token taken from a browser must not become a guessing oracle).
   */
  async confirmPassword(user: User, password: string, address: string, field: string): Promise<void> {
    const attempt = await this.throttle.reserve(user.email, user, address);
    if (!(await this.check(attempt, user.passwordHash, password)))
      throw new DomainError(ErrorCode.Validation, `${field} is not your current password`);
    await attempt.succeeded();
  }

  /**
   * A new secret for the user's authenticator app, once they proved it is them: with only a stolen
   * access token, an attacker could otherwise enrol an app of their own and lock the user out.
   */
  async setUpTotp(user: User, password: string, address: string): Promise<TotpSetup> {
    await this.confirmPassword(user, password, address, 'password');
    return this.twoFactor.setUp(user);
  }

  async refresh(refreshToken: string): Promise<Session> {
    const { userId, token } = await this.sessions.rotate(refreshToken);
    const user = await this.users.findById(userId);
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'the session has ended: sign in again');
    return { signedIn: await this.signedIn(user), refreshToken: token };
  }

  logout(refreshToken: string): Promise<void> {
    return this.sessions.revoke(refreshToken);
  }

  /** Every other session ends with the old password; this one goes on with a new login. */
  async changePassword(user: User, current: string, next: string, address: string): Promise<Session> {
    await this.confirmPassword(user, current, address, 'currentPassword');
    await this.users.changePassword(user, current, next);
    return this.start((await this.users.findById(user.id))!);
  }

  /** A new login (session) of `user`, whose identity the caller has proven: password, single sign-on. */
  async start(user: User): Promise<Session> {
    return { signedIn: await this.signedIn(user), refreshToken: await this.sessions.start(user.id) };
  }

  /** Whether `password` is right; a check the busy server refused doesn't count against the account. */
  private async check(attempt: SignInAttempt, hash: string | undefined, password: string): Promise<boolean> {
    try {
      return await this.passwords.verify(hash, password);
    } catch (error) {
      await attempt.unchecked();
      throw error;
    }
  }

  private async signedIn(user: User): Promise<SignedIn> {
    return {
      accessToken: this.tokens.sign(user),
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      user: await this.users.toResponse(user),
    };
  }
}
