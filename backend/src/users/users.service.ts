import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { actorOf, AuditService, SYSTEM } from '../audit/audit.service.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { refusingDuplicates } from '../common/unique-violation.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { RefreshTokens } from '../sessions/refresh-tokens.js';
import { oneTimePassword, Passwords } from './passwords.js';
import { hasRole, Role } from './role.js';
import type { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

/** A user as the API shows it: never the password hash. */
export interface UserResponse {
  id: number;
  email: string;
  role: Role;
  mustChangePassword: boolean;
  /** Whether sign-in also asks for a TOTP code. */
  totpEnabled: boolean;
  /** The sites granted (owners see every site and have none listed). */
  siteIds: number[];
  createdAt: string;
}

/** A user with a one-time password, shown in this answer only. */
export interface UserWithPassword {
  user: UserResponse;
  oneTimePassword: string;
}

/** Without ADMIN_EMAIL the first owner signs in as this (and sets a password at once). */
export const DEFAULT_OWNER_EMAIL = 'owner@sluice.local';

@Injectable()
export class UsersService implements OnModuleInit {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: RefreshTokens,
    private readonly passwords: Passwords,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * No default credentials: the first start creates the owner from ADMIN_EMAIL and ADMIN_PASSWORD, or
   * with a one-time password printed once here, which must be changed at the first login.
   */
  async onModuleInit(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const email = this.config.initialOwner.email ?? DEFAULT_OWNER_EMAIL;
    const given = this.config.initialOwner.password;
    const password = given ?? oneTimePassword();
    const owner = await this.users.create({
      email,
      passwordHash: await this.passwords.hash(password),
      role: Role.Owner,
      mustChangePassword: given === undefined,
    });
    await this.audit.record(SYSTEM, 'user.create', `user:${owner.id}`, { email, role: Role.Owner });
    if (given === undefined)
      this.logger.log(
        `Owner account created: ${email} with the one-time password ${password} (shown only now; set your own at the first login)`,
      );
    else this.logger.log(`Owner account created: ${email} (password from ADMIN_PASSWORD)`);
  }

  findById(id: number): Promise<User | undefined> {
    return this.users.findById(id);
  }

  findByEmail(email: string): Promise<User | undefined> {
    return this.users.findByEmail(email.toLowerCase());
  }

  findByIdentity(issuer: string, subject: string): Promise<User | undefined> {
    return this.users.findByIdentity(issuer, subject);
  }

  /** Single sign-on's first sign-in of `user` with the provider's account `subject` at `issuer`. */
  async linkIdentity(user: User, issuer: string, subject: string, provider: string): Promise<void> {
    if (!(await this.users.linkIdentity(user.id, issuer, subject)))
      throw new DomainError(
        ErrorCode.Forbidden,
        `${user.email} is linked to another account at ${provider}: sign in with that one`,
      );
    await this.audit.record(actorOf(user), 'user.link_identity', `user:${user.id}`, { issuer, subject });
  }

  async list(): Promise<UserResponse[]> {
    return Promise.all((await this.users.list()).map((user) => this.toResponse(user)));
  }

  async get(id: number): Promise<UserResponse> {
    return this.toResponse(await this.existing(id));
  }

  async create(actor: User, email: string, role: Role, siteIds: number[] = []): Promise<UserWithPassword> {
    const address = email.toLowerCase();
    const taken = () => new DomainError(ErrorCode.Conflict, `email: ${address} already has an account`);
    if (await this.users.findByEmail(address)) throw taken();
    const password = oneTimePassword();
    const passwordHash = await this.passwords.hash(password);
    // The same address added twice at once passes the check twice: the unique index refuses the second.
    const user = await refusingDuplicates(
      () =>
        this.users.create(
          { email: address, passwordHash, role, mustChangePassword: true },
          role === Role.Owner ? [] : siteIds,
        ),
      taken,
    );
    await this.audit.record(actorOf(actor), 'user.create', `user:${user.id}`, {
      email: address,
      role,
      siteIds,
    });
    return { user: await this.toResponse(user), oneTimePassword: password };
  }

  /** A new role or set of sites. The last owner stays an owner; sessions end, so the change applies at once. */
  async update(actor: User, id: number, changes: { role?: Role; siteIds?: number[] }): Promise<UserResponse> {
    const user = await this.existing(id);
    if (changes.role !== undefined && changes.role !== user.role) {
      await this.keepAnOwner(user);
      await this.users.update(id, { role: changes.role });
    }
    if (changes.siteIds !== undefined) await this.users.setSiteIds(id, changes.siteIds);
    await this.sessions.revokeUser(id);
    await this.audit.record(actorOf(actor), 'user.update', `user:${id}`, { ...changes });
    return this.get(id);
  }

  async remove(actor: User, id: number): Promise<void> {
    const user = await this.existing(id);
    await this.keepAnOwner(user);
    await this.users.remove(id);
    await this.sessions.revokeUser(id);
    await this.audit.record(actorOf(actor), 'user.delete', `user:${id}`, { email: user.email });
  }

  /**
   * An owner resets someone's access: a one-time password and two-factor sign-in off (a lost phone is
   * the usual reason), every session of theirs ended.
   */
  async resetPassword(actor: User, id: number): Promise<UserWithPassword> {
    const user = await this.existing(id);
    const password = oneTimePassword();
    await this.users.update(id, {
      passwordHash: await this.passwords.hash(password),
      mustChangePassword: true,
      totpEnabled: false,
      totpSecret: null,
    });
    await this.sessions.revokeUser(id);
    await this.audit.record(actorOf(actor), 'user.reset_password', `user:${id}`);
    return { user: await this.get(user.id), oneTimePassword: password };
  }

  /**
   * The user's own change, once the caller has confirmed `current` is their password; every session ends
   * (the caller starts a new one).
   */
  async changePassword(user: User, current: string, next: string): Promise<void> {
    if (current === next)
      throw new DomainError(ErrorCode.Validation, 'newPassword must differ from the current one');
    await this.users.update(user.id, {
      passwordHash: await this.passwords.hash(next),
      mustChangePassword: false,
    });
    await this.sessions.revokeUser(user.id);
    await this.audit.record(actorOf(user), 'user.change_password', `user:${user.id}`);
  }

  async toResponse(user: User): Promise<UserResponse> {
    return {
      id: user.id,
      email: user.email,
      role: user.role,
      mustChangePassword: user.mustChangePassword,
      totpEnabled: user.totpEnabled,
      siteIds: hasRole(user.role, Role.Owner) ? [] : await this.users.siteIds(user.id),
      createdAt: new Date(user.createdAt).toISOString(),
    };
  }

  private async existing(id: number): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError(ErrorCode.NotFound, `user ${id} not found`);
    return user;
  }

  private async keepAnOwner(user: User): Promise<void> {
    if (user.role === Role.Owner && (await this.users.countWithRole(Role.Owner)) === 1)
      throw new DomainError(
        ErrorCode.Conflict,
        `user ${user.id} is the last owner: make another owner first`,
      );
  }
}
