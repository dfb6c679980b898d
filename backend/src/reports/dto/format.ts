import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/**
 * How a report or the events answer: JSON, or CSV as a file. A query parameter rather than
 * `Accept: text/csv`: a plain link (the panel's download button, a spreadsheet's "from web", curl)
 * can set it, it shows in logs and in the OpenAPI description, and a proxy can't rewrite it.
 */
export const FORMATS = ['json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export const FormatProperty = () =>
  applyDecorators(
    ApiPropertyOptional({
      enum: FORMATS,
      default: 'json',
      description:
        "csv: the report as a file (text/csv, streamed, a header line, text cells starting with = + - @ prefixed with ')",
    }),
    IsOptional(),
    IsIn(FORMATS, { message: `$property must be one of ${FORMATS.join(', ')}` }),
  );
