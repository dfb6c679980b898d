import { Body, Controller, Delete, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentUser, Requires, SiteAdminChange } from '../auth/access.decorator.js';
import { FIELD_RULE_BROKEN, SignedInRoutes, missingFromSite } from '../common/api-responses.js';
import { SiteIdParamDto } from '../sites/dto/site-id-param.dto.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import { ActionNamesService } from './action-names.service.js';
import { ActionNameDto, ActionNameResponse, ActionParamDto, RerunNamingDto } from './dto/action-name.dto.js';

const NO_ACTION = missingFromSite('action');

/** The names of a site's autocaptured actions, as people correct them; each change is in the audit log. */
@SignedInRoutes('actions')
@Controller('sites/:siteId/actions')
export class ActionNamesController {
  constructor(private readonly names: ActionNamesService) {}

  @ApiOperation({
    summary: 'Name an action by hand',
    description: 'Locked: the naming worker never replaces it. Applies to past and future events at once.',
  })
  @ApiOkResponse({ type: ActionNameResponse })
  @SiteAdminChange(NO_ACTION)
  @Put(':fingerprint/name')
  rename(
    @CurrentUser() user: User,
    @Param() { siteId, fingerprint }: ActionParamDto,
    @Body() { name }: ActionNameDto,
  ): Promise<ActionNameResponse> {
    return this.names.rename(user, siteId, fingerprint, name);
  }

  @ApiOperation({
    summary: 'Clear a name given by hand',
    description: 'Back to automatic: the heuristic name at once, the AI name at the worker’s next poll.',
  })
  @ApiOkResponse({ type: ActionNameResponse })
  @ApiNotFoundResponse({ description: NO_ACTION })
  @Requires(Role.Admin, { site: true })
  @Delete(':fingerprint/name')
  clear(
    @CurrentUser() user: User,
    @Param() { siteId, fingerprint }: ActionParamDto,
  ): Promise<ActionNameResponse> {
    return this.names.clear(user, siteId, fingerprint);
  }

  @ApiOperation({
    summary: 'Name actions again',
    description: 'Asks the model again (or the heuristic, without a provider) now; names given by hand stay.',
  })
  @ApiOkResponse({ type: [ActionNameResponse] })
  @ApiBadRequestResponse({ description: FIELD_RULE_BROKEN })
  @ApiNotFoundResponse({ description: NO_ACTION })
  @Requires(Role.Owner, { site: true })
  @Post('rename')
  @HttpCode(200)
  rerun(
    @CurrentUser() user: User,
    @Param() { siteId }: SiteIdParamDto,
    @Body() { fingerprints }: RerunNamingDto,
  ): Promise<ActionNameResponse[]> {
    return this.names.rerun(user, siteId, fingerprints);
  }
}
