import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';
import { NoNul } from '../../common/no-nul.js';
import { SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import { NAME_SOURCES, type NameSource } from '../element-context.js';

const FINGERPRINT = /^[0-9a-f]{16}$/;
const FINGERPRINT_RULE = 'must be an element fingerprint (16 hex digits)';
export const MAX_RERUN = 50;

/** `:siteId/actions/:fingerprint` in a route. */
export class ActionParamDto extends SiteIdParamDto {
  @ApiProperty({ example: '3f2b8c1e9a4d4c7b', pattern: FINGERPRINT.source })
  @Matches(FINGERPRINT, { message: `$property ${FINGERPRINT_RULE}` })
  @IsString({ message: `$property ${FINGERPRINT_RULE}` })
  fingerprint!: string;
}

/** `PUT /api/sites/:siteId/actions/:fingerprint/name`: a person's name, locked against the worker. */
export class ActionNameDto {
  @ApiProperty({ example: 'Placed order', minLength: 1, maxLength: 100 })
  @NoNul()
  @Matches(/\S/, { message: '$property must be 1 to 100 characters, not only spaces' })
  @Length(1, 100, { message: '$property must be 1 to 100 characters, not only spaces' })
  @IsString({ message: '$property must be a string' })
  name!: string;
}

/** `POST /api/sites/:siteId/actions/rename`: the elements to name again. */
export class RerunNamingDto {
  @ApiProperty({ type: [String], example: ['3f2b8c1e9a4d4c7b'], minItems: 1, maxItems: MAX_RERUN })
  @Matches(FINGERPRINT, { each: true, message: `$property ${FINGERPRINT_RULE}, each` })
  @IsString({ each: true, message: `$property ${FINGERPRINT_RULE}, each` })
  @ArrayMaxSize(MAX_RERUN, { message: `$property must list 1 to ${MAX_RERUN} fingerprints` })
  @ArrayMinSize(1, { message: `$property must list 1 to ${MAX_RERUN} fingerprints` })
  @IsArray({ message: `$property must list 1 to ${MAX_RERUN} fingerprints` })
  fingerprints!: string[];
}

export class ActionNameResponse {
  @ApiProperty({ example: '3f2b8c1e9a4d4c7b' }) fingerprint!: string;
  @ApiProperty({ example: "Clicked 'Place Order' on /checkout" }) name!: string;
  @ApiProperty({
    enum: NAME_SOURCES,
    description: 'ai: the model; heuristic: made of the element’s context; manual: a person’s, locked',
  })
  source!: NameSource;
}
