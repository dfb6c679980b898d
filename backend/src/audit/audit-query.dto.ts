import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';

export class AuditQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be an integer from 1 to 500' })
  @Min(1, { message: '$property must be an integer from 1 to 500' })
  @Max(500, { message: '$property must be an integer from 1 to 500' })
  limit = 50;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'The id of the oldest entry already seen: the page before it',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be an audit entry id' })
  @Min(1, { message: '$property must be an audit entry id' })
  before?: number;
}
