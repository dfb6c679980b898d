import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What a goal counts: pageviews whose path matches a wildcard pattern, events of one name, or (as Plausible's
 * scroll depth goals) a matching page scrolled at least so far down.
 */
export const GOAL_KINDS = ['page', 'event', 'scroll'] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

/**
 * A goal of a site: a visit converts when one of its events matches it. Reports answer conversions,
 * conversion rate and (for event goals) revenue for a goal chosen by id (`reports/query/goals.ts`).
 */
@Entity('goals')
export class Goal {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'site_id', type: 'integer' })
  siteId!: number;

  /** What the site's people call it ("Signed up", "Bought"). */
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: GoalKind;

  /** A `page` or `scroll` goal's path pattern (the `matches` filter's wildcards), or an `event` goal's event name. */
  @Column({ type: 'varchar', length: 2048 })
  match!: string;

  /** A custom property the event must carry with exactly this value; null: any event that matches. */
  @Column({ name: 'property_key', type: 'varchar', length: 64, nullable: true })
  propertyKey!: string | null;

  @Column({ name: 'property_value', type: 'varchar', length: 512, nullable: true })
  propertyValue!: string | null;

  /** A `scroll` goal's depth: percent of the page (1–100) a visit scrolled to at least; null for the others. */
  @Column({ name: 'scroll_depth', type: 'integer', nullable: true })
  scrollDepth!: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
