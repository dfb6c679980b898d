import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { MAX_SIGNING_SECRETS } from '@sluice/config';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { NewSigningSecretDto, SiteResponseDto } from './dto/site-response.dto.js';
import { CurrentUser, Requires } from '../auth/access.decorator.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import { CreateSiteDto, DeleteSiteQueryDto, UpdateSiteDto } from './dto/site.dto.js';
import { SigningSecretParamDto, SiteIdParamDto } from './dto/site-id-param.dto.js';
import { signingSecretId, toSiteResponse, type SiteResponse, type SiteStatus } from './site.js';
import { SiteDeletions } from './site-deletions.js';
import { SitesService } from './sites.service.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('sites')
export class SitesController {
  constructor(
    private readonly sites: SitesService,
    private readonly deletions: SiteDeletions,
  ) {}

  /** The sites the user may see. */
  @Requires(Role.Viewer)
  @Get()
  @ApiOkResponse({ type: [SiteResponseDto] })
  async list(@CurrentUser() user: User): Promise<SiteResponse[]> {
    return (await this.sites.visibleTo(user)).map(toSiteResponse);
  }

  @Requires(Role.Admin)
  @Post()
  @ApiCreatedResponse({ type: SiteResponseDto })
  async create(@CurrentUser() user: User, @Body() settings: CreateSiteDto): Promise<SiteResponse> {
    return toSiteResponse(await this.sites.create(user, settings));
  }

  @Requires(Role.Viewer, { site: true })
  @Get(':siteId')
  @ApiOkResponse({ type: SiteResponseDto })
  async get(@Param() { siteId }: SiteIdParamDto): Promise<SiteResponse> {
    return toSiteResponse(await this.sites.get(siteId));
  }

  @Requires(Role.Admin, { site: true })
  @Patch(':siteId')
  @ApiOkResponse({ type: SiteResponseDto })
  async update(
    @CurrentUser() user: User,
    @Param() { siteId }: SiteIdParamDto,
    @Body() changes: UpdateSiteDto,
  ): Promise<SiteResponse> {
    return toSiteResponse(await this.sites.update(user, siteId, changes));
  }

  /** A new public key: the old one stops working within seconds. */
  @Requires(Role.Admin, { site: true })
  @Post(':siteId/key')
  @HttpCode(200)
  @ApiOkResponse({ type: SiteResponseDto })
  async rotateKey(@CurrentUser() user: User, @Param() { siteId }: SiteIdParamDto): Promise<SiteResponse> {
    return toSiteResponse(await this.sites.rotateKey(user, siteId));
  }

  /** README, "Server-side events": a secret for the site's servers, shown once; two at once while one is replaced. */
  @Requires(Role.Admin, { site: true })
  @Post(':siteId/signing-secrets')
  @ApiCreatedResponse({ type: NewSigningSecretDto })
  @ApiConflictResponse({
    description: `The site has ${MAX_SIGNING_SECRETS} secrets already: revoke one first`,
  })
  async addSigningSecret(
    @CurrentUser() user: User,
    @Param() { siteId }: SiteIdParamDto,
  ): Promise<NewSigningSecretDto> {
    const { site, secret } = await this.sites.addSigningSecret(user, siteId);
    return { secret, id: signingSecretId(secret), site: toSiteResponse(site) };
  }

  /** Revokes a signing secret by its id: batches signed with it are refused within seconds. */
  @Requires(Role.Admin, { site: true })
  @Delete(':siteId/signing-secrets/:secretId')
  @ApiOkResponse({ type: SiteResponseDto })
  async revokeSigningSecret(
    @CurrentUser() user: User,
    @Param() { siteId, secretId }: SigningSecretParamDto,
  ): Promise<SiteResponse> {
    return toSiteResponse(await this.sites.revokeSigningSecret(user, siteId, secretId));
  }

  /**
   * Deletes the site and all of its data: `?confirm=` must repeat its domain. The site is gone at once;
   * its data is erased in the background (202): follow it at `:siteId/status`.
   */
  @Requires(Role.Admin, { site: true })
  @Delete(':siteId')
  @HttpCode(202)
  remove(
    @CurrentUser() user: User,
    @Param() { siteId }: SiteIdParamDto,
    @Query() { confirm }: DeleteSiteQueryDto,
  ): Promise<SiteStatus> {
    return this.sites.remove(user, siteId, confirm);
  }

  /** Active, or how its deletion stands: `deleted` once every row of it is erased. */
  @Requires(Role.Viewer, { site: true, deletedSite: true })
  @Get(':siteId/status')
  status(@Param() { siteId }: SiteIdParamDto): Promise<SiteStatus> {
    return this.deletions.status(siteId);
  }
}
