import { Injectable } from '@nestjs/common';
import { LINK_CONDITION_RULE, parseLinkCondition } from '@sluice/config';
import { actorOf, AuditService } from '../audit/audit.service.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { refusingDuplicates } from '../common/unique-violation.js';
import type { User } from '../users/user.entity.js';
import type { CreateSegmentDto, SegmentResponse, UpdateSegmentDto } from './dto/segment.dto.js';
import type { Segment } from './segment.entity.js';
import { SegmentsRepository } from './segments.repository.js';

/** A picker lists a site's segments whole: this bounds that list. */
export const MAX_SEGMENTS_PER_SITE = 100;

/**
 * A site's segments. The route's rule has checked access to the site (`@Requires(…, { site: true })`); a
 * segment id is looked up within that site only, so another site's segment is a 404 like a missing one. Its
 * conditions are checked as a saved view's are (config/src/filter-conditions.ts), so every segment applies.
 */
@Injectable()
export class SegmentsService {
  constructor(
    private readonly segments: SegmentsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(siteId: number): Promise<SegmentResponse[]> {
    return (await this.segments.listOf(siteId)).map(toSegmentResponse);
  }

  async get(siteId: number, id: number): Promise<SegmentResponse> {
    const segment = await this.segments.find(siteId, id);
    if (!segment) throw new DomainError(ErrorCode.NotFound, `segment ${id} not found`);
    return toSegmentResponse(segment);
  }

  async create(user: User, siteId: number, { name, filters }: CreateSegmentDto): Promise<SegmentResponse> {
    if ((await this.segments.countOf(siteId)) >= MAX_SEGMENTS_PER_SITE)
      throw new DomainError(
        ErrorCode.Validation,
        `name: a site holds at most ${MAX_SEGMENTS_PER_SITE} segments; delete one to add another`,
      );
    await this.refuseTakenName(siteId, name);
    const { id } = await refusingDuplicates(
      () => this.segments.create(siteId, user.id, { name, filters: storedFilters(filters) }),
      () => nameTaken(name),
    );
    await this.audit.record(actorOf(user), 'segment.create', `site:${siteId}`, {
      segment: id,
      name,
      filters,
    });
    return this.get(siteId, id);
  }

  async update(user: User, siteId: number, id: number, dto: UpdateSegmentDto): Promise<SegmentResponse> {
    const current = await this.get(siteId, id);
    const name = dto.name ?? current.name;
    const filters = dto.filters ?? current.filters;
    if (name !== current.name) await this.refuseTakenName(siteId, name);
    await refusingDuplicates(
      () => this.segments.update(siteId, id, { name, filters: storedFilters(filters) }),
      () => nameTaken(name),
    );
    await this.audit.record(actorOf(user), 'segment.update', `site:${siteId}`, {
      segment: id,
      ...(dto.name !== undefined && { name }),
      ...(dto.filters !== undefined && { filters }),
    });
    return this.get(siteId, id);
  }

  async remove(user: User, siteId: number, id: number): Promise<void> {
    const { name, filters } = await this.get(siteId, id);
    await this.segments.delete(siteId, id);
    await this.audit.record(actorOf(user), 'segment.delete', `site:${siteId}`, {
      segment: id,
      name,
      filters,
    });
  }

  private async refuseTakenName(siteId: number, name: string): Promise<void> {
    if (await this.segments.named(siteId, name)) throw nameTaken(name);
  }
}

const nameTaken = (name: string) =>
  new DomainError(ErrorCode.Conflict, `name: the site has a segment named "${name}" already`);

/** The conditions as stored, each checked: a 400 naming the first that is no condition a view can apply. */
function storedFilters(filters: string[]): string {
  filters.forEach((text, index) => {
    if (text.includes('\u0000') || !parseLinkCondition(text))
      throw new DomainError(ErrorCode.Validation, `filters.${index}: must be ${LINK_CONDITION_RULE}`);
  });
  return JSON.stringify(filters);
}

const toSegmentResponse = (segment: Segment): SegmentResponse => ({
  id: segment.id,
  siteId: segment.siteId,
  name: segment.name,
  filters: JSON.parse(segment.filters) as string[],
  author: segment.author?.email ?? null,
  createdAt: segment.createdAt.toISOString(),
});
