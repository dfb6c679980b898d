import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTIONS, type AuditAction } from './audit-actions.js';
import type { AuditRecord } from './audit.service.js';

/** One admin action as `GET /api/audit` answers it, for the OpenAPI description. */
export class AuditRecordDto implements AuditRecord {
  @ApiProperty({ type: 'integer' })
  id!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: 'integer', nullable: true, description: "Null for the system's own actions" })
  actorId!: number | null;

  @ApiProperty({ example: 'owner@shop.example' })
  actorEmail!: string;

  @ApiProperty({ enum: AUDIT_ACTIONS, enumName: 'AuditAction', example: 'site.create' })
  action!: AuditAction;

  @ApiProperty({ example: 'site:3' })
  target!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  details!: Record<string, unknown>;
}
