import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ROLES, Role } from '../role.js';

const MAX_SITES = 10_000;
const SITE_IDS_RULE = '$property must be an array of positive integer site ids';

const IsRole = () => IsIn(ROLES, { message: `$property must be one of ${ROLES.join(', ')}` });

/** Sites a viewer or admin may see (owners see every site). */
const IsSiteIds = () =>
  applyDecorators(
    IsArray({ message: SITE_IDS_RULE }),
    ArrayMaxSize(MAX_SITES),
    IsInt({ each: true, message: SITE_IDS_RULE }),
    Min(1, { each: true, message: SITE_IDS_RULE }),
    Max(0xffff_ffff, { each: true, message: SITE_IDS_RULE }),
  );

export class CreateUserDto {
  @IsEmail({}, { message: '$property must be an email address' })
  email!: string;

  @IsRole()
  role!: Role;

  @IsOptional()
  @IsSiteIds()
  siteIds: number[] = [];
}

export class UpdateUserDto {
  @IsOptional()
  @IsRole()
  role?: Role;

  @IsOptional()
  @IsSiteIds()
  siteIds?: number[];
}

const toId = (value: unknown) =>
  typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;

/** `:userId` in a route. */
export class UserIdParamDto {
  @Transform(({ value }) => toId(value))
  @IsInt({ message: '$property must be a positive integer' })
  @Min(1, { message: '$property must be a positive integer' })
  userId!: number;
}
