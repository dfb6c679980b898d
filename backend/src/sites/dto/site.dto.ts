import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  BOT_POLICIES,
  MAX_BLOCKED_ADDRESSES,
  MAX_BLOCKED_PAGES,
  MAX_BLOCKED_PAGE_LENGTH,
  PRIVACY_MODES,
  type BotPolicy,
  type PrivacyMode,
} from '@sluice/config';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { isAddressRange } from '../../common/address-range.js';
import { canonicalTimeZone, isTimeZone } from '../../common/calendar.js';
import { IsOneOf } from '../../common/is-one-of.js';
import { NoNul } from '../../common/no-nul.js';
import { DOMAIN } from '../../config/app-config.js';
import { SITE_DEFAULTS } from '../site.js';

const MAX_ORIGINS = 50;
/** ISO 3166-1 assigns 249 codes. */
const MAX_COUNTRIES = 249;
const COUNTRIES_RULE = `$property must be a list of at most ${MAX_COUNTRIES} upper-case two-letter country codes such as CN`;
const PAGES_RULE =
  `$property must be a list of at most ${MAX_BLOCKED_PAGES} page paths starting with /, each at most ` +
  `${MAX_BLOCKED_PAGE_LENGTH} characters without spaces, such as /admin/**`;
const MAX_RETENTION_MONTHS = 1200;

/**
 * A page pattern as browsers send a page's path, so that `/über-uns` blocks what the edge receives: every character
 * beyond ASCII percent-encoded in UTF-8 (`/%C3%BCber-uns`), the rest as typed. A lone surrogate, which no path
 * holds, stays as it is.
 */
function asSentPath(pattern: unknown): unknown {
  if (typeof pattern !== 'string') return pattern;
  return pattern.replace(/[\u0080-\u{10ffff}]/gu, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      return char;
    }
  });
}

const isOrigin = (value: unknown) =>
  typeof value === 'string' &&
  URL.canParse(value) &&
  new URL(value).origin === value &&
  /^https?:/.test(value);

const IsName = () =>
  applyDecorators(
    IsString({ message: '$property must be a string' }),
    Length(1, 200, { message: '$property must be 1 to 200 characters' }),
    NoNul(),
  );
const IsDomain = () =>
  Matches(DOMAIN, { message: '$property must be a lower-case host name such as shop.example.com' });
const IsTimeZoneName = () =>
  ValidateBy({
    name: 'isTimeZone',
    validator: {
      validate: isTimeZone,
      defaultMessage: () => '$property must be an IANA time zone such as Europe/Berlin',
    },
  });
const IsOrigins = () =>
  applyDecorators(
    IsArray({ message: '$property must be an array of origins' }),
    ArrayMaxSize(MAX_ORIGINS, { message: `$property holds at most ${MAX_ORIGINS} origins` }),
    ValidateBy(
      {
        name: 'isOrigin',
        validator: {
          validate: isOrigin,
          defaultMessage: () => '$property must hold origins such as https://shop.example.com (no path)',
        },
      },
      { each: true },
    ),
  );
const IsAddressRanges = () =>
  applyDecorators(
    IsArray({ message: '$property must be an array of addresses' }),
    ArrayMaxSize(MAX_BLOCKED_ADDRESSES, {
      message: `$property holds at most ${MAX_BLOCKED_ADDRESSES} addresses`,
    }),
    ValidateBy(
      {
        name: 'isAddressRange',
        validator: {
          validate: isAddressRange,
          defaultMessage: () =>
            '$property must hold IPv4 or IPv6 addresses, or ranges such as 198.51.100.0/24 or 2001:db8::/32',
        },
      },
      { each: true },
    ),
  );
/** `null`: the server's retention (RETENTION_MONTHS). */
const RETENTION_RULE = `$property must be a whole number of months from 1 to ${MAX_RETENTION_MONTHS}, or null`;
const IsRetention = () =>
  applyDecorators(
    IsInt({ message: RETENTION_RULE }),
    Min(1, { message: RETENTION_RULE }),
    Max(MAX_RETENTION_MONTHS, { message: RETENTION_RULE }),
  );

export class CreateSiteDto {
  @ApiProperty({ example: 'Shop', maxLength: 200 })
  @IsName()
  name!: string;

  @ApiProperty({ example: 'shop.example.com' })
  @IsDomain()
  domain!: string;

  @ApiPropertyOptional({
    example: 'Europe/Berlin',
    default: SITE_DEFAULTS.timezone,
    description: 'Reports count days in it',
  })
  @IsOptional()
  // Stored as ClickHouse will read it: an unknown name stays as typed, for the 400 to name it.
  @Transform(({ value }: { value: unknown }) => canonicalTimeZone(value) ?? value)
  @IsTimeZoneName()
  timezone?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['https://shop.example.com'],
    description: 'Page origins whose events the edge accepts; empty accepts any',
  })
  @IsOptional()
  @IsOrigins()
  allowedOrigins?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['198.51.100.0/24', '2001:db8::7'],
    description:
      'Client addresses, or ranges in CIDR notation, IPv4 or IPv6, whose events the edge drops unseen ' +
      `(an office, a monitor); empty blocks none. At most ${MAX_BLOCKED_ADDRESSES}`,
  })
  @IsOptional()
  @IsAddressRanges()
  blockedAddresses?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['CN'],
    description:
      "Countries, as upper-case ISO 3166-1 alpha-2 codes, whose visitors' events the edge drops unseen (by the " +
      'geo database’s country of their address); empty blocks none',
  })
  @IsOptional()
  @IsArray({ message: COUNTRIES_RULE })
  @ArrayMaxSize(MAX_COUNTRIES, { message: COUNTRIES_RULE })
  @Matches(/^[A-Z]{2}$/, { each: true, message: COUNTRIES_RULE })
  blockedCountries?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['/admin/**', '/preview/*'],
    description:
      'Page paths whose events the edge drops unseen (an admin area, previews), with the reports’ wildcards: ' +
      `\`*\` within a path segment, \`**\` across; characters beyond ASCII are stored percent-encoded, as ` +
      `browsers send them; empty blocks none. At most ${MAX_BLOCKED_PAGES}`,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(asSentPath) : value))
  @IsArray({ message: PAGES_RULE })
  @ArrayMaxSize(MAX_BLOCKED_PAGES, { message: PAGES_RULE })
  @Matches(new RegExp(`^/[^\\s\\u0000-\\u001f\\u007f]{0,${MAX_BLOCKED_PAGE_LENGTH - 1}}$`), {
    each: true,
    message: PAGES_RULE,
  })
  blockedPages?: string[];

  @ApiPropertyOptional({ enum: PRIVACY_MODES, default: SITE_DEFAULTS.privacyMode })
  @IsOptional()
  @IsOneOf(PRIVACY_MODES)
  privacyMode?: PrivacyMode;

  @ApiPropertyOptional({
    enum: BOT_POLICIES,
    default: SITE_DEFAULTS.botPolicy,
    description: 'flag: keep bots, marked; drop: refuse them',
  })
  @IsOptional()
  @IsOneOf(BOT_POLICIES)
  botPolicy?: BotPolicy;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: MAX_RETENTION_MONTHS,
    description: 'Months of data kept; null: the server’s RETENTION_MONTHS',
  })
  @IsOptional()
  @IsRetention()
  retentionMonths?: number | null;
}

/** Any of a site's settings; what is left out stays. */
export class UpdateSiteDto extends PartialType(CreateSiteDto) {}

/** `DELETE /api/sites/:siteId?confirm=<the site's domain>`. */
export class DeleteSiteQueryDto {
  @ApiProperty({
    description: 'The site’s domain, repeated: deleting removes all of its data',
    example: 'shop.example.com',
  })
  @IsString({ message: "$property must repeat the site's domain" })
  confirm!: string;
}
