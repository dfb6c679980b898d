import { Injectable } from '@nestjs/common';
import { actorOf, AuditService } from '../audit/audit.service.js';
import { defined } from '../common/defined.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { User } from '../users/user.entity.js';
import type { Annotation } from './annotation.entity.js';
import { AnnotationsRepository } from './annotations.repository.js';
import type { AnnotationRangeDto, CreateAnnotationDto, UpdateAnnotationDto } from './dto/annotation.dto.js';

/** A chart asks for a range's notes whole, never by page: this bounds that answer. */
export const MAX_ANNOTATIONS_PER_SITE = 1000;

/**
 * A site's annotations. The route's rule has checked access to the site (`@Requires(…, { site: true })`);
 * an annotation id is looked up within that site only, so another site's annotation is a 404 like a missing one.
 */
@Injectable()
export class AnnotationsService {
  constructor(
    private readonly annotations: AnnotationsRepository,
    private readonly audit: AuditService,
  ) {}

  /** The DTO lets from and to through together or not at all. */
  list(siteId: number, { from, to }: AnnotationRangeDto): Promise<Annotation[]> {
    return this.annotations.listOf(siteId, from !== undefined && to !== undefined ? { from, to } : undefined);
  }

  async get(siteId: number, id: number): Promise<Annotation> {
    const annotation = await this.annotations.find(siteId, id);
    if (!annotation) throw new DomainError(ErrorCode.NotFound, `annotation ${id} not found`);
    return annotation;
  }

  async create(user: User, siteId: number, { date, text }: CreateAnnotationDto): Promise<Annotation> {
    if ((await this.annotations.countOf(siteId)) >= MAX_ANNOTATIONS_PER_SITE)
      throw new DomainError(
        ErrorCode.Validation,
        `text: a site holds at most ${MAX_ANNOTATIONS_PER_SITE} annotations; delete one to add another`,
      );
    const { id } = await this.annotations.create(siteId, user.id, { date, text });
    await this.audit.record(actorOf(user), 'annotation.create', `site:${siteId}`, {
      annotation: id,
      date,
      text,
    });
    return this.get(siteId, id);
  }

  async update(user: User, siteId: number, id: number, dto: UpdateAnnotationDto): Promise<Annotation> {
    const { date, text } = await this.get(siteId, id);
    const changes = defined(dto);
    await this.annotations.update(siteId, id, { date, text, ...changes });
    await this.audit.record(actorOf(user), 'annotation.update', `site:${siteId}`, {
      annotation: id,
      ...changes,
    });
    return this.get(siteId, id);
  }

  async remove(user: User, siteId: number, id: number): Promise<void> {
    const { date, text } = await this.get(siteId, id);
    await this.annotations.delete(siteId, id);
    await this.audit.record(actorOf(user), 'annotation.delete', `site:${siteId}`, {
      annotation: id,
      date,
      text,
    });
  }
}
