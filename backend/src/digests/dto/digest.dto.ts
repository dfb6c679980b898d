import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

/** `PUT /api/sites/:siteId/digest`. */
export class DigestSettingDto {
  @ApiProperty({ description: 'true: send me this site’s weekly digest' })
  @IsBoolean({ message: '$property must be true or false' })
  subscribed!: boolean;
}

export class DigestSettingResponse {
  @ApiProperty({ description: 'Whether the signed-in user gets this site’s weekly digest' })
  subscribed!: boolean;
  @ApiProperty({
    description: 'Whether an SMTP server is configured: without one, digests can’t be turned on',
  })
  available!: boolean;
}
