import type { ElementContext } from './element-context.js';

/** The longest element label a heuristic name quotes, in characters (the rest becomes "…"). */
export const MAX_LABEL_CHARS = 40;
/** The longest path pattern a heuristic name ends with. */
const MAX_PATH_CHARS = 60;

/** What the action was, by the event's name; a click for anything else. */
const VERBS: Record<string, string> = {
  $autocapture: 'Clicked',
  $form_submit: 'Submitted',
  $download: 'Downloaded',
  $outbound: 'Opened',
};

/** Path segments that identify one record rather than a page: folded into `:id`. */
const ID_SEGMENT = [
  /^\d+$/,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^[0-9a-f]{16,}$/i,
  // A slug or key with a long run of digits in it (order-10453, inv_20240101).
  /\d{5,}/,
];

/**
 * `text` with runs of white space (newlines included) as one space, without invisible characters (zero-width
 * spaces, bidi overrides, controls: what could make a name read other than it is), trimmed, cut to `max`.
 */
export function foldText(text: string, max: number): string {
  const folded = text
    .replace(/\s+/gu, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim();
  const characters = [...folded];
  return characters.length <= max
    ? folded
    : `${characters
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * The page's path as a pattern: numbers, UUIDs and long hex ids folded to `:id` (`/orders/:id`), so one
 * element on every order's page has one name. No query or fragment; `/` for an empty path.
 */
export function pathPattern(path: string): string {
  const segments = path.split(/[?#]/, 1)[0].split('/').filter(Boolean);
  const folded = segments.map((segment) => (ID_SEGMENT.some((id) => id.test(segment)) ? ':id' : segment));
  return foldText(`/${folded.join('/')}`, MAX_PATH_CHARS);
}

/** The verb that begins every name of this kind of action. */
export const verbOf = (eventName: string): string => VERBS[eventName] ?? VERBS.$autocapture;

/** The last path segment of a link (`/files/report.pdf` → `report.pdf`), or its host for a bare one. */
function linkTarget(href: string): string {
  if (!URL.canParse(href)) return '';
  const url = new URL(href);
  const last = url.pathname.split('/').filter(Boolean).at(-1);
  return last ? decodeURIComponentSafe(last) : url.hostname;
}

const decodeURIComponentSafe = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    // A malformed escape (`%E0%A4%A`): the segment as written reads well enough.
    return text;
  }
};

/** What the element is called on the page: its text, else its id, else its link's target, else none. */
function labelOf(element: ElementContext): string {
  const label = [element.text, element.id, linkTarget(element.href)].find((value) => value.trim() !== '');
  return label ? foldText(label, MAX_LABEL_CHARS) : '';
}

/**
 * A readable, deterministic name from the element's context alone — "Clicked 'Place Order' on /checkout"
 * — for an element without a stored name, or when the model failed or its answer was rejected. The same
 * context always gives the same name.
 */
export function heuristicName(element: ElementContext): string {
  const label = labelOf(element);
  const tag = element.tag || 'element';
  const what = label ? `'${label.replaceAll("'", '’')}'` : `${/^[aeiou]/.test(tag) ? 'an' : 'a'} ${tag}`;
  return `${verbOf(element.eventName)} ${what} on ${pathPattern(element.path)}`;
}
