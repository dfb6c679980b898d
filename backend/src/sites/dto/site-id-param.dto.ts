import { Transform } from 'class-transformer';
import { IsInt } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

const UINT32_MAX = 0xffff_ffff;

/** Plain digits naming a UInt32 above 0 (no `1e3`, `0x10`, `1.0` or `-1`); anything else becomes NaN and fails. */
const toSiteId = (value: unknown): number => {
  const id = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  return id >= 1 && id <= UINT32_MAX ? id : Number.NaN;
};

/** `:siteId` in a route. */
export class SiteIdParamDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  @Transform(({ value }) => toSiteId(value))
  @IsInt({ message: `$property must be a positive integer (at most ${UINT32_MAX})` })
  siteId!: number;
}
