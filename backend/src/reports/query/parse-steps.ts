import { FUNNEL_STEP_KINDS, MAX_FUNNEL_STEPS, MIN_FUNNEL_STEPS } from '@sluice/config';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import type { FunnelStep } from './funnel.js';

/**
 * `steps` of a funnel request, read into the typed steps: a JSON list in the goals' shape
 * (`{"kind","match","propertyKey","propertyValue"}`). Every refusal is a 400 naming the field and the rule.
 */
const invalid = (message: string): never => {
  throw new DomainError(ErrorCode.Validation, message);
};

/** The goals API's limits (goals/dto), so a goal can be copied into a step as it is. */
const MAX_MATCH_LENGTH = 2048;
const MAX_PROPERTY_KEY_LENGTH = 64;
const MAX_PROPERTY_VALUE_LENGTH = 512;
/** An element fingerprint as the edge writes it (event contract: el_fingerprint). */
const FINGERPRINT = /^[0-9a-f]{16}$/;

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.length < 1 || value.length > max)
    invalid(`${field}: must be a string of 1 to ${max} characters`);
  return value as string;
}

function step(node: unknown, field: string): FunnelStep {
  if (typeof node !== 'object' || node === null || Array.isArray(node))
    return invalid(`${field}: must be an object {"kind","match"}`);
  const { kind, match, propertyKey = null, propertyValue = null, ...rest } = node as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0)
    invalid(`${field}: unknown key ${JSON.stringify(unknown[0])} (kind, match, propertyKey, propertyValue)`);
  if (!(FUNNEL_STEP_KINDS as readonly unknown[]).includes(kind))
    invalid(`${field}.kind: must be one of ${FUNNEL_STEP_KINDS.join(', ')}`);
  if (kind === 'action' && (typeof match !== 'string' || !FINGERPRINT.test(match)))
    invalid(`${field}.match: an action is an element fingerprint, 16 lower-case hex digits`);
  if ((propertyKey === null) !== (propertyValue === null))
    invalid(`${field}.propertyKey: propertyKey and propertyValue come together`);
  if (kind === 'action' && propertyKey !== null)
    invalid(`${field}.propertyKey: an action step has no property match`);
  return {
    kind: kind as FunnelStep['kind'],
    match: text(match, `${field}.match`, MAX_MATCH_LENGTH),
    propertyKey:
      propertyKey === null ? null : text(propertyKey, `${field}.propertyKey`, MAX_PROPERTY_KEY_LENGTH),
    propertyValue:
      propertyValue === null
        ? null
        : text(propertyValue, `${field}.propertyValue`, MAX_PROPERTY_VALUE_LENGTH),
  };
}

export function parseSteps(json: string): FunnelStep[] {
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    return invalid('steps: must be JSON: a list of steps {"kind","match"}');
  }
  if (!Array.isArray(list) || list.length < MIN_FUNNEL_STEPS || list.length > MAX_FUNNEL_STEPS)
    return invalid(`steps: must be a list of ${MIN_FUNNEL_STEPS} to ${MAX_FUNNEL_STEPS} steps`);
  return list.map((node, i) => step(node, `steps[${i}]`));
}
