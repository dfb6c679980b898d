import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, Repository } from 'typeorm';
import { Annotation } from './annotation.entity.js';

export type AnnotationFields = Pick<Annotation, 'date' | 'text'>;

/** Days from `from` to `to`, both included (`YYYY-MM-DD`). */
export interface AnnotationDays {
  from: string;
  to: string;
}

/** Every annotation is read with its author's email, and of the author's row nothing else. */
const WITH_AUTHOR = {
  relations: { author: true },
  select: {
    id: true,
    siteId: true,
    date: true,
    text: true,
    authorId: true,
    createdAt: true,
    author: { id: true, email: true },
  },
} as const;

/** Annotations in the metadata database; every lookup is by site, so one site's annotation is never another's. */
@Injectable()
export class AnnotationsRepository {
  constructor(@InjectRepository(Annotation) private readonly annotations: Repository<Annotation>) {}

  /** The site's annotations, on `days` only when given, by day and then as written. */
  listOf(siteId: number, days?: AnnotationDays): Promise<Annotation[]> {
    return this.annotations.find({
      ...WITH_AUTHOR,
      // `YYYY-MM-DD` text orders as the days do.
      where: { siteId, ...(days && { date: Between(days.from, days.to) }) },
      order: { date: 'ASC', id: 'ASC' },
    });
  }

  countOf(siteId: number): Promise<number> {
    return this.annotations.countBy({ siteId });
  }

  async find(siteId: number, id: number): Promise<Annotation | undefined> {
    return (await this.annotations.findOne({ ...WITH_AUTHOR, where: { siteId, id } })) ?? undefined;
  }

  create(siteId: number, authorId: number, fields: AnnotationFields): Promise<Annotation> {
    return this.annotations.save(this.annotations.create({ siteId, authorId, ...fields }));
  }

  async update(siteId: number, id: number, fields: AnnotationFields): Promise<void> {
    await this.annotations.update({ siteId, id }, fields);
  }

  async delete(siteId: number, id: number): Promise<void> {
    await this.annotations.delete({ siteId, id });
  }
}
