import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const RULE = '$property must be an integer from 1 to 1000';

/** `limit`: a report's rows at most, 1 to 1,000, 100 by default. */
export const RowsLimitProperty = (description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100, description }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: RULE }),
    Min(1, { message: RULE }),
    Max(1000, { message: RULE }),
  );
