import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Goal } from './goal.entity.js';

export type GoalFields = Pick<
  Goal,
  'name' | 'kind' | 'match' | 'propertyKey' | 'propertyValue' | 'scrollDepth'
>;

/** Goals in the metadata database; every lookup is by site, so one site's goal is never another's. */
@Injectable()
export class GoalsRepository {
  constructor(@InjectRepository(Goal) private readonly goals: Repository<Goal>) {}

  listOf(siteId: number): Promise<Goal[]> {
    return this.goals.find({ where: { siteId }, order: { id: 'ASC' } });
  }

  async find(siteId: number, id: number): Promise<Goal | undefined> {
    return (await this.goals.findOneBy({ siteId, id })) ?? undefined;
  }

  create(siteId: number, fields: GoalFields): Promise<Goal> {
    return this.goals.save(this.goals.create({ siteId, ...fields }));
  }

  async update(siteId: number, id: number, fields: GoalFields): Promise<void> {
    await this.goals.update({ siteId, id }, fields);
  }

  async delete(siteId: number, id: number): Promise<void> {
    await this.goals.delete({ siteId, id });
  }
}
