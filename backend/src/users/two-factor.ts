import { Injectable } from '@nestjs/common';
import { matchingStep, newTotpSecret, otpauthUrl } from '../auth/totp.js';
import { actorOf, AuditService } from '../audit/audit.service.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

/** What an authenticator app needs to start producing codes. */
export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}

/**
 * Optional TOTP two-factor sign-in: set up (a new secret), enabled by a first valid code, then required
 * at every sign-in. A code is accepted once (the step it belongs to is remembered), so one seen over a
 * shoulder or in a log can't be replayed.
 */
@Injectable()
export class TwoFactor {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  async setUp(user: User): Promise<TotpSetup> {
    if (user.totpEnabled)
      throw new DomainError(
        ErrorCode.Conflict,
        'two-factor sign-in is on: turn it off first to set up another app',
      );
    const secret = newTotpSecret();
    await this.users.update(user.id, { totpSecret: secret });
    return { secret, otpauthUrl: otpauthUrl(secret, user.email) };
  }

  async enable(user: User, code: string): Promise<void> {
    if (!user.totpSecret)
      throw new DomainError(ErrorCode.Validation, 'set up two-factor sign-in first (POST /api/auth/totp)');
    if (!(await this.accept(user, code)))
      throw new DomainError(ErrorCode.Validation, 'code is not the current code of your authenticator app');
    await this.users.update(user.id, { totpEnabled: true });
    await this.audit.record(actorOf(user), 'user.enable_totp', `user:${user.id}`);
  }

  async disable(user: User, code: string): Promise<void> {
    if (!user.totpEnabled) return;
    if (!(await this.accept(user, code)))
      throw new DomainError(ErrorCode.Validation, 'code is not the current code of your authenticator app');
    await this.users.update(user.id, { totpEnabled: false, totpSecret: null });
    await this.audit.record(actorOf(user), 'user.disable_totp', `user:${user.id}`);
  }

  /** Whether `code` is the user's current code, not used before (on any backend). */
  async accept(user: User, code: string): Promise<boolean> {
    const step = user.totpSecret ? matchingStep(user.totpSecret, code, Date.now()) : undefined;
    return step !== undefined && this.users.advanceTotpStep(user.id, step);
  }
}
