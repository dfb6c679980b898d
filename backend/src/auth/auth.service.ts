import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { RefreshTokens } from '../sessions/refresh-tokens.js';
import { verifyDecoy, verifyPassword } from '../users/passwords.js';
import { TwoFactor } from '../users/two-factor.js';
import type { User } from '../users/user.entity.js';
import { UsersService, type UserResponse } from '../users/users.service.js';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokens } from './access-tokens.js';
import { LoginThrottle } from './login-throttle.js';

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
    private readonly twoFactor: TwoFactor,
  ) {}

  /** One message for an unknown email and a wrong password, given after the same work: no account is disclosed. */
  async login(email: string, password: string, address: string, code?: string): Promise<Session> {
    const account = email.toLowerCase();
    this.throttle.check(account, address);
    const user = await this.users.findByEmail(account);
    const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyDecoy(password);
    if (!user || !valid) {
      this.throttle.recordFailure(account, address);
      throw new DomainError(ErrorCode.Unauthenticated, 'the email or the password is wrong');
    }
    if (user.totpEnabled) {
      if (code === undefined)
        throw new DomainError(ErrorCode.TotpRequired, 'enter the code your authenticator app shows');
      if (!this.twoFactor.accept(user, code)) {
        this.throttle.recordFailure(account, address);
        throw new DomainError(ErrorCode.Unauthenticated, 'the code is wrong, or was used already');
      }
    }
    this.throttle.recordSuccess(account);
    return this.start(user);
  }

  async refresh(refreshToken: string): Promise<Session> {
    const { userId, token } = this.sessions.rotate(refreshToken);
    const user = await this.users.findById(userId);
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'the session has ended: sign in again');
    return { signedIn: await this.signedIn(user), refreshToken: token };
  }

  logout(refreshToken: string): void {
    this.sessions.revoke(refreshToken);
  }

  /** Every other session ends with the old password; this one goes on with a new login. */
  async changePassword(user: User, current: string, next: string): Promise<Session> {
    await this.users.changePassword(user, current, next);
    return this.start((await this.users.findById(user.id))!);
  }

  /** A new login (session) of `user`, whose identity the caller has proven: password, single sign-on. */
  async start(user: User): Promise<Session> {
    return { signedIn: await this.signedIn(user), refreshToken: this.sessions.start(user.id) };
  }

  private async signedIn(user: User): Promise<SignedIn> {
    return {
      accessToken: this.tokens.sign(user),
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      user: await this.users.toResponse(user),
    };
  }
}
