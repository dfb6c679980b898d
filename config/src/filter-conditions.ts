import {
  DIMENSION_NAMES,
  REPORT_DIMENSIONS,
  type DimensionName,
  type FilterOperator,
} from './report-dimensions';

/**
 * A filter condition as a view's link writes it (`filter=` in the panel's URL, a saved dashboard view, a
 * shared link): `country:DE` is `is`, as links have always written it; any other operator sits between the
 * dimension and the value, `page:contains:/blog`. The value may hold colons. The panel writes these and the
 * backend reads them back for a saved view, so the format lives here once.
 */

/** The operators a link can write: every one but `one_of`, whose list is several conditions there. */
export const LINK_OPERATORS = [
  'is',
  'is_not',
  'contains',
  'does_not_contain',
  'matches',
] as const satisfies readonly FilterOperator[];
export type LinkOperator = (typeof LINK_OPERATORS)[number];

export interface LinkCondition {
  dimension: DimensionName;
  operator: LinkOperator;
  value: string;
}

const isDimension = (name: string): name is DimensionName => Object.hasOwn(REPORT_DIMENSIONS, name);

/** The link operators `dimension` takes (a country is compared whole); none for a dimension the contract lacks. */
export const linkOperatorsOf = (dimension: string): LinkOperator[] =>
  isDimension(dimension)
    ? LINK_OPERATORS.filter((operator) =>
        (REPORT_DIMENSIONS[dimension].operators as readonly FilterOperator[]).includes(operator),
      )
    : [];

/** The operator `text` starts with, followed by a colon: `is_not:DE`. */
const operatorPrefix = (text: string): LinkOperator | undefined =>
  LINK_OPERATORS.find((operator) => text.startsWith(`${operator}:`));

/** The condition a link wrote; undefined for a dimension the contract lacks or an operator it doesn't take. */
export function parseLinkCondition(text: string): LinkCondition | undefined {
  const colon = text.indexOf(':');
  const dimension = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  const operator = operatorPrefix(rest) ?? 'is';
  const value = operatorPrefix(rest) ? rest.slice(operator.length + 1) : rest;
  return colon > 0 && isDimension(dimension) && linkOperatorsOf(dimension).includes(operator)
    ? { dimension, operator, value }
    : undefined;
}

/** What `parseLinkCondition` reads, in words: the rule an API names when it refuses a condition. */
export const LINK_CONDITION_RULE =
  `dimension:value or dimension:operator:value, with a dimension of ${DIMENSION_NAMES.join(', ')} ` +
  `and an operator of ${LINK_OPERATORS.join(', ')} that the dimension takes`;

/** The condition as `parseLinkCondition` reads it: `is` in the short form, unless its value would read as an operator. */
export const writeLinkCondition = ({ dimension, operator, value }: LinkCondition): string =>
  operator === 'is' && !operatorPrefix(value) ? `${dimension}:${value}` : `${dimension}:${operator}:${value}`;
