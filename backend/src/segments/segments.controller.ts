import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
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
import { CreateSegmentDto, SegmentIdParamDto, SegmentResponse, UpdateSegmentDto } from './dto/segment.dto.js';
import { MAX_SEGMENTS_PER_SITE, SegmentsService } from './segments.service.js';

const NO_SEGMENT = missingFromSite('segment');
const NAME_TAKEN = 'The site has a segment of that name already (code conflict)';

/** A site's segments (named sets of filters): read by its viewers, written by its admins, audited. */
@SignedInRoutes('segments')
@Controller('sites/:siteId/segments')
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @ApiOperation({ summary: "The site's segments, by name" })
  @ApiOkResponse({ type: [SegmentResponse] })
  @ApiNotFoundResponse({ description: NO_SEGMENT })
  @Requires(Role.Viewer, { site: true })
  @Get()
  list(@Param() { siteId }: SiteIdParamDto): Promise<SegmentResponse[]> {
    return this.segments.list(siteId);
  }

  @ApiOperation({
    summary: 'Save a set of filters under a name',
    description: `The caller is its author. A site holds at most ${MAX_SEGMENTS_PER_SITE} segments.`,
  })
  @ApiCreatedResponse({ type: SegmentResponse })
  @ApiConflictResponse({ description: NAME_TAKEN })
  @SiteAdminChange(NO_SEGMENT)
  @Post()
  create(
    @CurrentUser() user: User,
    @Param() { siteId }: SiteIdParamDto,
    @Body() dto: CreateSegmentDto,
  ): Promise<SegmentResponse> {
    return this.segments.create(user, siteId, dto);
  }

  @ApiOperation({
    summary: "Change a segment's name or conditions",
    description: 'Its author stays who saved it.',
  })
  @ApiOkResponse({ type: SegmentResponse })
  @ApiConflictResponse({ description: NAME_TAKEN })
  @SiteAdminChange(NO_SEGMENT)
  @Patch(':segmentId')
  update(
    @CurrentUser() user: User,
    @Param() { siteId, segmentId }: SegmentIdParamDto,
    @Body() dto: UpdateSegmentDto,
  ): Promise<SegmentResponse> {
    return this.segments.update(user, siteId, segmentId, dto);
  }

  @ApiOperation({ summary: 'Delete a segment' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: NO_SEGMENT })
  @Requires(Role.Admin, { site: true })
  @Delete(':segmentId')
  @HttpCode(204)
  remove(@CurrentUser() user: User, @Param() { siteId, segmentId }: SegmentIdParamDto): Promise<void> {
    return this.segments.remove(user, siteId, segmentId);
  }
}
