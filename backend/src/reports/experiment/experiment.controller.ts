import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SiteReport } from '../../auth/access.decorator.js';
import { SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import { ExperimentQueryDto } from './dto/experiment-query.dto.js';
import { ExperimentReportDto } from './dto/experiment-report.dto.js';
import { ExperimentService } from './experiment.service.js';

/** A feature flag's values compared by a goal: who saw which, and who of them converted after. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('sites/:siteId/experiment')
export class ExperimentController {
  constructor(private readonly experiments: ExperimentService) {}

  @SiteReport()
  @Get()
  @ApiOkResponse({ type: ExperimentReportDto })
  report(
    @Param() { siteId }: SiteIdParamDto,
    @Query() query: ExperimentQueryDto,
  ): Promise<ExperimentReportDto> {
    return this.experiments.experiment(siteId, query);
  }
}
