import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/** Who saved a segment, as it is read: the email alone, never the rest of the user's row (password, TOTP). */
export type SegmentAuthor = Pick<User, 'id' | 'email'>;

/**
 * A named set of filters of a site ("Germans on phones"), saved by one of its admins: its viewers apply it to any
 * report page in one click, as Plausible's segments and PostHog's cohorts of a property.
 */
@Entity('segments')
export class Segment {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'site_id', type: 'integer' })
  siteId!: number;

  @Column({ type: 'varchar', length: 80 })
  name!: string;

  /** Its conditions as a JSON list of the link format (`country:DE`, `page:contains:/blog`). */
  @Column({ type: 'text' })
  filters!: string;

  /** Null once the user who saved it is deleted: the segment stays. */
  @Column({ name: 'author_id', type: 'integer', nullable: true })
  authorId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: SegmentAuthor | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
