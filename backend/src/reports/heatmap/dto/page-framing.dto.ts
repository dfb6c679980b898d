import { ApiProperty } from '@nestjs/swagger';
import { FRAMING_VERDICTS, type FramingVerdict } from '../page-framing.js';

/** `GET /api/sites/:siteId/heatmap/framing`. */
export class PageFramingDto {
  @ApiProperty({
    type: 'string',
    nullable: true,
    description:
      "The page's address: the site's first allowed origin (else https:// and its domain) and the path; null for a pattern",
    example: 'https://shop.example.com/pricing',
  })
  url!: string | null;

  @ApiProperty({ description: 'Whether the panel may show the page in a frame' })
  framable!: boolean;

  @ApiProperty({
    enum: FRAMING_VERDICTS,
    description:
      'framable; or why not: pattern (no one page), x_frame_options (the page sends X-Frame-Options), frame_ancestors (its Content-Security-Policy does not name the panel), redirect (it answered a redirect), unavailable (not a 2xx), unreachable (no answer within 3 s)',
  })
  reason!: FramingVerdict;
}
