import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_FUNNEL_STEPS } from '@sluice/config';
import { FUNNEL_OUTCOMES, type FunnelOutcome } from '../../query/funnel.js';
import { FunnelQueryDto } from './funnel-query.dto.js';

export const MAX_FUNNEL_VISITORS = 100;
const STEP_RULE = `$property must be an integer from 1 to ${MAX_FUNNEL_STEPS}, a step of the funnel`;
const LIMIT_RULE = `$property must be an integer from 1 to ${MAX_FUNNEL_VISITORS}`;

/**
 * `GET /api/sites/:siteId/funnel/visitors`: the funnel's own parameters (no breakdown, comparison or
 * CSV), and whose list: a step's, all who reached it or those who went no further.
 */
export class FunnelVisitorsQueryDto extends OmitType(FunnelQueryDto, [
  'dimension',
  'limit',
  'format',
  'compareFrom',
  'compareTo',
  'goal',
] as const) {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_FUNNEL_STEPS, description: 'The step, from 1' })
  @Type(() => Number)
  @IsInt({ message: STEP_RULE })
  @Min(1, { message: STEP_RULE })
  @Max(MAX_FUNNEL_STEPS, { message: STEP_RULE })
  step!: number;

  @ApiProperty({
    enum: FUNNEL_OUTCOMES,
    description:
      'reached: every visitor who reached the step; dropped: those who reached it and not the next (not on the last step)',
  })
  @IsIn(FUNNEL_OUTCOMES, { message: `$property must be one of ${FUNNEL_OUTCOMES.join(', ')}` })
  outcome!: FunnelOutcome;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_FUNNEL_VISITORS,
    default: MAX_FUNNEL_VISITORS,
    description: 'At most this many visitors, the most recent entrants first',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_RULE })
  @Min(1, { message: LIMIT_RULE })
  @Max(MAX_FUNNEL_VISITORS, { message: LIMIT_RULE })
  limit?: number;
}
