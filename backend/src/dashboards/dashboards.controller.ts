import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { CurrentUser, Requires } from '../auth/access.decorator.js';
import { FIELD_RULE_BROKEN, SignedInRoutes } from '../common/api-responses.js';
import { SiteIdParamDto } from '../sites/dto/site-id-param.dto.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import type { DashboardWithWidgets } from './dashboards.service.js';
import { DashboardsService } from './dashboards.service.js';
import {
  CreateWidgetDto,
  DashboardIdParamDto,
  DashboardNameDto,
  DashboardResponse,
  toDashboardResponse,
  UpdateWidgetDto,
  WidgetIdParamDto,
} from './dto/dashboard.dto.js';

const MISSING = 'No such site, dashboard or widget, or a site the caller may not read: the same answer';
const answer = ({ dashboard, widgets }: DashboardWithWidgets) => toDashboardResponse(dashboard, widgets);

/** A site's dashboards of saved report views: read by its viewers, changed by its admins (and owners). */
@SignedInRoutes('dashboards')
@ApiNotFoundResponse({ description: MISSING })
@Controller('sites/:siteId/dashboards')
export class DashboardsController {
  constructor(private readonly dashboards: DashboardsService) {}

  @ApiOperation({ summary: "The site's dashboards with their widgets, oldest first" })
  @ApiOkResponse({ type: [DashboardResponse] })
  @Requires(Role.Viewer, { site: true })
  @Get()
  async list(@Param() { siteId }: SiteIdParamDto): Promise<DashboardResponse[]> {
    return (await this.dashboards.list(siteId)).map(answer);
  }

  @ApiOperation({ summary: 'Create an empty dashboard' })
  @ApiCreatedResponse({ type: DashboardResponse })
  @ApiBadRequestResponse({ description: FIELD_RULE_BROKEN })
  @Requires(Role.Admin, { site: true })
  @Post()
  async create(
    @CurrentUser() user: User,
    @Param() { siteId }: SiteIdParamDto,
    @Body() { name }: DashboardNameDto,
  ): Promise<DashboardResponse> {
    return answer(await this.dashboards.create(user, siteId, name));
  }

  @ApiOperation({ summary: 'A dashboard with its widgets' })
  @ApiOkResponse({ type: DashboardResponse })
  @Requires(Role.Viewer, { site: true })
  @Get(':dashboardId')
  async get(@Param() { siteId, dashboardId }: DashboardIdParamDto): Promise<DashboardResponse> {
    return answer(await this.dashboards.get(siteId, dashboardId));
  }

  @ApiOperation({ summary: 'Rename a dashboard' })
  @ApiOkResponse({ type: DashboardResponse })
  @ApiBadRequestResponse({ description: FIELD_RULE_BROKEN })
  @Requires(Role.Admin, { site: true })
  @Patch(':dashboardId')
  async rename(
    @CurrentUser() user: User,
    @Param() { siteId, dashboardId }: DashboardIdParamDto,
    @Body() { name }: DashboardNameDto,
  ): Promise<DashboardResponse> {
    return answer(await this.dashboards.rename(user, siteId, dashboardId, name));
  }

  @ApiOperation({ summary: 'Delete a dashboard, its widgets and its shared links' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @Requires(Role.Admin, { site: true })
  @Delete(':dashboardId')
  @HttpCode(204)
  remove(@CurrentUser() user: User, @Param() { siteId, dashboardId }: DashboardIdParamDto): Promise<void> {
    return this.dashboards.remove(user, siteId, dashboardId);
  }

  @ApiOperation({
    summary: 'Save a report view as a widget, placed last',
    description:
      'The query string is checked now: a parameter that breaks its rule is a 400 naming it (query: …).',
  })
  @ApiCreatedResponse({ type: DashboardResponse, description: 'The dashboard with the new widget' })
  @ApiBadRequestResponse({ description: FIELD_RULE_BROKEN })
  @Requires(Role.Admin, { site: true })
  @Post(':dashboardId/widgets')
  async addWidget(
    @CurrentUser() user: User,
    @Param() { siteId, dashboardId }: DashboardIdParamDto,
    @Body() dto: CreateWidgetDto,
  ): Promise<DashboardResponse> {
    return answer(await this.dashboards.addWidget(user, siteId, dashboardId, dto));
  }

  @ApiOperation({ summary: 'Move or resize a widget' })
  @ApiOkResponse({ type: DashboardResponse, description: 'The dashboard as it is now' })
  @ApiBadRequestResponse({ description: FIELD_RULE_BROKEN })
  @Requires(Role.Admin, { site: true })
  @Patch(':dashboardId/widgets/:widgetId')
  async updateWidget(
    @CurrentUser() user: User,
    @Param() { siteId, dashboardId, widgetId }: WidgetIdParamDto,
    @Body() dto: UpdateWidgetDto,
  ): Promise<DashboardResponse> {
    return answer(await this.dashboards.updateWidget(user, siteId, dashboardId, widgetId, dto));
  }

  @ApiOperation({ summary: 'Remove a widget' })
  @ApiOkResponse({ type: DashboardResponse, description: 'The dashboard as it is now' })
  @Requires(Role.Admin, { site: true })
  @Delete(':dashboardId/widgets/:widgetId')
  async removeWidget(
    @CurrentUser() user: User,
    @Param() { siteId, dashboardId, widgetId }: WidgetIdParamDto,
  ): Promise<DashboardResponse> {
    return answer(await this.dashboards.removeWidget(user, siteId, dashboardId, widgetId));
  }
}
