import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A user's opt-in to a site's weekly digest; none: off (the default). */
@Entity('digest_subscriptions')
export class DigestSubscription {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @Column({ name: 'site_id', type: 'integer' })
  siteId!: number;

  /** The Monday (site's zone) of the last week whose digest went out; null: none yet. */
  @Column({ name: 'last_week', type: 'varchar', length: 10, nullable: true })
  lastWeek!: string | null;
}
