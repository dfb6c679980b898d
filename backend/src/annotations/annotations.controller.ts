import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { CurrentUser, Requires, SiteAdminChange } from '../auth/access.decorator.js';
import { FIELD_RULE_BROKEN, SignedInRoutes, missingFromSite } from '../common/api-responses.js';
import { SiteIdParamDto } from '../sites/dto/site-id-param.dto.js';
import { Role } from '../users/role.js';
import type { User } from '../users/user.entity.js';
import { AnnotationsService, MAX_ANNOTATIONS_PER_SITE } from './annotations.service.js';
import {
  AnnotationIdParamDto,
  AnnotationRangeDto,
  AnnotationResponse,
  CreateAnnotationDto,
  toAnnotationResponse,
  UpdateAnnotationDto,
} from './dto/annotation.dto.js';

const NO_ANNOTATION = missingFromSite('annotation');

/** A site's annotations (notes on days of its charts): read by its viewers, written by its admins, audited. */
@SignedInRoutes('annotations')
@Controller('sites/:siteId/annotations')
export class AnnotationsController {
  constructor(private readonly annotations: AnnotationsService) {}

  @ApiOperation({
    summary: "The site's annotations, by day and then as written; from and to narrow them to days",
  })
  @ApiOkResponse({ type: [AnnotationResponse] })
  @ApiBadRequestResponse({ description: FIELD_RULE_BROKEN })
  @ApiNotFoundResponse({ description: NO_ANNOTATION })
  @Requires(Role.Viewer, { site: true })
  @Get()
  async list(
    @Param() { siteId }: SiteIdParamDto,
    @Query() range: AnnotationRangeDto,
  ): Promise<AnnotationResponse[]> {
    return (await this.annotations.list(siteId, range)).map(toAnnotationResponse);
  }

  @ApiOperation({
    summary: 'Annotate a day',
    description: `The caller is its author. A site holds at most ${MAX_ANNOTATIONS_PER_SITE} annotations.`,
  })
  @ApiCreatedResponse({ type: AnnotationResponse })
  @SiteAdminChange(NO_ANNOTATION)
  @Post()
  async create(
    @CurrentUser() user: User,
    @Param() { siteId }: SiteIdParamDto,
    @Body() dto: CreateAnnotationDto,
  ): Promise<AnnotationResponse> {
    return toAnnotationResponse(await this.annotations.create(user, siteId, dto));
  }

  @ApiOperation({
    summary: "Change an annotation's day or text",
    description: 'Its author stays who wrote it.',
  })
  @ApiOkResponse({ type: AnnotationResponse })
  @SiteAdminChange(NO_ANNOTATION)
  @Patch(':annotationId')
  async update(
    @CurrentUser() user: User,
    @Param() { siteId, annotationId }: AnnotationIdParamDto,
    @Body() dto: UpdateAnnotationDto,
  ): Promise<AnnotationResponse> {
    return toAnnotationResponse(await this.annotations.update(user, siteId, annotationId, dto));
  }

  @ApiOperation({ summary: 'Delete an annotation' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: NO_ANNOTATION })
  @Requires(Role.Admin, { site: true })
  @Delete(':annotationId')
  @HttpCode(204)
  remove(@CurrentUser() user: User, @Param() { siteId, annotationId }: AnnotationIdParamDto): Promise<void> {
    return this.annotations.remove(user, siteId, annotationId);
  }
}
