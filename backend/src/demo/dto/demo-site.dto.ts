import { ApiProperty } from '@nestjs/swagger';
import { DEMO_SITE } from '@sluice/config';
import { IsInt, Max, Min } from 'class-validator';
import type { DemoSiteStatus } from '../demo-site-status.js';

export const DEMO_EVENTS = { min: 1_000, max: 2_000_000 } as const;

export class CreateDemoSiteDto {
  @ApiProperty({
    type: 'integer',
    minimum: DEMO_EVENTS.min,
    maximum: DEMO_EVENTS.max,
    example: DEMO_SITE.events,
    description: `Events over the ${DEMO_SITE.days} days, about 7 a visit (a busier or quieter shop)`,
  })
  @Max(DEMO_EVENTS.max, { message: `$property must be at most ${DEMO_EVENTS.max}` })
  @Min(DEMO_EVENTS.min, { message: `$property must be at least ${DEMO_EVENTS.min}` })
  @IsInt({ message: '$property must be a whole number' })
  events!: number;
}

export class DemoSiteStatusDto implements DemoSiteStatus {
  @ApiProperty({ type: 'integer', example: 2 })
  siteId!: number;

  @ApiProperty({
    enum: ['writing', 'finalizing', 'ready', 'failed'],
    description:
      'writing: its rows go into ClickHouse; finalizing: the finalized days are written again with them; ready; failed',
  })
  stage!: DemoSiteStatus['stage'];

  @ApiProperty({ type: 'integer', description: `Rows to write: the ${DEMO_SITE.days} days up to now` })
  rows!: number;

  @ApiProperty({ type: 'integer' })
  rowsWritten!: number;

  @ApiProperty({
    example: '2026-12-02T05:30:00.000Z',
    description: 'When its two months end: its live traffic goes on from there, a few visits a minute',
  })
  until!: string;

  @ApiProperty({ type: 'string', nullable: true, description: 'Why it failed' })
  error!: string | null;
}
