import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';
import type { FlagRule, FlagVariant } from '@sluice/config';

/** Lists kept as JSON text: the same column type on SQLite and PostgreSQL, read and written whole. */
const json: ValueTransformer = {
  to: (value: unknown) => JSON.stringify(value ?? []),
  from: (text: string | null) => (text ? JSON.parse(text) : []),
};

/**
 * A feature flag of a site. The backend publishes each site's flags for the edge after every change
 * (flags-publisher.ts); the edge evaluates them per request (edge/lua/sluice/flags.lua).
 */
@Entity('feature_flags')
export class FeatureFlag {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'site_id', type: 'integer' })
  siteId!: number;

  /** What the page asks for (`isEnabled`): a slug, unique within the site. */
  @Column({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description!: string;

  @Column({ type: 'boolean', default: false })
  enabled!: boolean;

  /** Percent of the visitors the rules let through who get the flag. */
  @Column({ type: 'integer', default: 100 })
  rollout!: number;

  @Column({ type: 'text', transformer: json })
  variants!: FlagVariant[];

  @Column({ type: 'text', transformer: json })
  rules!: FlagRule[];

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
