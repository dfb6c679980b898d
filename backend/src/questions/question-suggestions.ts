import { DIMENSION_NAMES, REPORT_DIMENSIONS, type DimensionName } from '@sluice/config';

/**
 * Questions this data can answer, offered when a question couldn't be: breakdowns by the dimensions
 * nearest to the question's words (by name and description, from the contract), so the reader sees what
 * the schema holds near what they asked. Generated, never the model's.
 */

/** Where nothing in the question is near a dimension: what most readers ask first. */
const COMMON: DimensionName[] = ['page', 'referrer_source', 'country'];
const SUGGESTIONS = 3;

/** Words every question and description has, which say nothing about which dimension is meant. */
const COMMON_WORDS = new Set(
  'the and are was were what which who how many much did does from where when with this that each '
    .concat('last week month year day days today show give top most visit visits visitor visitors')
    .split(' '),
);

const wordsOf = (text: string) =>
  new Set((text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []).filter((word) => !COMMON_WORDS.has(word)));

/** Shared words, and a question word that starts a name part (`countries` → country) counts too. */
function nearness(question: Set<string>, name: DimensionName): number {
  const nameParts = name.split('_');
  const described = wordsOf(REPORT_DIMENSIONS[name].description);
  let score = 0;
  for (const word of question) {
    if (nameParts.some((part) => part.length >= 3 && (word.startsWith(part) || part.startsWith(word))))
      score += 3;
    if (described.has(word)) score += 1;
  }
  return score;
}

export function suggestionsFor(question: string): string[] {
  const words = wordsOf(question);
  const near = DIMENSION_NAMES.map((name) => ({ name, score: nearness(words, name) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || DIMENSION_NAMES.indexOf(a.name) - DIMENSION_NAMES.indexOf(b.name))
    .map(({ name }) => name);
  const chosen = [...new Set([...near, ...COMMON])].slice(0, SUGGESTIONS);
  return chosen.map((name) => `Visitors by ${name.replaceAll('_', ' ')} in the last 7 days`);
}
