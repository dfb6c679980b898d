import type { ServerResponse } from 'node:http';
import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { SiteReport } from '../../auth/access.decorator.js';
import { SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import { LastEventDto, RealtimeEventDto, RealtimeReportDto } from './dto/realtime.dto.js';
import { RealtimeService } from './realtime.service.js';

/** Right now on a site, for its viewers: a site the caller can't see is a 404, before any stream starts. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(RealtimeEventDto)
@Controller('sites/:siteId/realtime')
export class RealtimeController {
  constructor(private readonly realtime: RealtimeService) {}

  @SiteReport()
  @Get()
  @ApiOperation({
    summary:
      'Right now: visitors and pageviews of the last 5 minutes, top pages and sources, pageviews by minute',
    description:
      "One reading of a site's summary answers every caller asking while it is read and for a second after.",
  })
  @ApiOkResponse({ type: RealtimeReportDto })
  summary(@Param() { siteId }: SiteIdParamDto): Promise<RealtimeReportDto> {
    return this.realtime.summary(siteId);
  }

  @SiteReport()
  @Get('last-event')
  @ApiOperation({
    summary:
      "When the site's newest event arrived, null before its first: whether its snippet sends anything",
  })
  @ApiOkResponse({ type: LastEventDto })
  lastEvent(@Param() { siteId }: SiteIdParamDto): Promise<LastEventDto> {
    return this.realtime.lastEvent(siteId);
  }

  @SiteReport()
  @Get('stream')
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this event (the id of the last event received; browsers send it on reconnect)',
  })
  @ApiOkResponse({
    description:
      'Server-Sent Events: `event` messages (JSON: RealtimeEventDto — id, ts in unix seconds, name, page, country, ' +
      'device, browser, source), each with `id:` <ts>-<event id> unless it arrived late; `visitors` messages ({ visitors }) on ' +
      'connect and every 10 s; a heartbeat comment every 15 s',
  })
  @ApiServiceUnavailableResponse({
    description: 'Too many live streams open (code busy): retry after Retry-After',
  })
  stream(
    @Param() { siteId }: SiteIdParamDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() response: ServerResponse,
  ): Promise<void> {
    return this.realtime.stream(siteId, lastEventId, response);
  }
}
