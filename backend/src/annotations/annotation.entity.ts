import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/** Who wrote an annotation, as it is read: the email alone, never the rest of the user's row (password, TOTP). */
export type AnnotationAuthor = Pick<User, 'id' | 'email'>;

/** A note on a day of a site's charts ("Launched the new pricing page"), written by one of its admins. */
@Entity('annotations')
export class Annotation {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'site_id', type: 'integer' })
  siteId!: number;

  /** The day it marks, `YYYY-MM-DD`: a day as the site's charts show it, in the site's time zone. */
  @Column({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'varchar', length: 280 })
  text!: string;

  /** Null once the user who wrote it is deleted: the note stays. */
  @Column({ name: 'author_id', type: 'integer', nullable: true })
  authorId!: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: AnnotationAuthor | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
