import { ApiProperty } from '@nestjs/swagger';
import { ReportRangeDto } from '../../dto/report.dto.js';

/** One value of the flag: who it was read for, and who of them converted after. */
export class ExperimentVariantDto {
  @ApiProperty({
    description: "The flag's value as pages read it: a variant's key, or true / false without variants",
  })
  variant!: string;
  @ApiProperty({
    type: 'integer',
    description: 'Visitors the flag was read for in the range, each under the value of their first read',
  })
  visitors!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Of them, those who completed the goal at or after that first read',
  })
  conversions!: number;
  @ApiProperty({ description: 'conversions of visitors, in percent to two decimals; 0 of none' })
  conversionRate!: number;
}

export class ExperimentReportDto extends ReportRangeDto {
  @ApiProperty({ example: 'new-checkout' }) flag!: string;
  @ApiProperty({ type: 'integer', description: 'The goal the values are compared by' }) goal!: number;
  @ApiProperty({
    type: [ExperimentVariantDto],
    description: 'One row per value read in the range, by value',
  })
  variants!: ExperimentVariantDto[];
}
