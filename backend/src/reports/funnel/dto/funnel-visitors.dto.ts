import { ApiProperty } from '@nestjs/swagger';
import { FUNNEL_OUTCOMES, type FunnelOutcome } from '../../query/funnel.js';
import { ReportRangeDto } from '../../dto/report.dto.js';

/** One visitor of a funnel's step, as the event they entered by tells of them. */
export class FunnelVisitorDto {
  @ApiProperty({ description: 'The visitor’s id (the events’ visitor_id): the events explorer’s `visitor=`' })
  visitorId!: string;
  @ApiProperty({ description: 'The visit they entered in (session_id): the events explorer’s `session=`' })
  sessionId!: string;
  @ApiProperty({ description: 'The signed-in user’s id the site sent, empty if none' }) userId!: string;
  @ApiProperty({ description: 'Country code of the entry, empty if unknown' }) country!: string;
  @ApiProperty({ description: 'Device class of the entry' }) device!: string;
  @ApiProperty({ description: 'Browser of the entry' }) browser!: string;
  @ApiProperty({ format: 'date-time', description: 'When they entered the funnel (step 1), UTC' })
  enteredAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When they reached the step, UTC' }) reachedAt!: string;
}

export class FunnelVisitorsDto extends ReportRangeDto {
  @ApiProperty({ type: 'integer' }) step!: number;
  @ApiProperty({ enum: FUNNEL_OUTCOMES }) outcome!: FunnelOutcome;
  @ApiProperty({
    type: [FunnelVisitorDto],
    description:
      'The most recent entrants first, at most `limit` of them (the funnel report counts them all)',
  })
  visitors!: FunnelVisitorDto[];
}
