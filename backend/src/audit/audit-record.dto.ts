import { ApiProperty } from '@nestjs/swagger';
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

  @ApiProperty({ example: 'site.create' })
  action!: string;

  @ApiProperty({ example: 'site:3' })
  target!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  details!: Record<string, unknown>;
}
