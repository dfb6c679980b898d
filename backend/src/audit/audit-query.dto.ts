import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class AuditQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be an integer from 1 to 500' })
  @Min(1, { message: '$property must be an integer from 1 to 500' })
  @Max(500, { message: '$property must be an integer from 1 to 500' })
  limit = 50;

  /** The id of the oldest entry already seen. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be an audit entry id' })
  @Min(1, { message: '$property must be an audit entry id' })
  before?: number;
}
