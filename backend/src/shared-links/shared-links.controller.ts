import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
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
import {
  CreatedSharedLinkResponse,
  CreateSharedLinkDto,
  SharedLinkIdParamDto,
  SharedLinkResponse,
  toSharedLinkResponse,
} from './dto/shared-link.dto.js';
import { SharedLinksService } from './shared-links.service.js';

/** A site's shared links (read-only public links to a dashboard or a report view), managed by its admins. */
@SignedInRoutes('shared links')
@ApiNotFoundResponse({ description: 'No such site, link or dashboard, or a site the caller may not manage' })
@Controller('sites/:siteId/shared-links')
export class SharedLinksController {
  constructor(private readonly links: SharedLinksService) {}

  @ApiOperation({ summary: "The site's links not revoked (expired ones too), oldest first" })
  @ApiOkResponse({ type: [SharedLinkResponse] })
  @Requires(Role.Admin, { site: true })
  @Get()
  async list(@Param() { siteId }: SiteIdParamDto): Promise<SharedLinkResponse[]> {
    return (await this.links.list(siteId)).map(toSharedLinkResponse);
  }

  @ApiOperation({
    summary: 'Create a shared link',
    description: 'The answer holds the token, this once; the public page is /shared/<token>.',
  })
  @ApiCreatedResponse({ type: CreatedSharedLinkResponse })
  @ApiBadRequestResponse({ description: FIELD_RULE_BROKEN })
  @Requires(Role.Admin, { site: true })
  @Post()
  async create(
    @CurrentUser() user: User,
    @Param() { siteId }: SiteIdParamDto,
    @Body() dto: CreateSharedLinkDto,
  ): Promise<CreatedSharedLinkResponse> {
    const { link, token } = await this.links.create(user, siteId, dto);
    return { ...toSharedLinkResponse(link), token };
  }

  @ApiOperation({ summary: 'Revoke a shared link: from now on it answers 404, like one that never existed' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @Requires(Role.Admin, { site: true })
  @Delete(':linkId')
  @HttpCode(204)
  revoke(@CurrentUser() user: User, @Param() { siteId, linkId }: SharedLinkIdParamDto): Promise<void> {
    return this.links.revoke(user, siteId, linkId);
  }
}
