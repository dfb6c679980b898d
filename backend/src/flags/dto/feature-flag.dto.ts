import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { FLAG_ATTRIBUTES, FLAG_OPERATORS, type FlagAttribute, type FlagOperator } from '@sluice/config';
import { NoNul } from '../../common/no-nul.js';
import { IsRouteId } from '../../common/route-id.js';
import { MAX_SITE_ID, SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import type { FeatureFlag } from '../feature-flag.entity.js';

/** What a page asks for: lower-case letters and digits, words joined by single hyphens or underscores. */
export const FLAG_KEY = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const KEY_RULE = '$property must be 1 to 64 lower-case letters and digits, words joined by - or _';

/** A flag's or a variant's key (FLAG_KEY, 1 to 64 characters), as the API description says and the pipe checks it. */
export const IsFlagKey = (example: string, description?: string) =>
  applyDecorators(
    ApiProperty({ example, minLength: 1, maxLength: 64, pattern: FLAG_KEY.source, description }),
    Matches(FLAG_KEY, { message: KEY_RULE }),
    Length(1, 64, { message: KEY_RULE }),
    IsString({ message: KEY_RULE }),
  );
/** Bounds on what the edge evaluates per request for a site (its work per flag is linear in these). */
export const MAX_VARIANTS = 10;
export const MAX_RULES = 10;
export const MAX_RULE_VALUES = 50;

export class FlagVariantDto {
  @IsFlagKey('one-step')
  key!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    example: 50,
    description: 'Percent; a flag’s weights sum to 100',
  })
  @Max(100, { message: '$property must be a whole percentage, 0 to 100' })
  @Min(0, { message: '$property must be a whole percentage, 0 to 100' })
  @IsInt({ message: '$property must be a whole percentage, 0 to 100' })
  weight!: number;
}

export class FlagRuleDto {
  @ApiProperty({
    enum: FLAG_ATTRIBUTES,
    description:
      "path: the page's path (values are wildcard patterns, * for any characters); country: ISO 3166-1 alpha-2 " +
      '(DE); device: desktop, mobile, tablet or bot; browser: a browser family as reports name it (Chrome, ' +
      'Mobile Safari); userId: present or absent (whether the page identified its user)',
  })
  @IsIn(FLAG_ATTRIBUTES, { message: `$property must be one of ${FLAG_ATTRIBUTES.join(', ')}` })
  attribute!: FlagAttribute;

  @ApiProperty({
    enum: FLAG_OPERATORS,
    description: 'in: the attribute is one of the values; not_in: none of them',
  })
  @IsIn(FLAG_OPERATORS, { message: `$property must be one of ${FLAG_OPERATORS.join(', ')}` })
  operator!: FlagOperator;

  @ApiProperty({ type: [String], minItems: 1, maxItems: MAX_RULE_VALUES, example: ['/pricing*'] })
  @NoNul()
  @Length(1, 256, { each: true, message: '$property must hold strings of 1 to 256 characters' })
  @IsString({ each: true, message: '$property must hold strings of 1 to 256 characters' })
  @ArrayMaxSize(MAX_RULE_VALUES, { message: `$property must hold 1 to ${MAX_RULE_VALUES} values` })
  @ArrayMinSize(1, { message: `$property must hold 1 to ${MAX_RULE_VALUES} values` })
  @IsArray({ message: `$property must hold 1 to ${MAX_RULE_VALUES} values` })
  values!: string[];
}

/** `POST /api/sites/:siteId/flags`. Rules are checked from the bottom up, one at a time. */
export class CreateFeatureFlagDto {
  @IsFlagKey('new-checkout')
  key!: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'One-step checkout against the current one', default: '' })
  @IsOptional()
  @NoNul()
  @Length(0, 500, { message: '$property must be at most 500 characters' })
  @IsString({ message: '$property must be a string' })
  description?: string;

  @ApiPropertyOptional({ default: false, description: 'Off: every visitor gets false' })
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  enabled?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    default: 100,
    description:
      'Percent of the visitors the rules let through who get the flag (by a stable hash of their id)',
  })
  @IsOptional()
  @Max(100, { message: '$property must be a whole percentage, 0 to 100' })
  @Min(0, { message: '$property must be a whole percentage, 0 to 100' })
  @IsInt({ message: '$property must be a whole percentage, 0 to 100' })
  rollout?: number;

  @ApiPropertyOptional({
    type: [FlagVariantDto],
    maxItems: MAX_VARIANTS,
    description:
      'None: a boolean flag (true when on). Else 2 or more, with distinct keys and weights summing to 100',
  })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => FlagVariantDto)
  @ArrayMaxSize(MAX_VARIANTS, { message: `$property must hold at most ${MAX_VARIANTS} variants` })
  @IsArray({ message: '$property must be a list' })
  variants?: FlagVariantDto[];

  @ApiPropertyOptional({
    type: [FlagRuleDto],
    maxItems: MAX_RULES,
    description: 'Every rule must hold for a visitor to get the flag; none: everyone',
  })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => FlagRuleDto)
  @ArrayMaxSize(MAX_RULES, { message: `$property must hold at most ${MAX_RULES} rules` })
  @IsArray({ message: '$property must be a list' })
  rules?: FlagRuleDto[];
}

/** `PATCH /api/sites/:siteId/flags/:flagId`: the fields to change, the result checked as a whole flag. */
export class UpdateFeatureFlagDto extends PartialType(CreateFeatureFlagDto) {}

/** `:siteId/flags/:flagId` in a route. */
export class FlagIdParamDto extends SiteIdParamDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_SITE_ID, example: 3 })
  @Max(MAX_SITE_ID, { message: `$property must be a positive integer (at most ${MAX_SITE_ID})` })
  @IsRouteId()
  flagId!: number;
}

export class FeatureFlagResponse {
  @ApiProperty({ type: 'integer', example: 3 })
  id!: number;

  @ApiProperty({ type: 'integer', example: 1 })
  siteId!: number;

  @ApiProperty({ example: 'new-checkout' })
  key!: string;

  @ApiProperty({ example: 'One-step checkout against the current one' })
  description!: string;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  rollout!: number;

  @ApiProperty({ type: [FlagVariantDto] })
  variants!: FlagVariantDto[];

  @ApiProperty({ type: [FlagRuleDto] })
  rules!: FlagRuleDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const toFeatureFlagResponse = (flag: FeatureFlag): FeatureFlagResponse => ({
  id: flag.id,
  siteId: flag.siteId,
  key: flag.key,
  description: flag.description,
  enabled: flag.enabled,
  rollout: flag.rollout,
  variants: flag.variants,
  rules: flag.rules,
  createdAt: flag.createdAt.toISOString(),
});
