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

  @ApiProperty({ description: 'The tag to paste into every page of the site' })
  snippet!: string;
}
