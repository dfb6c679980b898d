import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { AuditRecordDto } from './audit-record.dto.js';
import { Requires } from '../auth/access.decorator.js';
import { Role } from '../users/role.js';
import { AuditService, type AuditRecord } from './audit.service.js';
import { AuditQueryDto } from './audit-query.dto.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Requires(Role.Owner)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** `GET /api/audit?limit=50&before=<id>`: newest first. */
  @Get()
  @ApiOkResponse({ type: [AuditRecordDto] })
  list(@Query() { limit, before }: AuditQueryDto): Promise<AuditRecord[]> {
    return this.audit.list(limit, before);
  }
}
