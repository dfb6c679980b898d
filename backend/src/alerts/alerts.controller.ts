import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { CurrentUser, Requires } from '../auth/access.decorator.js';
import { FIELD_RULE_BROKEN, SignedInRoutes, missingFromSite } from '../common/api-responses.js';
import { SiteIdParamDto } from '../sites/dto/site-id-param.dto.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import { AlertsService } from './alerts.service.js';
import {
  AlertHistoryResponse,
  AlertRuleIdParamDto,
  AlertRuleResponse,
  CreateAlertRuleDto,
  SavedAlertRuleResponse,
  TestFireResponse,
  UpdateAlertRuleDto,
} from './dto/alert-rule.dto.js';

const NO_RULE = missingFromSite('rule');

/** A site's alert rules: read by its viewers, managed (and test-fired) by its admins; each change audited. */
@SignedInRoutes('alerts')
@ApiNotFoundResponse({ description: NO_RULE })
@Controller('sites/:siteId/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @ApiOperation({ summary: "The site's alert rules with their state and channels, oldest first" })
  @ApiOkResponse({ type: [AlertRuleResponse] })
  @Requires(Role.Viewer, { site: true })
  @Get()
  list(@Param() { siteId }: SiteIdParamDto): Promise<AlertRuleResponse[]> {
    return this.alerts.list(siteId);
  }

  @ApiOperation({
    summary: 'Create an alert rule',
    description: 'Each new webhook or slack channel gets a signing secret, answered in newSecrets this once.',
  })
  @ApiCreatedResponse({ type: SavedAlertRuleResponse })
  @ApiBadRequestResponse({ description: FIELD_RULE_BROKEN })
  @Requires(Role.Admin, { site: true })
  @Post()
  create(
    @CurrentUser() user: User,
    @Param() { siteId }: SiteIdParamDto,
    @Body() dto: CreateAlertRuleDto,
  ): Promise<SavedAlertRuleResponse> {
    return this.alerts.create(user, siteId, dto);
  }

  @ApiOperation({ summary: 'An alert rule' })
  @ApiOkResponse({ type: AlertRuleResponse })
  @Requires(Role.Viewer, { site: true })
  @Get(':ruleId')
  get(@Param() { siteId, ruleId }: AlertRuleIdParamDto): Promise<AlertRuleResponse> {
    return this.alerts.get(siteId, ruleId);
  }

  @ApiOperation({
    summary: 'Change an alert rule',
    description:
      'The rule starts over (state ok). `channels`, when given, is the whole list: channels named by id are kept.',
  })
  @ApiOkResponse({ type: SavedAlertRuleResponse })
  @ApiBadRequestResponse({ description: FIELD_RULE_BROKEN })
  @Requires(Role.Admin, { site: true })
  @Patch(':ruleId')
  update(
    @CurrentUser() user: User,
    @Param() { siteId, ruleId }: AlertRuleIdParamDto,
    @Body() dto: UpdateAlertRuleDto,
  ): Promise<SavedAlertRuleResponse> {
    return this.alerts.update(user, siteId, ruleId, dto);
  }

  @ApiOperation({ summary: 'Delete an alert rule, with its history' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @Requires(Role.Admin, { site: true })
  @Delete(':ruleId')
  @HttpCode(204)
  remove(@CurrentUser() user: User, @Param() { siteId, ruleId }: AlertRuleIdParamDto): Promise<void> {
    return this.alerts.remove(user, siteId, ruleId);
  }

  @ApiOperation({
    summary: "The rule's firings and test-fires, newest first, each with its delivery attempts",
  })
  @ApiOkResponse({ type: AlertHistoryResponse })
  @Requires(Role.Viewer, { site: true })
  @Get(':ruleId/history')
  history(@Param() { siteId, ruleId }: AlertRuleIdParamDto): Promise<AlertHistoryResponse> {
    return this.alerts.history(siteId, ruleId);
  }

  @ApiOperation({
    summary: 'Send a test notification through every channel of the rule',
    description: 'Answers at once; the deliveries (with retries) appear in the history.',
  })
  @ApiAcceptedResponse({ type: TestFireResponse })
  @Requires(Role.Admin, { site: true })
  @Post(':ruleId/test')
  @HttpCode(202)
  testFire(
    @CurrentUser() user: User,
    @Param() { siteId, ruleId }: AlertRuleIdParamDto,
  ): Promise<TestFireResponse> {
    return this.alerts.testFire(user, siteId, ruleId);
  }
}
