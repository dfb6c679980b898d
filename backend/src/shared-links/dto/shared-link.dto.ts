import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsRouteId } from '../../common/route-id.js';
import { SavedViewDto, WidgetResponse } from '../../dashboards/dto/dashboard.dto.js';
import { SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import type { SharedLink } from '../shared-link.entity.js';

const ONE_TARGET = 'a link shows either a dashboard (dashboardId) or one report view (view)';

/** `POST /api/sites/:siteId/shared-links`: what the link shows, and how it is guarded. */
export class CreateSharedLinkDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: `A dashboard of the site (${ONE_TARGET})`,
  })
  @ValidateIf((dto: CreateSharedLinkDto) => dto.view === undefined || dto.dashboardId !== undefined)
  @IsInt({ message: `$property must be a dashboard id (${ONE_TARGET})` })
  @Min(1, { message: `$property must be a dashboard id (${ONE_TARGET})` })
  dashboardId?: number;

  @ApiPropertyOptional({ type: SavedViewDto, description: `One report view (${ONE_TARGET})` })
  @ValidateIf((dto: CreateSharedLinkDto) => dto.view !== undefined)
  @ValidateNested()
  @Type(() => SavedViewDto)
  view?: SavedViewDto;

  @ApiPropertyOptional({
    minLength: 8,
    maxLength: 128,
    description: 'Visitors must enter it before they see anything; absent: no password',
  })
  @IsOptional()
  @Length(8, 128, { message: '$property must be 8 to 128 characters' })
  @IsString({ message: '$property must be a string' })
  password?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the link stops working; absent: never' })
  @IsOptional()
  @IsString({ message: '$property must be a date and time (ISO 8601) in the future' })
  expiresAt?: string;
}

export class SharedLinkIdParamDto extends SiteIdParamDto {
  @ApiProperty({ type: 'integer', minimum: 1 })
  @IsRouteId()
  linkId!: number;
}

export class SharedLinkResponse {
  @ApiProperty({ type: 'integer' })
  id!: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The dashboard it shows, or null' })
  dashboardId!: number | null;

  @ApiProperty({ type: SavedViewDto, nullable: true, description: 'The report view it shows, or null' })
  view!: SavedViewDto | null;

  @ApiProperty({ example: 'shr_Ab12Cd34', description: "The token's first characters" })
  prefix!: string;

  @ApiProperty()
  hasPassword!: boolean;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  expiresAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class CreatedSharedLinkResponse extends SharedLinkResponse {
  @ApiProperty({ description: 'The token, shown this once: the public page is /shared/<token>' })
  token!: string;
}

export const toSharedLinkResponse = (link: SharedLink): SharedLinkResponse => ({
  id: link.id,
  dashboardId: link.dashboardId,
  view: link.reportKey === null ? null : { reportKey: link.reportKey, query: link.query ?? '' },
  prefix: link.prefix,
  hasPassword: link.passwordHash !== null,
  expiresAt: link.expiresAt === null ? null : new Date(link.expiresAt).toISOString(),
  createdAt: link.createdAt.toISOString(),
});

/** `/api/shared/:token` in a route: checked by the service (anything else is the same 404). */
export class SharedTokenParamDto {
  @ApiProperty({ example: 'shr_…' })
  @IsString()
  token!: string;
}

export class SharedWidgetParamDto extends SharedTokenParamDto {
  @ApiProperty({ type: 'integer', minimum: 1 })
  @IsRouteId()
  widgetId!: number;
}

export class UnlockSharedLinkDto {
  @ApiProperty({ description: "The link's password" })
  @Length(1, 128, { message: '$property must be 1 to 128 characters' })
  @IsString({ message: '$property must be a string' })
  password!: string;
}

export class SharedViewTokenResponse {
  @ApiProperty({
    description: 'Send it as the X-Sluice-Share-Unlock header of every /api/shared/:token request',
  })
  viewToken!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

/** What a visitor of a link sees: the site's name and zone, a title and the widgets, read-only. */
export class SharedViewResponse {
  @ApiProperty({ example: 'shop.example' })
  siteName!: string;

  @ApiProperty({ example: 'Europe/Berlin' })
  timezone!: string;

  @ApiProperty({ example: 'Marketing', description: "The dashboard's name, or the report page's key" })
  title!: string;

  @ApiProperty({ enum: ['dashboard', 'view'] })
  kind!: 'dashboard' | 'view';

  @ApiProperty({
    type: [WidgetResponse],
    description:
      "The dashboard's widgets; for one report view, its metric cards (id 1) and time chart (id 2)",
  })
  widgets!: WidgetResponse[];
}
