import {
  Body,
  Controller,
  createParamDecorator,
  Get,
  HttpCode,
  Param,
  Post,
  type ExecutionContext,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Public } from '../auth/access.decorator.js';
import { BreakdownReportDto, OverviewReportDto, TimeseriesReportDto } from '../reports/dto/report.dto.js';
import { FunnelReportDto } from '../reports/funnel/dto/funnel.dto.js';
import {
  SharedTokenParamDto,
  SharedViewResponse,
  SharedViewTokenResponse,
  SharedWidgetParamDto,
  UnlockSharedLinkDto,
} from './dto/shared-link.dto.js';
import { SharedViewsService } from './shared-views.service.js';

/** The header carrying the view token a link's password unlocked. */
const UNLOCK_HEADER = 'x-sluice-share-unlock';

/** The view token sent, if any (documented once, as an optional header of every route here). */
const ViewToken = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers[
    UNLOCK_HEADER
  ];
  return typeof value === 'string' ? value : undefined;
});

/**
 * The public side of shared links: no sign-in, the token in the path. Only the link's site and its saved
 * views' reports; an unknown, revoked or expired token is the same 404.
 */
@ApiTags('shared links')
@ApiNotFoundResponse({
  description: 'No such link, or revoked, or expired (the same answer); or no such widget',
})
@ApiTooManyRequestsResponse({
  description: "The link's requests of this minute are spent: Retry-After says when",
})
@ApiHeader({
  name: UNLOCK_HEADER,
  required: false,
  description: 'The view token of a password-protected link',
})
@Controller('shared/:token')
export class SharedController {
  constructor(private readonly shared: SharedViewsService) {}

  @ApiOperation({ summary: "A link's site name, title and widgets" })
  @ApiOkResponse({ type: SharedViewResponse })
  @ApiUnauthorizedResponse({ description: 'The link has a password: code share_password_required' })
  @Public()
  @Get()
  view(
    @Param() { token }: SharedTokenParamDto,
    @ViewToken() viewToken?: string,
  ): Promise<SharedViewResponse> {
    return this.shared.view(token, viewToken);
  }

  @ApiOperation({ summary: "Enter a link's password: a view token for an hour" })
  @ApiOkResponse({ type: SharedViewTokenResponse })
  @ApiBadRequestResponse({ description: 'No password sent' })
  @ApiUnauthorizedResponse({ description: 'The password is not right: code share_password_required' })
  @Public()
  @Post('unlock')
  @HttpCode(200)
  unlock(
    @Param() { token }: SharedTokenParamDto,
    @Body() { password }: UnlockSharedLinkDto,
  ): Promise<SharedViewTokenResponse> {
    return this.shared.unlock(token, password);
  }

  @ApiOperation({ summary: "A metrics widget's overview, for its saved view" })
  @ApiOkResponse({ type: OverviewReportDto })
  @ApiUnauthorizedResponse({ description: 'The link has a password: code share_password_required' })
  @Public()
  @Get('widgets/:widgetId/overview')
  overview(
    @Param() { token, widgetId }: SharedWidgetParamDto,
    @ViewToken() viewToken?: string,
  ): Promise<OverviewReportDto> {
    return this.shared.overview(token, viewToken, widgetId);
  }

  @ApiOperation({
    summary: "A chart widget's timeseries (its saved metric and interval), for its saved view",
  })
  @ApiOkResponse({ type: TimeseriesReportDto })
  @ApiUnauthorizedResponse({ description: 'The link has a password: code share_password_required' })
  @Public()
  @Get('widgets/:widgetId/timeseries')
  timeseries(
    @Param() { token, widgetId }: SharedWidgetParamDto,
    @ViewToken() viewToken?: string,
  ): Promise<TimeseriesReportDto> {
    return this.shared.timeseries(token, viewToken, widgetId);
  }

  @ApiOperation({ summary: "A funnel widget's funnel (its saved steps and window), for its saved view" })
  @ApiOkResponse({ type: FunnelReportDto })
  @ApiUnauthorizedResponse({ description: 'The link has a password: code share_password_required' })
  @Public()
  @Get('widgets/:widgetId/funnel')
  funnel(
    @Param() { token, widgetId }: SharedWidgetParamDto,
    @ViewToken() viewToken?: string,
  ): Promise<FunnelReportDto> {
    return this.shared.funnel(token, viewToken, widgetId);
  }

  @ApiOperation({ summary: "A breakdown widget's top 10 values by visitors, for its saved view" })
  @ApiOkResponse({ type: BreakdownReportDto })
  @ApiUnauthorizedResponse({ description: 'The link has a password: code share_password_required' })
  @Public()
  @Get('widgets/:widgetId/breakdown')
  breakdown(
    @Param() { token, widgetId }: SharedWidgetParamDto,
    @ViewToken() viewToken?: string,
  ): Promise<BreakdownReportDto> {
    return this.shared.breakdown(token, viewToken, widgetId);
  }
}
