import { Transform } from 'class-transformer';
import { IsInt, Matches } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

/**
 * The largest site id: the metadata database's integer column (PostgreSQL's is 32-bit signed) mints the
 * ids, so a larger one can't exist, and asking PostgreSQL for it would fail rather than find nothing.
 */
export const MAX_SITE_ID = 2_147_483_647;

/** Plain digits naming a site id above 0 (no `1e3`, `0x10`, `1.0` or `-1`); anything else becomes NaN and fails. */
const toSiteId = (value: unknown): number => {
  const id = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  return id >= 1 && id <= MAX_SITE_ID ? id : Number.NaN;
};

/** `:siteId` in a route. */
export class SiteIdParamDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_SITE_ID, example: 1 })
  @Transform(({ value }) => toSiteId(value))
  @IsInt({ message: `$property must be a positive integer (at most ${MAX_SITE_ID})` })
  siteId!: number;
}

/** `:siteId` and `:secretId`, a signing secret's id (12 hexadecimal digits). */
export class SigningSecretParamDto extends SiteIdParamDto {
  @ApiProperty({ example: '3f9a1c07b2e4', pattern: '^[0-9a-f]{12}$' })
  @Matches(/^[0-9a-f]{12}$/, { message: '$property must be 12 hexadecimal digits (a signing secret id)' })
  secretId!: string;
}
