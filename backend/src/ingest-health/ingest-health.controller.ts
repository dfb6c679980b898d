import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Requires } from '../auth/access.decorator.js';
import { NO_SITE } from '../common/api-responses.js';
import { Role } from '../users/role.js';
import { SiteIdParamDto } from '../sites/dto/site-id-param.dto.js';
import { IngestHealthDto } from './dto/ingest-health.dto.js';
import { IngestHealthService } from './ingest-health.service.js';

@ApiTags('ingest health')
@ApiBearerAuth()
@Controller('sites/:siteId')
export class IngestHealthController {
  constructor(private readonly health: IngestHealthService) {}

  /**
   * What reached the site's data and what was refused on the way, by reason, and how far behind the
   * pipeline is: the edge's and the shipper's counters as read now (lag and backlog are the whole node's).
   */
  @Requires(Role.Viewer, { site: true })
  @Get('ingest-health')
  @ApiOkResponse({ type: IngestHealthDto })
  @ApiNotFoundResponse({ description: NO_SITE })
  read(@Param() { siteId }: SiteIdParamDto): Promise<IngestHealthDto> {
    return this.health.read(siteId);
  }
}
