import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { FlagRule, FlagVariant } from '@sluice/config';
import { actorOf, AuditService } from '../audit/audit.service.js';
import { defined } from '../common/defined.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { refusingDuplicates } from '../common/unique-violation.js';
import type { User } from '../users/user.entity.js';
import type { CreateFeatureFlagDto, UpdateFeatureFlagDto } from './dto/feature-flag.dto.js';
import type { FeatureFlag } from './feature-flag.entity.js';
import { FeatureFlagsRepository, type FlagFields } from './feature-flags.repository.js';
import { FlagsPublisher } from './flags-publisher.js';

/**
 * A site's feature flags. The route's rule has checked access to the site (`@Requires(…, { site: true })`);
 * a flag id is looked up within that site only, so another site's flag is a 404 like a missing one. Every
 * change is audit-logged and published for the edge before the answer.
 */
/** What a new flag is unless the request says otherwise: off, for everyone once switched on, on/off only. */
const NEW_FLAG = { description: '', enabled: false, rollout: 100, variants: [], rules: [] };
/** The edge evaluates every flag of a site for each request: this bounds that work (and the document). */
export const MAX_FLAGS_PER_SITE = 100;

@Injectable()
export class FeatureFlagsService implements OnApplicationBootstrap {
  constructor(
    private readonly flags: FeatureFlagsRepository,
    private readonly publisher: FlagsPublisher,
    private readonly audit: AuditService,
  ) {}

  /** The folder matches the database from the start, whatever changed while the backend was down. */
  onApplicationBootstrap(): Promise<void> {
    return this.publisher.publishAll(() => this.flags.bySite());
  }

  list(siteId: number): Promise<FeatureFlag[]> {
    return this.flags.listOf(siteId);
  }

  async get(siteId: number, id: number): Promise<FeatureFlag> {
    const flag = await this.flags.find(siteId, id);
    if (!flag) throw new DomainError(ErrorCode.NotFound, `flag ${id} not found`);
    return flag;
  }

  async create(user: User, siteId: number, dto: CreateFeatureFlagDto): Promise<FeatureFlag> {
    const fields = wholeFlag({ ...NEW_FLAG, ...defined(dto) });
    await this.refuseTakenKey(siteId, fields.key);
    if ((await this.flags.listOf(siteId)).length >= MAX_FLAGS_PER_SITE)
      throw new DomainError(
        ErrorCode.Conflict,
        `key: a site has at most ${MAX_FLAGS_PER_SITE} flags; delete one first`,
      );
    const flag = await refusingDuplicates(
      () => this.flags.create(siteId, fields),
      () => keyTaken(fields.key),
    );
    await this.audit.record(actorOf(user), 'flag.create', `site:${siteId}`, { flag: flag.id, ...fields });
    await this.publish(siteId);
    return flag;
  }

  async update(user: User, siteId: number, id: number, dto: UpdateFeatureFlagDto): Promise<FeatureFlag> {
    const flag = await this.get(siteId, id);
    const changes = defined(dto);
    const fields = wholeFlag({ ...flag, ...changes });
    if (fields.key !== flag.key) await this.refuseTakenKey(siteId, fields.key);
    await refusingDuplicates(
      () => this.flags.update(siteId, id, fields),
      () => keyTaken(fields.key),
    );
    await this.audit.record(actorOf(user), 'flag.update', `site:${siteId}`, { flag: id, ...changes });
    await this.publish(siteId);
    return this.get(siteId, id);
  }

  async remove(user: User, siteId: number, id: number): Promise<void> {
    const flag = await this.get(siteId, id);
    await this.flags.delete(siteId, id);
    await this.audit.record(actorOf(user), 'flag.delete', `site:${siteId}`, { flag: id, key: flag.key });
    await this.publish(siteId);
  }

  private publish(siteId: number): Promise<void> {
    return this.publisher.publish(siteId, () => this.flags.listOf(siteId));
  }

  private async refuseTakenKey(siteId: number, key: string): Promise<void> {
    if (await this.flags.findByKey(siteId, key)) throw keyTaken(key);
  }
}

const keyTaken = (key: string) =>
  new DomainError(ErrorCode.Conflict, `key: the site already has a flag "${key}"`);

/**
 * The flag's stored fields, checked as a whole: what the DTO's per-field rules can't see (variant weights
 * summing to 100, distinct variant keys, the values a userId rule takes).
 */
function wholeFlag(flag: Partial<Record<keyof FlagFields, unknown>>): FlagFields {
  for (const [field, type] of [
    ['key', 'string'],
    ['description', 'string'],
    ['enabled', 'boolean'],
    ['rollout', 'number'],
  ] as const) {
    if (typeof flag[field] !== type)
      throw new DomainError(ErrorCode.Validation, `${field}: must be given, not null`);
  }
  const variants = (flag.variants ?? []) as FlagVariant[];
  const rules = (flag.rules ?? []) as FlagRule[];
  if (variants.length === 1)
    throw new DomainError(ErrorCode.Validation, 'variants: a flag has none (on/off) or at least 2');
  if (variants.length > 0 && variants.reduce((sum, { weight }) => sum + weight, 0) !== 100)
    throw new DomainError(ErrorCode.Validation, 'variants: the weights must sum to 100');
  if (new Set(variants.map(({ key }) => key)).size !== variants.length)
    throw new DomainError(ErrorCode.Validation, 'variants: each variant needs a key of its own');
  const badUserRule = rules.find(
    (rule) =>
      rule.attribute === 'userId' && !rule.values.every((value) => value === 'present' || value === 'absent'),
  );
  if (badUserRule)
    throw new DomainError(ErrorCode.Validation, 'rules: a userId rule takes the values present or absent');
  return {
    key: flag.key as string,
    description: flag.description as string,
    enabled: flag.enabled as boolean,
    rollout: flag.rollout as number,
    // Only the fields the edge reads, whatever the request's objects held.
    variants: variants.map(({ key, weight }) => ({ key, weight })),
    rules: rules.map(({ attribute, operator, values }) => ({ attribute, operator, values: [...values] })),
  };
}
