import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { DIMENSION_NAMES } from '@sluice/config';
import { NoNul } from '../../common/no-nul.js';
import { IsRouteId } from '../../common/route-id.js';
import { SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import {
  WIDGET_KINDS,
  WIDGET_WIDTHS,
  type DashboardWidget,
  type WidgetKind,
} from '../dashboard-widget.entity.js';
import type { Dashboard } from '../dashboard.entity.js';

const NAME_RULE = '$property must be 1 to 100 characters, not only spaces';
const WIDTH_RULE = '$property must be 1, 2 or 3 (columns)';
const REPORT_KEY = /^[a-z][a-z0-9-]{0,31}$/;

/** `POST /api/sites/:siteId/dashboards`, and its rename (`PATCH`). */
export class DashboardNameDto {
  @ApiProperty({ example: 'Marketing', minLength: 1, maxLength: 100 })
  @NoNul()
  @Matches(/\S/, { message: NAME_RULE })
  @Length(1, 100, { message: NAME_RULE })
  @IsString({ message: '$property must be a string' })
  name!: string;
}

/** A saved report view: what a widget and a shared link to one view both store. */
export class SavedViewDto {
  @ApiProperty({
    example: 'overview',
    description: 'The report page: its key in the panel (`/sites/:id/<key>`)',
  })
  @Matches(REPORT_KEY, { message: '$property must be a report page key (a-z, 0-9 and -, at most 32)' })
  @IsString({ message: '$property must be a string' })
  reportKey!: string;

  @ApiProperty({
    example: 'period=30d&filter=country:DE&metric=pageviews',
    maxLength: 2048,
    description:
      "The page's query string as the panel writes it, without `?`: period (today, 7d, 30d, month, custom " +
      'with from and to), compare (previous, none), filter=dimension:value (repeated), metric, interval, and ' +
      "the page's own options (kept as they are)",
  })
  @NoNul()
  @Length(0, 2048, { message: '$property must be at most 2048 characters' })
  @IsString({ message: '$property must be a string' })
  query!: string;
}

/** `POST /api/sites/:siteId/dashboards/:dashboardId/widgets`: a view saved as a widget, placed last. */
export class CreateWidgetDto extends SavedViewDto {
  @ApiProperty({
    enum: WIDGET_KINDS,
    description:
      "metrics: the view's metric cards; chart: its time chart; breakdown: its breakdown by `dimension`; " +
      "funnel: a funnels view's funnel (its `step` and `window` options, at least 2 steps); link: a card that " +
      'opens the page',
  })
  @IsIn(WIDGET_KINDS, { message: `$property must be one of ${WIDGET_KINDS.join(', ')}` })
  kind!: WidgetKind;

  @ApiPropertyOptional({ enum: DIMENSION_NAMES, description: 'A breakdown widget’s dimension (only then)' })
  @ValidateIf((dto: CreateWidgetDto) => dto.kind === 'breakdown' || dto.dimension !== undefined)
  @IsIn(DIMENSION_NAMES, {
    message: `$property must be one of ${DIMENSION_NAMES.join(', ')} (a breakdown widget needs one)`,
  })
  dimension?: string;

  @ApiProperty({ type: 'integer', enum: WIDGET_WIDTHS, description: 'Columns of the grid it spans' })
  @IsIn(WIDGET_WIDTHS, { message: WIDTH_RULE })
  width!: number;
}

/** `PATCH …/widgets/:widgetId`: its width, its place (the others move up or down to make room), or both. */
export class UpdateWidgetDto {
  @ApiPropertyOptional({ type: 'integer', enum: WIDGET_WIDTHS })
  @IsOptional()
  @IsIn(WIDGET_WIDTHS, { message: WIDTH_RULE })
  width?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'Its new place from 0 (first); past the last place: last',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be an integer from 0' })
  @Min(0, { message: '$property must be an integer from 0' })
  @Max(1000, { message: '$property must be an integer from 0 to 1000' })
  position?: number;
}

/** `:siteId/dashboards/:dashboardId` in a route. */
export class DashboardIdParamDto extends SiteIdParamDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 2 })
  @IsRouteId()
  dashboardId!: number;
}

/** `:siteId/dashboards/:dashboardId/widgets/:widgetId` in a route. */
export class WidgetIdParamDto extends DashboardIdParamDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 5 })
  @IsRouteId()
  widgetId!: number;
}

export class WidgetResponse {
  @ApiProperty({ type: 'integer' })
  id!: number;

  @ApiProperty({ example: 'overview' })
  reportKey!: string;

  @ApiProperty({ example: 'period=30d' })
  query!: string;

  @ApiProperty({ enum: WIDGET_KINDS })
  kind!: WidgetKind;

  @ApiProperty({ type: 'string', nullable: true, enum: DIMENSION_NAMES })
  dimension!: string | null;

  @ApiProperty({ type: 'integer', enum: WIDGET_WIDTHS })
  width!: number;

  @ApiProperty({ type: 'integer', description: 'From 0, in the order the dashboard shows them' })
  position!: number;
}

export class DashboardResponse {
  @ApiProperty({ type: 'integer' })
  id!: number;

  @ApiProperty({ type: 'integer' })
  siteId!: number;

  @ApiProperty({ example: 'Marketing' })
  name!: string;

  @ApiProperty({ type: [WidgetResponse], description: 'In their order' })
  widgets!: WidgetResponse[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const toWidgetResponse = (widget: DashboardWidget): WidgetResponse => ({
  id: widget.id,
  reportKey: widget.reportKey,
  query: widget.query,
  kind: widget.kind,
  dimension: widget.dimension,
  width: widget.width,
  position: widget.position,
});

export const toDashboardResponse = (dashboard: Dashboard, widgets: DashboardWidget[]): DashboardResponse => ({
  id: dashboard.id,
  siteId: dashboard.siteId,
  name: dashboard.name,
  widgets: widgets.map(toWidgetResponse),
  createdAt: dashboard.createdAt.toISOString(),
});
