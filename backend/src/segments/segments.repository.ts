import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Segment } from './segment.entity.js';

export type SegmentFields = Pick<Segment, 'name' | 'filters'>;

/** Every segment is read with its author's email, and of the author's row nothing else. */
const WITH_AUTHOR = {
  relations: { author: true },
  select: {
    id: true,
    siteId: true,
    name: true,
    filters: true,
    authorId: true,
    createdAt: true,
    author: { id: true, email: true },
  },
} as const;

/** Segments in the metadata database; every lookup is by site, so one site's segment is never another's. */
@Injectable()
export class SegmentsRepository {
  constructor(@InjectRepository(Segment) private readonly segments: Repository<Segment>) {}

  /** The site's segments by name. */
  listOf(siteId: number): Promise<Segment[]> {
    return this.segments.find({ ...WITH_AUTHOR, where: { siteId }, order: { name: 'ASC', id: 'ASC' } });
  }

  countOf(siteId: number): Promise<number> {
    return this.segments.countBy({ siteId });
  }

  async find(siteId: number, id: number): Promise<Segment | undefined> {
    return (await this.segments.findOne({ ...WITH_AUTHOR, where: { siteId, id } })) ?? undefined;
  }

  async named(siteId: number, name: string): Promise<Segment | undefined> {
    return (await this.segments.findOneBy({ siteId, name })) ?? undefined;
  }

  create(siteId: number, authorId: number, fields: SegmentFields): Promise<Segment> {
    return this.segments.save(this.segments.create({ siteId, authorId, ...fields }));
  }

  async update(siteId: number, id: number, fields: SegmentFields): Promise<void> {
    await this.segments.update({ siteId, id }, fields);
  }

  async delete(siteId: number, id: number): Promise<void> {
    await this.segments.delete({ siteId, id });
  }
}
