import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { BreakdownReportDto, OverviewReportDto, TimeseriesReportDto } from '../../reports/dto/report.dto.js';
import { FunnelReportDto } from '../../reports/funnel/dto/funnel.dto.js';
import { PathsReportDto } from '../../reports/paths/dto/paths-report.dto.js';
import { RetentionReportDto } from '../../reports/retention/dto/retention.dto.js';
import { ReportRequestDto } from './report-request.dto.js';

/** The longest question taken: a question, not a document (it is quoted into the prompt whole). */
export const MAX_QUESTION_LENGTH = 500;

/** `POST /api/sites/:siteId/questions`. */
export class AskQuestionDto {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_QUESTION_LENGTH,
    example: 'Which countries visited /pricing last week?',
  })
  @IsString()
  @MinLength(1, { message: '$property must not be empty' })
  @MaxLength(MAX_QUESTION_LENGTH, { message: `$property must be at most ${MAX_QUESTION_LENGTH} characters` })
  question!: string;
}

/**
 * How a question ended: `answered` (a report), `cannot_answer` (the model said so, or its answer failed
 * validation twice: never a guess), `no_provider` (none configured: an owner sets one up), or
 * `provider_failed` (the provider was unreachable, refused or timed out: try again later).
 */
export const QUESTION_OUTCOMES = ['answered', 'cannot_answer', 'no_provider', 'provider_failed'] as const;
export type QuestionOutcome = (typeof QUESTION_OUTCOMES)[number];

/** The report's answer, under the report kind's name: exactly one is set. */
export class ReportResultDto {
  @ApiPropertyOptional({ type: OverviewReportDto })
  overview?: OverviewReportDto;

  @ApiPropertyOptional({ type: TimeseriesReportDto })
  timeseries?: TimeseriesReportDto;

  @ApiPropertyOptional({ type: BreakdownReportDto })
  breakdown?: BreakdownReportDto;

  @ApiPropertyOptional({ type: FunnelReportDto })
  funnel?: FunnelReportDto;

  @ApiPropertyOptional({ type: RetentionReportDto })
  retention?: RetentionReportDto;

  @ApiPropertyOptional({ type: PathsReportDto })
  paths?: PathsReportDto;
}

export class QuestionAnswerDto {
  @ApiProperty()
  question!: string;

  @ApiProperty({ enum: QUESTION_OUTCOMES })
  outcome!: QuestionOutcome;

  @ApiProperty({
    description:
      'For the reader: the query in words when answered ("Visitors by country, last 7 days, where page is ' +
      '/pricing"), else what happened and what to do',
  })
  message!: string;

  @ApiProperty({
    type: ReportRequestDto,
    nullable: true,
    description: 'The report query object the question was answered with, its range resolved to days',
  })
  query!: ReportRequestDto | null;

  @ApiProperty({ type: ReportResultDto, nullable: true })
  result!: ReportResultDto | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'cannot_answer: why, as the model said it or the validation that failed',
  })
  reason!: string | null;

  @ApiProperty({
    type: [String],
    description: 'cannot_answer: questions this data can answer, from the report schema',
  })
  suggestions!: string[];
}
