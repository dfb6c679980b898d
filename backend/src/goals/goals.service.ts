import { Injectable } from '@nestjs/common';
import { actorOf, AuditService } from '../audit/audit.service.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { User } from '../users/user.entity.js';
import type { CreateGoalDto, UpdateGoalDto } from './dto/goal.dto.js';
import type { Goal } from './goal.entity.js';
import { GoalsRepository, type GoalFields } from './goals.repository.js';

/**
 * A site's goals. The route's rule has checked access to the site (`@Requires(…, { site: true })`);
 * a goal id is looked up within that site only, so another site's goal is a 404 like a missing one.
 */
@Injectable()
export class GoalsService {
  constructor(
    private readonly goals: GoalsRepository,
    private readonly audit: AuditService,
  ) {}

  list(siteId: number): Promise<Goal[]> {
    return this.goals.listOf(siteId);
  }

  /** The site's goal, if it has one of that id. */
  find(siteId: number, id: number): Promise<Goal | undefined> {
    return this.goals.find(siteId, id);
  }

  async get(siteId: number, id: number): Promise<Goal> {
    const goal = await this.find(siteId, id);
    if (!goal) throw new DomainError(ErrorCode.NotFound, `goal ${id} not found`);
    return goal;
  }

  async create(user: User, siteId: number, dto: CreateGoalDto): Promise<Goal> {
    const fields = wholeGoal(dto);
    const goal = await this.goals.create(siteId, fields);
    await this.audit.record(actorOf(user), 'goal.create', `site:${siteId}`, { goal: goal.id, ...fields });
    return goal;
  }

  async update(user: User, siteId: number, id: number, dto: UpdateGoalDto): Promise<Goal> {
    const goal = await this.get(siteId, id);
    const changes = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined));
    // A goal turned into another kind leaves its scroll depth behind, unless the change names one.
    if (dto.kind !== undefined && dto.kind !== 'scroll' && dto.scrollDepth === undefined)
      changes.scrollDepth = null;
    const fields = wholeGoal({ ...goal, ...changes });
    await this.goals.update(siteId, id, fields);
    await this.audit.record(actorOf(user), 'goal.update', `site:${siteId}`, { goal: id, ...changes });
    return this.get(siteId, id);
  }

  async remove(user: User, siteId: number, id: number): Promise<void> {
    const goal = await this.get(siteId, id);
    await this.goals.delete(siteId, id);
    await this.audit.record(actorOf(user), 'goal.delete', `site:${siteId}`, { goal: id, name: goal.name });
  }
}

/**
 * The goal's stored fields, checked as a whole: a change may set a field to null, or set one half of
 * the property match, which the DTO's per-field rules can't see.
 */
function wholeGoal(goal: Partial<Record<keyof GoalFields, unknown>>): GoalFields {
  for (const field of ['name', 'kind', 'match'] as const) {
    if (typeof goal[field] !== 'string')
      throw new DomainError(ErrorCode.Validation, `${field}: must be given, not null`);
  }
  const propertyKey = (goal.propertyKey ?? null) as string | null;
  const propertyValue = (goal.propertyValue ?? null) as string | null;
  const scrollDepth = (goal.scrollDepth ?? null) as number | null;
  if ((propertyKey === null) !== (propertyValue === null))
    throw new DomainError(
      ErrorCode.Validation,
      'propertyKey: propertyKey and propertyValue go together: both or neither',
    );
  const kind = goal.kind as Goal['kind'];
  if (kind === 'scroll' && scrollDepth === null)
    throw new DomainError(ErrorCode.Validation, 'scrollDepth: a scroll goal must have one (1 to 100)');
  if (kind !== 'scroll' && scrollDepth !== null)
    throw new DomainError(ErrorCode.Validation, 'scrollDepth: only a scroll goal has one');
  if (kind === 'scroll' && propertyKey !== null)
    throw new DomainError(ErrorCode.Validation, 'propertyKey: a scroll goal has no property');
  return {
    name: goal.name as string,
    kind,
    match: goal.match as string,
    propertyKey,
    propertyValue,
    scrollDepth,
  };
}
