import { Entity, PrimaryColumn } from 'typeorm';

/** A non-owner's access to one site: viewers read it, admins also change it. Owners need none. */
@Entity('site_grants')
export class SiteGrant {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId!: number;

  @PrimaryColumn({ name: 'site_id', type: 'integer' })
  siteId!: number;
}
