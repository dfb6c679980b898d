import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { CurrentUser, Requires, SiteAdminChange } from '../auth/access.decorator.js';
import { SignedInRoutes, missingFromSite } from '../common/api-responses.js';
import { SiteIdParamDto } from '../sites/dto/site-id-param.dto.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import {
  CreateGoalDto,
  GoalIdParamDto,
  GoalResponse,
  toGoalResponse,
  UpdateGoalDto,
} from './dto/goal.dto.js';
import { GoalsService } from './goals.service.js';

const NO_GOAL = missingFromSite('goal');

/** A site's goals: read by its viewers, managed by its admins; each change is in the audit log. */
@SignedInRoutes('goals')
@Controller('sites/:siteId/goals')
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @ApiOperation({ summary: "The site's goals, oldest first" })
  @ApiOkResponse({ type: [GoalResponse] })
  @ApiNotFoundResponse({ description: NO_GOAL })
  @Requires(Role.Viewer, { site: true })
  @Get()
  async list(@Param() { siteId }: SiteIdParamDto): Promise<GoalResponse[]> {
    return (await this.goals.list(siteId)).map(toGoalResponse);
  }

  @ApiOperation({
    summary: 'Create a goal',
    description: 'Reports take its id as `goal` and answer conversions, conversion rate and revenue.',
  })
  @ApiCreatedResponse({ type: GoalResponse })
  @SiteAdminChange(NO_GOAL)
  @Post()
  async create(
    @CurrentUser() user: User,
    @Param() { siteId }: SiteIdParamDto,
    @Body() dto: CreateGoalDto,
  ): Promise<GoalResponse> {
    return toGoalResponse(await this.goals.create(user, siteId, dto));
  }

  @ApiOperation({
    summary: 'Change a goal',
    description: 'Reports count the goal as it is now, over all time.',
  })
  @ApiOkResponse({ type: GoalResponse })
  @SiteAdminChange(NO_GOAL)
  @Patch(':goalId')
  async update(
    @CurrentUser() user: User,
    @Param() { siteId, goalId }: GoalIdParamDto,
    @Body() dto: UpdateGoalDto,
  ): Promise<GoalResponse> {
    return toGoalResponse(await this.goals.update(user, siteId, goalId, dto));
  }

  @ApiOperation({ summary: 'Delete a goal' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: NO_GOAL })
  @Requires(Role.Admin, { site: true })
  @Delete(':goalId')
  @HttpCode(204)
  remove(@CurrentUser() user: User, @Param() { siteId, goalId }: GoalIdParamDto): Promise<void> {
    return this.goals.remove(user, siteId, goalId);
  }
}
