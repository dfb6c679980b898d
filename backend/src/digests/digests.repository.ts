import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Or, Repository } from 'typeorm';
import { DigestSubscription } from './digest-subscription.entity.js';

/** Users' digest opt-ins. */
@Injectable()
export class DigestsRepository {
  constructor(
    @InjectRepository(DigestSubscription) private readonly subscriptions: Repository<DigestSubscription>,
  ) {}

  async find(userId: number, siteId: number): Promise<DigestSubscription | undefined> {
    return (await this.subscriptions.findOneBy({ userId, siteId })) ?? undefined;
  }

  /** Opts in; the week given counts as sent, so the first digest is of the next whole week. */
  async subscribe(userId: number, siteId: number, sentWeek: string): Promise<void> {
    await this.subscriptions
      .createQueryBuilder()
      .insert()
      .values({ userId, siteId, lastWeek: sentWeek })
      .orIgnore()
      .execute();
  }

  async unsubscribe(userId: number, siteId: number): Promise<void> {
    await this.subscriptions.delete({ userId, siteId });
  }

  all(): Promise<DigestSubscription[]> {
    return this.subscriptions.find({ order: { id: 'ASC' } });
  }

  /**
   * Takes the sending of `week` for the subscription if it has not gone out: one compare-and-set `UPDATE`,
   * so backends sharing the metadata database send it once.
   */
  async claimWeek(id: number, week: string): Promise<boolean> {
    const result = await this.subscriptions.update(
      { id, lastWeek: Or(IsNull(), LessThan(week)) },
      { lastWeek: week },
    );
    return result.affected === 1;
  }

  /** Gives a claimed week back (its email failed), so the next run tries again. */
  async releaseWeek(id: number, week: string, previous: string | null): Promise<void> {
    await this.subscriptions.update({ id, lastWeek: week }, { lastWeek: previous });
  }
}
