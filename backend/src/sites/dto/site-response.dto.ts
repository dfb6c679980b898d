import { ApiProperty } from '@nestjs/swagger';
import { BOT_POLICIES, PRIVACY_MODES, type BotPolicy, type PrivacyMode } from '@sluice/config';
import type { SiteResponse } from '../site.js';

/** A site as the API answers it, for the OpenAPI description (the panel's types are generated from it). */
export class SiteResponseDto implements SiteResponse {
  @ApiProperty({ type: 'integer', example: 1 })
  id!: number;

  @ApiProperty({ example: 'Shop' })
  name!: string;

  @ApiProperty({ example: 'shop.example.com' })
  domain!: string;

  @ApiProperty({ description: 'The public key the tracker snippet sends' })
  siteKey!: string;

  @ApiProperty({
    description: 'IANA time zone; report dates are days in this zone',
    example: 'Europe/Berlin',
  })
  timezone!: string;

  @ApiProperty({
    type: [String],
    description: 'Page origins whose events the edge accepts; empty accepts any',
  })
  allowedOrigins!: string[];

  @ApiProperty({
    type: [String],
    description: 'Client addresses and CIDR ranges whose events the edge drops unseen; empty blocks none',
  })
  blockedAddresses!: string[];

  @ApiProperty({
    type: [String],
    description:
      "Countries (ISO 3166-1 alpha-2) whose visitors' events the edge drops unseen; empty blocks none",
  })
  blockedCountries!: string[];

  @ApiProperty({
    type: [String],
    description:
      'Page paths (wildcards: `*` within a segment, `**` across) whose events the edge drops unseen',
  })
  blockedPages!: string[];

  @ApiProperty({ enum: PRIVACY_MODES })
  privacyMode!: PrivacyMode;

  @ApiProperty({ enum: BOT_POLICIES })
  botPolicy!: BotPolicy;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: "Months of data kept; null: the server's setting",
  })
  retentionMonths!: number | null;

  @ApiProperty({
    type: [String],
    example: ['3f9a1c07b2e4'],
    description:
      "The ids of the secrets the site's servers sign event batches with (at most two); a secret itself is " +
      'answered once, when it is made',
  })
  signingSecretIds!: string[];

  @ApiProperty({ description: 'The tag to paste into every page of the site' })
  snippet!: string;
}

/** A new signing secret, answered this once, and the site with it. */
export class NewSigningSecretDto {
  @ApiProperty({ description: 'Sign event batches with it (HMAC-SHA256): it is not shown again' })
  secret!: string;

  @ApiProperty({ example: '3f9a1c07b2e4', description: 'Its id, to revoke it by' })
  id!: string;

  @ApiProperty({ type: SiteResponseDto })
  site!: SiteResponseDto;
}
