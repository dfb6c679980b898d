import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { Role } from './role.js';
import { SiteGrant } from './site-grant.entity.js';
import { User } from './user.entity.js';
import { UserIdentity } from './user-identity.entity.js';

export type NewUser = Pick<User, 'email' | 'passwordHash' | 'role' | 'mustChangePassword'>;
export type UserChanges = Partial<NewUser & Pick<User, 'totpSecret' | 'totpEnabled'>>;

/** Which sites a look-up counts: `active`, only those not deleted (nor being deleted). */
export interface SiteState {
  active: boolean;
}

/** Users and their site grants in the metadata database. */
@Injectable()
export class UsersRepository {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(SiteGrant) private readonly grants: Repository<SiteGrant>,
    @InjectRepository(UserIdentity) private readonly identities: Repository<UserIdentity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  count(): Promise<number> {
    return this.users.count();
  }

  countWithRole(role: Role): Promise<number> {
    return this.users.count({ where: { role } });
  }

  list(): Promise<User[]> {
    return this.users.find({ order: { id: 'ASC' } });
  }

  async findById(id: number): Promise<User | undefined> {
    return (await this.users.findOneBy({ id })) ?? undefined;
  }

  async findByEmail(email: string): Promise<User | undefined> {
    return (await this.users.findOneBy({ email })) ?? undefined;
  }

  /** The user a single sign-on provider's account was linked to. */
  async findByIdentity(issuer: string, subject: string): Promise<User | undefined> {
    const identity = await this.identities.findOneBy({ issuer, subject });
    return identity ? this.findById(identity.userId) : undefined;
  }

  /**
   * Links the user to the provider's account unless the user has one at that provider already; whether
   * the user's account there is now `subject` (an insert racing another for the same user loses quietly).
   */
  async linkIdentity(userId: number, issuer: string, subject: string): Promise<boolean> {
    await this.identities
      .createQueryBuilder()
      .insert()
      .values({ userId, issuer, subject })
      .orIgnore()
      .execute();
    return (await this.identities.findOneBy({ userId, issuer }))?.subject === subject;
  }

  async create(user: NewUser, siteIds: number[] = []): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(manager.create(User, user));
      if (siteIds.length > 0)
        await manager.insert(
          SiteGrant,
          siteIds.map((siteId) => ({ userId: saved.id, siteId })),
        );
      return saved;
    });
  }

  async update(id: number, changes: UserChanges): Promise<void> {
    await this.users.update({ id }, changes);
  }

  /** Records `step` as the user's last TOTP step if it is later than the last one; whether it was. */
  async advanceTotpStep(id: number, step: number): Promise<boolean> {
    const result = await this.users
      .createQueryBuilder()
      .update()
      .set({ totpLastStep: step })
      .where('id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)', { id, step })
      .execute();
    return result.affected === 1;
  }

  async remove(id: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(SiteGrant, { userId: id });
      await manager.delete(User, { id });
    });
  }

  async siteIds(userId: number): Promise<number[]> {
    const rows = await this.grants.find({ where: { userId }, order: { siteId: 'ASC' } });
    return rows.map(({ siteId }) => siteId);
  }

  /** Whether the site is granted to the user; with `active`, and not deleted (nor being deleted). */
  async isGranted(userId: number, siteId: number, { active }: SiteState): Promise<boolean> {
    if (!active) return this.grants.existsBy({ userId, siteId });
    const row: unknown = await this.sites(siteId, { active })
      .innerJoin('site_grants', 'granted', 'granted.site_id = site.id AND granted.user_id = :userId', {
        userId,
      })
      .getRawOne();
    return row !== undefined;
  }

  /** Whether a site of that id exists; with `active`, one not deleted (nor being deleted). */
  async siteExists(siteId: number, { active }: SiteState): Promise<boolean> {
    return (await this.sites(siteId, { active }).getRawOne()) !== undefined;
  }

  /** The site of that id, as a query on the table by its name: the sites module sits above this one. */
  private sites(siteId: number, { active }: SiteState) {
    const query = this.dataSource
      .createQueryBuilder()
      .select('1', 'found')
      .from('sites', 'site')
      .where('site.id = :siteId', { siteId });
    return active ? query.andWhere('site.deleted_at IS NULL') : query;
  }

  async setSiteIds(userId: number, siteIds: number[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(SiteGrant, { userId });
      if (siteIds.length > 0)
        await manager.insert(
          SiteGrant,
          siteIds.map((siteId) => ({ userId, siteId })),
        );
    });
  }

  async grant(userId: number, siteId: number): Promise<void> {
    await this.grants.upsert({ userId, siteId }, ['userId', 'siteId']);
  }

  /** A deleted site leaves no grant behind. */
  async revokeSite(siteId: number): Promise<void> {
    await this.grants.delete({ siteId });
  }
}
