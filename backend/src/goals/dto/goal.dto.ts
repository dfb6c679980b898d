import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { NoNul } from '../../common/no-nul.js';
import { IsRouteId } from '../../common/route-id.js';
import { MAX_SITE_ID, SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import { GOAL_KINDS, type Goal, type GoalKind } from '../goal.entity.js';

const NAME_RULE = '$property must be 1 to 100 characters, not only spaces';
const MATCH_RULE = '$property must be 1 to 2048 characters';
const BOTH_RULE = 'propertyKey and propertyValue go together: both or neither';
const SCROLL_RULE = '$property must be an integer from 1 to 100';

/** `POST /api/sites/:siteId/goals`. Rules are checked from the bottom up, one at a time: a string first. */
export class CreateGoalDto {
  @ApiProperty({ example: 'Bought', minLength: 1, maxLength: 100 })
  @NoNul()
  @Matches(/\S/, { message: NAME_RULE })
  @Length(1, 100, { message: NAME_RULE })
  @IsString({ message: '$property must be a string' })
  name!: string;

  @ApiProperty({
    enum: GOAL_KINDS,
    description:
      'page: pageviews whose path matches `match`; event: events named `match`; scroll: a page whose path ' +
      'matches `match` scrolled at least `scrollDepth` percent down',
  })
  @IsIn(GOAL_KINDS, { message: `$property must be one of ${GOAL_KINDS.join(', ')}` })
  kind!: GoalKind;

  @ApiProperty({
    example: '/checkout/**/done',
    minLength: 1,
    maxLength: 2048,
    description:
      'A page or scroll goal: a wildcard path pattern, as the matches filter takes (* within a path segment, ** across). ' +
      'An event goal: the event name, exactly.',
  })
  @NoNul()
  @Length(1, 2048, { message: MATCH_RULE })
  @IsString({ message: '$property must be a string' })
  match!: string;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    example: 'plan',
    maxLength: 64,
    description: 'Only events carrying this custom property (with propertyValue); null or absent: any',
  })
  @ValidateIf((dto: CreateGoalDto) => dto.propertyKey != null || dto.propertyValue != null)
  @NoNul()
  @Length(1, 64, { message: `$property must be 1 to 64 characters (${BOTH_RULE})` })
  @IsString({ message: `$property must be a string (${BOTH_RULE})` })
  propertyKey?: string | null;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    example: 'pro',
    maxLength: 512,
    description: 'The value propertyKey must have, exactly',
  })
  @ValidateIf((dto: CreateGoalDto) => dto.propertyKey != null || dto.propertyValue != null)
  @NoNul()
  @Length(0, 512, { message: `$property must be at most 512 characters (${BOTH_RULE})` })
  @IsString({ message: `$property must be a string (${BOTH_RULE})` })
  propertyValue?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: 100,
    example: 75,
    description: 'A scroll goal (and only one): percent of the page a visit scrolled down to at least',
  })
  @ValidateIf((dto: CreateGoalDto) => dto.scrollDepth != null)
  @Max(100, { message: SCROLL_RULE })
  @Min(1, { message: SCROLL_RULE })
  @IsInt({ message: SCROLL_RULE })
  scrollDepth?: number | null;
}

/** `PATCH /api/sites/:siteId/goals/:goalId`: the fields to change, the result checked as a whole goal. */
export class UpdateGoalDto extends PartialType(CreateGoalDto) {}

/** `:siteId/goals/:goalId` in a route. */
export class GoalIdParamDto extends SiteIdParamDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_SITE_ID, example: 3 })
  @Max(MAX_SITE_ID, { message: `$property must be a positive integer (at most ${MAX_SITE_ID})` })
  @IsRouteId()
  goalId!: number;
}

export class GoalResponse {
  @ApiProperty({ type: 'integer', example: 3 })
  id!: number;

  @ApiProperty({ type: 'integer', example: 1 })
  siteId!: number;

  @ApiProperty({ example: 'Bought' })
  name!: string;

  @ApiProperty({ enum: GOAL_KINDS })
  kind!: GoalKind;

  @ApiProperty({ example: 'purchase' })
  match!: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'plan' })
  propertyKey!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: 'pro' })
  propertyValue!: string | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: null,
    description: 'A scroll goal’s percent; null for others',
  })
  scrollDepth!: number | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const toGoalResponse = (goal: Goal): GoalResponse => ({
  id: goal.id,
  siteId: goal.siteId,
  name: goal.name,
  kind: goal.kind,
  match: goal.match,
  propertyKey: goal.propertyKey,
  propertyValue: goal.propertyValue,
  scrollDepth: goal.scrollDepth,
  createdAt: goal.createdAt.toISOString(),
});
