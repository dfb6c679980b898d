import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  Validate,
  ValidateIf,
  type ValidatorConstraintInterface,
  ValidatorConstraint,
} from 'class-validator';
import { NoNul } from '../../common/no-nul.js';
import { PROVIDER_KINDS, type ProviderKind } from '../provider.js';

export const DEFAULT_DAILY_CALL_BUDGET = 500;
export const MAX_DAILY_CALL_BUDGET = 1_000_000;
const BASE_URL_RULE = '$property must be an http(s) URL without user name, password, query or fragment';
const BUDGET_RULE = `$property must be a whole number of calls from 0 to ${MAX_DAILY_CALL_BUDGET}`;

/** An http(s) URL that carries nothing but where to go: a password in it would be answered back to viewers. */
@ValidatorConstraint({ name: 'baseUrl' })
class IsBaseUrl implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !URL.canParse(value)) return false;
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && !url.username && !url.password && !url.search && !url.hash;
  }
  defaultMessage(): string {
    return BASE_URL_RULE;
  }
}

/** `PUT /api/ai/provider`: the whole configuration; `apiKey` absent keeps the stored one, null removes it. */
export class ProviderSettingsDto {
  @ApiProperty({
    enum: PROVIDER_KINDS,
    description:
      'openai: any OpenAI-compatible Chat Completions API (OpenAI, Ollama, vLLM, LM Studio, llama.cpp server); anthropic: Anthropic Messages',
  })
  @IsIn(PROVIDER_KINDS, { message: `$property must be one of ${PROVIDER_KINDS.join(', ')}` })
  kind!: ProviderKind;

  @ApiProperty({
    example: 'http://localhost:11434/v1',
    maxLength: 2048,
    description: 'Chat Completions: up to and including /v1; Messages: the host (https://api.anthropic.com)',
  })
  @Validate(IsBaseUrl)
  @Length(1, 2048, { message: '$property must be 1 to 2048 characters' })
  @IsString({ message: '$property must be a string' })
  baseUrl!: string;

  @ApiProperty({ example: 'llama3.2', minLength: 1, maxLength: 200 })
  @NoNul()
  @Matches(/^\S+$/, { message: '$property must be 1 to 200 characters without spaces' })
  @Length(1, 200, { message: '$property must be 1 to 200 characters without spaces' })
  @IsString({ message: '$property must be a string' })
  model!: string;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    writeOnly: true,
    maxLength: 1000,
    description:
      'Sent to the provider as its API key; stored encrypted and never answered. Absent: the stored key is kept; null: removed (a local server that takes none).',
  })
  @ValidateIf((dto: ProviderSettingsDto) => dto.apiKey !== undefined && dto.apiKey !== null)
  @NoNul()
  @Matches(/^[\x21-\x7e]+$/, { message: '$property must be 1 to 1000 printable characters without spaces' })
  @Length(1, 1000, { message: '$property must be 1 to 1000 printable characters without spaces' })
  @IsString({ message: '$property must be a string or null' })
  apiKey?: string | null;

  @ApiPropertyOptional({ default: true, description: 'Whether the naming worker calls the model' })
  @ValidateIf((dto: ProviderSettingsDto) => dto.namingEnabled !== undefined)
  @IsBoolean({ message: '$property must be true or false' })
  namingEnabled?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_DAILY_CALL_BUDGET,
    default: DEFAULT_DAILY_CALL_BUDGET,
    description:
      'Calls the naming worker may make per UTC day (per backend); past it, heuristic names until midnight',
  })
  @ValidateIf((dto: ProviderSettingsDto) => dto.dailyCallBudget !== undefined)
  @Max(MAX_DAILY_CALL_BUDGET, { message: BUDGET_RULE })
  @Min(0, { message: BUDGET_RULE })
  @IsInt({ message: BUDGET_RULE })
  dailyCallBudget?: number;
}

/**
 * `POST /api/ai/provider/test`: the configuration to try, each field absent taken from the stored one
 * (an empty body tries the stored configuration; a changed model is tried with the stored key).
 */
export class ProviderTestDto extends PartialType(ProviderSettingsDto) {}

/** What anyone signed in may read of the provider: never the key, only whether one is set. */
export class ProviderSettingsResponse {
  @ApiProperty({ description: 'Whether a provider is configured (false: every name is heuristic)' })
  configured!: boolean;

  @ApiPropertyOptional({ enum: PROVIDER_KINDS })
  kind?: ProviderKind;

  @ApiPropertyOptional({ example: 'http://localhost:11434/v1' })
  baseUrl?: string;

  @ApiPropertyOptional({ example: 'llama3.2' })
  model?: string;

  @ApiProperty({ description: 'Whether an API key is stored (it is never answered)' })
  apiKeySet!: boolean;

  @ApiProperty()
  namingEnabled!: boolean;

  @ApiProperty({ type: 'integer' })
  dailyCallBudget!: number;

  @ApiPropertyOptional({ type: 'string', format: 'date-time' })
  updatedAt?: string;
}

/** The answer of a connection test: always 200, the provider's failure in `error`. */
export class ProviderTestResponse {
  @ApiProperty()
  ok!: boolean;

  @ApiProperty({ example: 'llama3.2', description: 'The model tried' })
  model!: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'How long the answer took, in milliseconds (ok only)',
  })
  latencyMs?: number;

  @ApiPropertyOptional({
    example: 'The provider answered 401: invalid x-api-key',
    description: 'What went wrong, short (not ok only)',
  })
  error?: string;
}
