import { Controller, Get, Param, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SiteReport } from '../../auth/access.decorator.js';
import { SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import { csvFile } from '../csv-file.js';
import { VitalsQueryDto } from './dto/vitals-query.dto.js';
import { VitalsReportDto } from './dto/vitals-report.dto.js';
import { VitalsService } from './vitals.service.js';

/** The web vitals of one site: JSON, or with `format=csv` a CSV file. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@Controller('sites/:siteId/vitals')
export class VitalsController {
  constructor(private readonly vitals: VitalsService) {}

  @SiteReport()
  @Get()
  @ApiOkResponse({
    type: VitalsReportDto,
    description:
      'As CSV: the overall row, or with a dimension its rows, with counts of good, needs improvement and poor',
  })
  async report(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: VitalsQueryDto,
  ): Promise<VitalsReportDto | StreamableFile> {
    return query.format === 'csv'
      ? csvFile(await this.vitals.vitalsCsv(siteId, query), siteId, 'vitals', query)
      : this.vitals.vitals(siteId, query);
  }
}
