import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { FeatureFlag } from './feature-flag.entity.js';

export type FlagFields = Pick<
  FeatureFlag,
  'key' | 'description' | 'enabled' | 'rollout' | 'variants' | 'rules'
>;

/** Feature flags in the metadata database; every lookup is by site, so one site's flag is never another's. */
@Injectable()
export class FeatureFlagsRepository {
  constructor(@InjectRepository(FeatureFlag) private readonly flags: Repository<FeatureFlag>) {}

  listOf(siteId: number): Promise<FeatureFlag[]> {
    return this.flags.find({ where: { siteId }, order: { key: 'ASC' } });
  }

  /** Every site that has flags, with them: what a start publishes. */
  async bySite(): Promise<Map<number, FeatureFlag[]>> {
    const sites = new Map<number, FeatureFlag[]>();
    for (const flag of await this.flags.find({ order: { key: 'ASC' } }))
      sites.set(flag.siteId, [...(sites.get(flag.siteId) ?? []), flag]);
    return sites;
  }

  async find(siteId: number, id: number): Promise<FeatureFlag | undefined> {
    return (await this.flags.findOneBy({ siteId, id })) ?? undefined;
  }

  async findByKey(siteId: number, key: string): Promise<FeatureFlag | undefined> {
    return (await this.flags.findOneBy({ siteId, key })) ?? undefined;
  }

  create(siteId: number, fields: FlagFields): Promise<FeatureFlag> {
    return this.flags.save(this.flags.create({ siteId, ...fields }));
  }

  async update(siteId: number, id: number, fields: FlagFields): Promise<void> {
    await this.flags.update({ siteId, id }, fields);
  }

  async delete(siteId: number, id: number): Promise<void> {
    await this.flags.delete({ siteId, id });
  }
}
