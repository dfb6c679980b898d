import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { NoNul } from '../../common/no-nul.js';
import { IsRouteId } from '../../common/route-id.js';

const NAME_RULE = '$property must be 1 to 100 characters, not only spaces';

/** `POST /api/api-keys`. */
export class CreateApiKeyDto {
  @ApiProperty({
    example: 'Grafana dashboard',
    minLength: 1,
    maxLength: 100,
    description: 'What the key is for, to recognise it in the list',
  })
  // Checked from the bottom up, one rule at a time: a string first. PostgreSQL's text holds no NUL.
  @NoNul()
  @Matches(/\S/, { message: NAME_RULE })
  @Length(1, 100, { message: NAME_RULE })
  @IsString({ message: '$property must be a string' })
  name!: string;
}

/** A key as it is listed: never the key itself. */
export class ApiKeyResponse {
  @ApiProperty({ type: 'integer', example: 4 })
  id!: number;

  @ApiProperty({ type: 'integer', example: 2, description: 'The user whose sites the key reads' })
  userId!: number;

  @ApiProperty({ example: 'Grafana dashboard' })
  name!: string;

  @ApiProperty({
    example: 'slk_Zm9vYmFy',
    description: 'The first 12 characters of the key, to tell keys apart',
  })
  prefix!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'The last request it made (counted against its budget); null: never used',
  })
  lastUsedAt!: string | null;
}

/** A new key: the only answer that holds the key itself. */
export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({
    example: 'slk_Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx',
    description:
      'The key, shown this once (only its hash is stored): send it as "Authorization: Bearer <key>" to the report routes',
  })
  key!: string;
}

/** `:keyId` in a route. */
export class ApiKeyIdParamDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 4 })
  @IsRouteId()
  keyId!: number;
}
