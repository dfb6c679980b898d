import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsEmail, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsOneOf } from '../../common/is-one-of.js';
import { IsRouteId } from '../../common/route-id.js';
import { MAX_SITE_ID } from '../../sites/dto/site-id-param.dto.js';
import { ROLES, Role } from '../role.js';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';

const MAX_SITES = 10_000;
const SITE_IDS_RULE = '$property must be an array of positive integer site ids';

/** Sites a viewer or admin may see (owners see every site). */
const IsSiteIds = () =>
  applyDecorators(
    IsArray({ message: SITE_IDS_RULE }),
    ArrayMaxSize(MAX_SITES),
    IsInt({ each: true, message: SITE_IDS_RULE }),
    Min(1, { each: true, message: SITE_IDS_RULE }),
    Max(MAX_SITE_ID, { each: true, message: SITE_IDS_RULE }),
  );

export class CreateUserDto {
  @ApiProperty({ example: 'ann@shop.example', description: 'The login; stored lower-cased' })
  @IsEmail({}, { message: '$property must be an email address' })
  email!: string;

  @ApiProperty({
    enum: ROLES,
    description: 'owner: everything; admin: adds and changes its sites; viewer: reads its sites',
  })
  @IsOneOf(ROLES)
  role!: Role;

  @ApiPropertyOptional({
    type: [Number],
    description: 'The sites an admin or viewer may see (owners see all)',
  })
  // No default here: UpdateUserDto inherits initializers, and a change of role alone cleared the sites.
  @IsOptional()
  @IsSiteIds()
  siteIds?: number[];
}

/** A new role, or a new set of sites; what is left out stays. */
export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['email'] as const)) {}

/** `:userId` in a route. */
export class UserIdParamDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 2 })
  @IsRouteId()
  userId!: number;
}
