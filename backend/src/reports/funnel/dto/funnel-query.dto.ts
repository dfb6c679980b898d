import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import {
  DEFAULT_FUNNEL_WINDOW_SECONDS,
  DIMENSION_NAMES,
  MAX_FUNNEL_STEPS,
  MAX_FUNNEL_WINDOW_SECONDS,
  MIN_FUNNEL_STEPS,
} from '@sluice/config';
import { ReportQueryDto } from '../../dto/report-query.dto.js';

const WINDOW_RULE = `$property must be an integer number of seconds from 1 to ${MAX_FUNNEL_WINDOW_SECONDS} (7 days)`;
export const MAX_FUNNEL_VALUES = 100;
const LIMIT_RULE = `$property must be an integer from 1 to ${MAX_FUNNEL_VALUES}`;

/** `GET /api/sites/:siteId/funnel`: the range and filters choose who enters; the steps, who goes on. */
export class FunnelQueryDto extends ReportQueryDto {
  @ApiProperty({
    description:
      `A JSON list of ${MIN_FUNNEL_STEPS} to ${MAX_FUNNEL_STEPS} steps, in order, each in the goals' shape: ` +
      '{"kind":"page","match":"/docs/**"} (a pageview whose path matches the wildcard pattern, as the matches ' +
      'filter), {"kind":"event","match":"signup"} (an event of that name), either with "propertyKey" and ' +
      '"propertyValue" (the event carries that property with that value), or {"kind":"action","match":"<16 hex ' +
      'digits>"} (an autocaptured element by its fingerprint, el_fingerprint)',
    example: '[{"kind":"page","match":"/pricing"},{"kind":"event","match":"signup"}]',
  })
  @IsString({ message: '$property must be a JSON list of steps' })
  steps!: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_FUNNEL_WINDOW_SECONDS,
    default: DEFAULT_FUNNEL_WINDOW_SECONDS,
    description:
      'Seconds from a visitor’s first step within which every later step must come (at most 7 days)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: WINDOW_RULE })
  @Min(1, { message: WINDOW_RULE })
  @Max(MAX_FUNNEL_WINDOW_SECONDS, { message: WINDOW_RULE })
  window?: number;

  @ApiPropertyOptional({
    enum: DIMENSION_NAMES,
    description:
      'Break the funnel down by a dimension: a visit dimension’s value of the visit the visitor entered in, an ' +
      'event dimension’s value of the entering (first step’s) event; the top values by entrants',
  })
  @IsOptional()
  @IsString({ message: `$property must be one of ${DIMENSION_NAMES.join(', ')}` })
  dimension?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_FUNNEL_VALUES, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_RULE })
  @Min(1, { message: LIMIT_RULE })
  @Max(MAX_FUNNEL_VALUES, { message: LIMIT_RULE })
  limit?: number;
}
