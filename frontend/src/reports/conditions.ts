import {
  linkOperatorsOf,
  parseLinkCondition,
  writeLinkCondition,
  type LinkCondition,
  type LinkOperator,
} from '../../../config/src/filter-conditions.js';
import { DIMENSION_LABELS, dimensionLabel, valueLabel, type Dimension } from './dimension-labels.js';

/**
 * A condition on a dimension, as the filter bar, the events explorer and alert rules hold it and a link
 * writes it (config/src/filter-conditions.ts): pure, unit-tested. Which operators a dimension takes is the
 * event contract's: a country is compared whole, a page also by substring or pattern.
 */
export type Condition = LinkCondition;
export type Operator = LinkOperator;
export const operatorsOf = linkOperatorsOf;
export const writeCondition = writeLinkCondition;

export const OPERATOR_LABELS: Record<Operator, string> = {
  is: 'is',
  is_not: 'is not',
  contains: 'contains',
  does_not_contain: 'does not contain',
  matches: 'matches pattern',
};

/**
 * The dimensions a form offers: every one but the action, whose values are element fingerprints nobody
 * types (an action is filtered from its row on the Actions page).
 */
export const TYPED_DIMENSIONS = (Object.keys(DIMENSION_LABELS) as Dimension[]).filter(
  (dimension) => dimension !== 'element',
);

/** A link's condition (`country:DE`, `page:contains:/blog`); a malformed one is left out, so a hand-edited link still opens. */
export const parseCondition = (text: string): Condition[] => {
  const condition = parseLinkCondition(text);
  return condition ? [condition] : [];
};

/** "Country is Germany", "Page matches pattern /blog/**", "Source is Direct / none". */
export const conditionLabel = ({ dimension, operator, value }: Condition) =>
  `${dimensionLabel(dimension)} ${OPERATOR_LABELS[operator]} ${operator === 'is' || operator === 'is_not' ? valueLabel(dimension, value) : value}`;

/** `conditions` with `condition` added, unless it is there already (a row clicked twice filters once). */
export function withCondition(conditions: Condition[], condition: Condition): Condition[] {
  const present = conditions.some((other) => writeCondition(other) === writeCondition(condition));
  return present ? conditions : [...conditions, condition];
}

/**
 * A filter list as the API stored it (an alert rule's JSON): its conditions when it is a plain list of them,
 * `undefined` when it holds anything a list of conditions can't show (groups, `one_of`).
 */
export function plainConditions(filters: string): Condition[] | undefined {
  try {
    return plainConditionList(JSON.parse(filters));
  } catch {
    // Safe to swallow: text that isn't JSON is shown as it is, not as conditions.
    return undefined;
  }
}

/** A filter list as the API takes it (an AI question's), already parsed: as `plainConditions`. */
export function plainConditionList(list: unknown): Condition[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const conditions = list.map((item: Partial<Record<keyof Condition, unknown>>) => {
    const { dimension, operator, value } = item ?? {};
    const plain =
      typeof dimension === 'string' &&
      typeof value === 'string' &&
      operatorsOf(dimension).includes(operator as Operator) &&
      Object.keys(item).length === 3;
    return plain ? ({ dimension, operator, value } as Condition) : undefined;
  });
  return conditions.every((condition) => condition !== undefined) ? conditions : undefined;
}
