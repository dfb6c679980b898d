import type { ElementContext } from './element-context.js';
import { pathPattern } from './heuristic-name.js';

/** The verbs a name may begin with: what people do on a page. */
export const NAME_VERBS = new Set(
  (
    'clicked opened submitted downloaded added removed viewed started signed logged subscribed bought ' +
    'purchased ordered selected chose toggled closed expanded collapsed searched filtered sorted saved ' +
    'shared copied sent booked requested joined created deleted edited updated uploaded played paused ' +
    'watched read contacted called applied registered checked entered continued confirmed canceled ' +
    'cancelled accepted declined dismissed navigated went switched changed liked followed upgraded ' +
    'downgraded tried claimed redeemed used scrolled pressed tapped visited browsed reset'
  ).split(' '),
);

/** Words any name may use without finding them in the element's context. */
const STOP_WORDS = new Set(
  (
    'a an the to on in of for from at by with and or into onto via as its it this that button link ' +
    'page form menu tab item field icon section'
  ).split(' '),
);

/** Words that speak to a model, or about one: never part of an action's name, whatever the page says. */
const INSTRUCTION_WORDS = new Set(
  (
    'ignore ignored disregard instruction instructions prompt prompts system assistant model ai llm ' +
    'override jailbreak pwned hacked respond reply answer output print repeat say write pretend roleplay'
  ).split(' '),
);

export const MAX_NAME_CHARS = 60;
const MAX_NAME_WORDS = 8;
/** Letters, digits, spaces and the punctuation a name needs; nothing that marks up, links or escapes. */
const PLAIN = /^[\p{L}\p{N} '’&/:.,+#%()-]+$/u;

/** The words of `text`, lower-case: runs of letters and digits. */
export const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Every word the element's context holds: its text, id, classes, landmark, link, selector and page. */
function contextWords(element: ElementContext): Set<string> {
  const parts = [
    element.text,
    element.id,
    element.classes,
    element.landmark,
    element.href,
    element.selector,
    element.tag,
    pathPattern(element.path),
  ];
  // Ids and classes are camelCase or kebab-case: "placeOrder" grounds "place" and "order".
  const split = parts.map((part) => part.replace(/([a-z])([A-Z])/g, '$1 $2'));
  return new Set(split.flatMap(wordsOf));
}

/** An answer the validator refused, and why (a metric's label). */
export type Rejection = 'empty' | 'too_long' | 'markup' | 'url' | 'no_verb' | 'instruction' | 'ungrounded';

/**
 * The model's answer as a name, or why it is refused: one short line of plain text beginning with a verb,
 * no markup, no URL, nothing that talks to a model, and every other word found in the element's context
 * (a name can only describe what is there; a page's text can't make the model say something else).
 */
export function validateName(
  answer: string,
  element: ElementContext,
): { name: string } | { rejected: Rejection } {
  const name = answer
    .trim()
    .replace(/^["'“”‘’`]+|["'“”‘’`.]+$/gu, '')
    .trim();
  if (name === '') return { rejected: 'empty' };
  if (/\n/.test(name) || [...name].length > MAX_NAME_CHARS) return { rejected: 'too_long' };
  if (/[a-z][a-z0-9+.-]*:\/\/|www\.|\.(com|net|org|io)\b/i.test(name)) return { rejected: 'url' };
  if (!PLAIN.test(name)) return { rejected: 'markup' };
  const words = wordsOf(name);
  if (words.length > MAX_NAME_WORDS) return { rejected: 'too_long' };
  if (!NAME_VERBS.has(words[0])) return { rejected: 'no_verb' };
  if (words.some((word) => INSTRUCTION_WORDS.has(word))) return { rejected: 'instruction' };
  const grounded = contextWords(element);
  const ungrounded = words
    .slice(1)
    .filter((word) => !STOP_WORDS.has(word) && !NAME_VERBS.has(word) && !grounded.has(word));
  if (ungrounded.length > 0) return { rejected: 'ungrounded' };
  return { name: name[0].toUpperCase() + name.slice(1) };
}
