import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One admin action: who did what to which user or site, and when. */
@Entity('audit_log')
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id!: number;

  @CreateDateColumn({ name: 'at' })
  at!: Date;

  /** Null for what the system did itself (the first start's owner). */
  @Column({ name: 'actor_id', type: 'integer', nullable: true })
  actorId!: number | null;

  /** Kept as it was: the actor may be deleted later. */
  @Column({ name: 'actor_email', type: 'varchar', length: 320 })
  actorEmail!: string;

  /** `user.create`, `site.rename`, …. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  /** `user:3`, `site:7`. */
  @Column({ type: 'varchar', length: 64 })
  target!: string;

  /** What changed, as JSON text; never a password or a secret. */
  @Column({ type: 'text', default: '{}' })
  details!: string;
}
