import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import type { AuditAction } from './audit-actions.js';
import { AuditEntry } from './audit-entry.entity.js';

/** Who acted: a signed-in user, or the system itself. */
export interface Actor {
  id: number | null;
  email: string;
}

export const SYSTEM: Actor = { id: null, email: 'system' };

/** The signed-in user who acts. */
export const actorOf = (user: { id: number; email: string }): Actor => ({ id: user.id, email: user.email });

export interface AuditRecord {
  id: number;
  at: string;
  actorId: number | null;
  actorEmail: string;
  action: AuditAction;
  target: string;
  details: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  async record(
    actor: Actor,
    action: AuditAction,
    target: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.entries.insert({
      actorId: actor.id,
      actorEmail: actor.email,
      action,
      target,
      details: JSON.stringify(details),
    });
  }

  /** Newest first, `limit` at a time; `before` (an entry id) pages back. */
  async list(limit: number, before?: number): Promise<AuditRecord[]> {
    const rows = await this.entries.find({
      where: before === undefined ? {} : { id: LessThan(before) },
      order: { id: 'DESC' },
      take: limit,
    });
    return rows.map(({ id, at, actorId, actorEmail, action, target, details }) => ({
      id,
      at: new Date(at).toISOString(),
      actorId,
      actorEmail,
      // Stored only through `record`, so one of the actions.
      action: action as AuditAction,
      target,
      details: JSON.parse(details) as Record<string, unknown>,
    }));
  }
}
