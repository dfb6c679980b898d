import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const RULE = '$property must be an integer from 1 to 1000';
const DEFAULT_ROWS = 100;

/** `limit`: a report's rows at most, 1 to 1,000, DEFAULT_ROWS by default. */
export const RowsLimitProperty = (description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: DEFAULT_ROWS, description }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: RULE }),
    Min(1, { message: RULE }),
    Max(1000, { message: RULE }),
  );

/** The rows a request's `limit` asks for: its own, or the default the description states. */
export const rowsLimit = ({ limit }: { limit?: number }): number => limit ?? DEFAULT_ROWS;
