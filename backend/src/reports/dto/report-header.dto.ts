import { ApiProperty } from '@nestjs/swagger';

/** What every report kind's answer starts with. */
export class ReportHeaderDto {
  @ApiProperty({ type: 'integer' }) siteId!: number;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ description: "The site's time zone, which the days are in", example: 'Asia/Kolkata' })
  timezone!: string;
}
