import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { NoNul } from '../../common/no-nul.js';
import { IsRouteId } from '../../common/route-id.js';
import { GOAL_METRIC_NAMES, METRIC_NAMES } from '../../reports/query/metrics.js';
import { MAX_SITE_ID, SiteIdParamDto } from '../../sites/dto/site-id-param.dto.js';
import {
  ALERT_CONDITIONS,
  ALERT_SIGNALS,
  ALERT_STATES,
  CHANNEL_KINDS,
  DELIVERY_NOTICES,
  type AlertCondition,
  type DeliveryNotice,
  type AlertSignal,
  type AlertState,
  type ChannelKind,
} from '../alert.entities.js';

export const ALERT_METRICS = [...METRIC_NAMES, ...GOAL_METRIC_NAMES];
const NAME_RULE = '$property must be 1 to 100 characters, not only spaces';
const whole = (min: number, max: number) => `$property must be a whole number from ${min} to ${max}`;
export const MAX_CHANNELS = 10;

/** A channel of a rule. With `id`: one the rule has (kept as it is, its secret too); without: a new one. */
export class AlertChannelDto {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'An existing channel of the rule, kept; absent: a new one',
  })
  @IsOptional()
  @IsInt({ message: '$property must be the id of one of the rule’s channels' })
  @Min(1, { message: '$property must be the id of one of the rule’s channels' })
  id?: number;

  @ApiProperty({
    enum: CHANNEL_KINDS,
    description:
      'webhook: a signed JSON POST; slack: a signed Slack-compatible POST ({"text", "blocks"}); email: through the SMTP server',
  })
  @IsIn(CHANNEL_KINDS, { message: `$property must be one of ${CHANNEL_KINDS.join(', ')}` })
  kind!: ChannelKind;

  @ApiProperty({
    example: 'https://hooks.example.com/sluice',
    maxLength: 2048,
    description: 'The http(s) URL of a webhook, or the email address',
  })
  @NoNul()
  @Length(1, 2048, { message: '$property must be 1 to 2048 characters' })
  @IsString({ message: '$property must be a string' })
  target!: string;
}

/** `POST /api/sites/:siteId/alerts`. Rules that concern several fields are checked by the service. */
export class CreateAlertRuleDto {
  @ApiProperty({ example: 'Traffic dropped', minLength: 1, maxLength: 100 })
  @NoNul()
  @Matches(/\S/, { message: NAME_RULE })
  @Length(1, 100, { message: NAME_RULE })
  @IsString({ message: '$property must be a string' })
  name!: string;

  @ApiProperty({
    enum: ALERT_SIGNALS,
    description:
      'metric: a metric of the reports over the visits begun in the window; ingest_lag_seconds: the pipeline’s lag now; ' +
      'refused_percent: the site’s events the edge refused, as a percent of those it answered for, since the last evaluation',
  })
  @IsIn(ALERT_SIGNALS, { message: `$property must be one of ${ALERT_SIGNALS.join(', ')}` })
  signal!: AlertSignal;

  @ApiPropertyOptional({
    enum: ALERT_METRICS,
    nullable: true,
    description: 'The metric signal’s metric (conversions and conversion_rate with a goal)',
  })
  @IsOptional()
  @IsIn(ALERT_METRICS, { message: `$property must be one of ${ALERT_METRICS.join(', ')}` })
  metric?: string | null;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    example: '[{"dimension":"event_name","operator":"is","value":"$error"}]',
    description: 'The metric signal’s filters, as the reports take them (`filters`: a JSON list)',
  })
  @IsOptional()
  @NoNul()
  @Length(0, 4096, { message: '$property must be at most 4096 characters' })
  @IsString({ message: '$property must be a string (JSON)' })
  filters?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'A goal of the site (for its metrics)',
  })
  @IsOptional()
  @IsInt({ message: `$property must be a goal id (an integer from 1 to ${MAX_SITE_ID})` })
  @Min(1, { message: `$property must be a goal id (an integer from 1 to ${MAX_SITE_ID})` })
  @Max(MAX_SITE_ID, { message: `$property must be a goal id (an integer from 1 to ${MAX_SITE_ID})` })
  goal?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 1440,
    default: 60,
    description: 'The metric’s window: the last N minutes',
  })
  @IsOptional()
  @IsInt({ message: whole(1, 1440) })
  @Min(1, { message: whole(1, 1440) })
  @Max(1440, { message: whole(1, 1440) })
  windowMinutes?: number;

  @ApiProperty({
    enum: ALERT_CONDITIONS,
    description:
      'above / below the threshold; drops_by / rises_by: by at least threshold percent against the window before',
  })
  @IsIn(ALERT_CONDITIONS, { message: `$property must be one of ${ALERT_CONDITIONS.join(', ')}` })
  condition!: AlertCondition;

  @ApiProperty({ example: 100, description: 'The value, or the percent for drops_by / rises_by' })
  @Min(-1e12, { message: '$property must be a number from -1e12 to 1e12' })
  @Max(1e12, { message: '$property must be a number from -1e12 to 1e12' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a number' })
  threshold!: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 10,
    default: 2,
    description: 'Evaluations in a row the condition must hold to fire, and be clear to resolve',
  })
  @IsOptional()
  @IsInt({ message: whole(1, 10) })
  @Min(1, { message: whole(1, 10) })
  @Max(10, { message: whole(1, 10) })
  consecutive?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 10080,
    default: 60,
    description: 'Minutes after a firing in which the rule does not fire again',
  })
  @IsOptional()
  @IsInt({ message: whole(0, 10080) })
  @Min(0, { message: whole(0, 10080) })
  @Max(10080, { message: whole(0, 10080) })
  cooldownMinutes?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  enabled?: boolean;

  @ApiProperty({ type: [AlertChannelDto], maxItems: MAX_CHANNELS })
  @ValidateNested({ each: true })
  @Type(() => AlertChannelDto)
  @ArrayMaxSize(MAX_CHANNELS, { message: `$property must have at most ${MAX_CHANNELS} channels` })
  @IsArray({ message: '$property must be a list' })
  channels!: AlertChannelDto[];
}

/** `PATCH /api/sites/:siteId/alerts/:ruleId`: the fields to change; `channels`, when given, is the whole list. */
export class UpdateAlertRuleDto extends PartialType(CreateAlertRuleDto) {}

/** `:siteId/alerts/:ruleId` in a route. */
export class AlertRuleIdParamDto extends SiteIdParamDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_SITE_ID, example: 3 })
  @Max(MAX_SITE_ID, { message: `$property must be a positive integer (at most ${MAX_SITE_ID})` })
  @IsRouteId()
  ruleId!: number;
}

export class AlertChannelResponse {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ enum: CHANNEL_KINDS }) kind!: ChannelKind;
  @ApiProperty() target!: string;
}

export class AlertRuleResponse {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ type: 'integer' }) siteId!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ALERT_SIGNALS }) signal!: AlertSignal;
  @ApiProperty({ type: 'string', nullable: true, enum: ALERT_METRICS }) metric!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) filters!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) goal!: number | null;
  @ApiProperty({ type: 'integer' }) windowMinutes!: number;
  @ApiProperty({ enum: ALERT_CONDITIONS }) condition!: AlertCondition;
  @ApiProperty() threshold!: number;
  @ApiProperty({ type: 'integer' }) consecutive!: number;
  @ApiProperty({ type: 'integer' }) cooldownMinutes!: number;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({
    enum: ALERT_STATES,
    description: 'ok; pending: the condition holds, not yet long enough (or in the cooldown); firing',
  })
  state!: AlertState;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'What the last evaluation judged: the value, or the percent change for drops_by / rises_by',
  })
  lastValue!: number | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) lastEvaluatedAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) lastFiredAt!: string | null;
  @ApiProperty({ type: [AlertChannelResponse] }) channels!: AlertChannelResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ChannelSecretResponse {
  @ApiProperty({ type: 'integer' }) channelId!: number;
  @ApiProperty({
    description: 'Signs the channel’s deliveries (Sluice-Signature); shown this once',
    example: 'whsec_…',
  })
  secret!: string;
}

/** A rule just created or changed, with the signing secrets of the webhook channels it just got. */
export class SavedAlertRuleResponse extends AlertRuleResponse {
  @ApiProperty({ type: [ChannelSecretResponse] }) newSecrets!: ChannelSecretResponse[];
}

export class AlertDeliveryResponse {
  @ApiProperty({ type: 'integer' }) channelId!: number;
  @ApiProperty({ enum: CHANNEL_KINDS }) channelKind!: ChannelKind;
  @ApiProperty({
    enum: DELIVERY_NOTICES,
    description: 'What it told: the firing (or test-fire), or its resolution',
  })
  notice!: DeliveryNotice;
  @ApiProperty({ type: 'integer' }) attempt!: number;
  @ApiProperty({ enum: ['delivered', 'failed'] }) status!: 'delivered' | 'failed';
  @ApiProperty({ type: 'string', nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) attemptedAt!: string;
}

export class AlertFiringResponse {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ enum: ['fire', 'test'] }) kind!: 'fire' | 'test';
  @ApiProperty() value!: number;
  @ApiProperty() threshold!: number;
  @ApiProperty({ format: 'date-time' }) firedAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: [AlertDeliveryResponse], description: 'Every attempt, in order' })
  deliveries!: AlertDeliveryResponse[];
}

export class AlertHistoryResponse {
  @ApiProperty({
    type: [AlertFiringResponse],
    description: 'The latest 50 firings and test-fires, newest first',
  })
  firings!: AlertFiringResponse[];
}

export class TestFireResponse {
  @ApiProperty({ type: 'integer', description: 'The test firing: its deliveries appear in the history' })
  firingId!: number;
}
