import type { FeatureFlag, FlagFields, FlagRule, FlagVariant } from './api.js';

/** What a rule's attribute is called in the form and the list. */
export const ATTRIBUTE_LABELS: Record<FlagRule['attribute'], string> = {
  path: 'Page path',
  country: 'Country',
  device: 'Device',
  browser: 'Browser',
  userId: 'User id',
};

/** A new flag: off, for everyone once switched on, on/off only. */
export const NEW_FLAG: FlagFields = {
  key: '',
  description: '',
  enabled: false,
  rollout: 100,
  variants: [],
  rules: [],
};

/** The values a rule takes, from the comma-separated text of the form (blank entries left out). */
export const ruleValues = (text: string) =>
  text
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);

/** One line saying who gets the flag: `"50% · control 50% / one-step 50% · Page path in /checkout*"`. */
export function describeFlag(flag: Pick<FeatureFlag, 'rollout' | 'variants' | 'rules'>): string {
  const parts = [`${flag.rollout}% of visitors`];
  if (flag.variants.length > 0)
    parts.push(flag.variants.map((variant) => `${variant.key} ${variant.weight}%`).join(' / '));
  for (const rule of flag.rules)
    parts.push(
      `${ATTRIBUTE_LABELS[rule.attribute]} ${rule.operator === 'in' ? 'is' : 'is not'} ${rule.values.join(', ')}`,
    );
  return parts.join(' · ');
}

/**
 * What is wrong with the variants before the API is asked (it says the same): none is a boolean flag; else at
 * least two, each with a key of its own, weights summing to 100. Undefined when nothing is.
 */
export function variantsProblem(variants: FlagVariant[]): string | undefined {
  if (variants.length === 0) return undefined;
  if (variants.length === 1) return 'A flag has no variants (on/off) or at least two.';
  if (new Set(variants.map(({ key }) => key)).size !== variants.length)
    return 'Each variant needs a key of its own.';
  const total = variants.reduce((sum, { weight }) => sum + weight, 0);
  return total === 100 ? undefined : `The weights add up to ${total}%, not 100%.`;
}

/** Two variants splitting evenly: where a form starts when the flag gets variants. */
export const EVEN_SPLIT: FlagVariant[] = [
  { key: 'control', weight: 50 },
  { key: 'test', weight: 50 },
];
