import type { WireEvent } from '../../config/src/event-contract';

/** What a click or a submit reports about its element; the keys are the wire's. */
export type ElementContext = Pick<WireEvent, 'tag' | 'eid' | 'cl' | 'txt' | 'sel' | 'href' | 'ctx'>;

/** Elements a visitor means to click; a click inside one is a click on it. */
const INTERACTIVE = 'a,button,input,select,textarea,label,summary,[role=button],[role=link],[onclick]';
const LANDMARK = 'section,article,nav,header,footer,main,aside,form,[role]';
const MAX_TEXT = 100;
/** Ancestors the selector path climbs before it stops (it stops earlier at an id). */
const MAX_DEPTH = 5;

const fold = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);

/** The element's visible label: its text, a button input's caption (never a field's value), or its accessible name. */
const label = (element: Element) =>
  fold(
    element.matches('input,select,textarea')
      ? element.matches('[type=submit],[type=button],[type=reset]')
        ? (element as HTMLInputElement).value
        : ''
      : element.textContent,
  ) || fold(element.getAttribute('aria-label') ?? element.getAttribute('title'));

/**
 * A selector path that survives re-renders and restyling: tag (with the id, where it stops) and the
 * position among siblings, from the element up MAX_DEPTH levels.
 */
function selector(element: Element): string {
  const parts: string[] = [];
  for (
    let node: Element | null = element;
    node && node !== document.body && parts.length < MAX_DEPTH;
    node = node.parentElement
  ) {
    const tag = node.localName;
    if (node.id) {
      parts.unshift(`${tag}#${node.id}`);
      break;
    }
    const siblings = node.parentElement?.children ?? [node];
    parts.unshift(siblings.length > 1 ? `${tag}:nth-child(${[...siblings].indexOf(node) + 1})` : tag);
  }
  return parts.join(' > ');
}

/** The nearest landmark's name: its aria-label, else its first heading. */
function context(element: Element): string | null {
  const landmark = element.closest(LANDMARK);
  // None: null, which the edge stores as empty.
  return (
    landmark &&
    (fold(landmark.getAttribute('aria-label')) ||
      fold(landmark.querySelector('h1,h2,h3,h4,h5,h6')?.textContent))
  );
}

/** The element a click meant, or the clicked element itself. */
export const clickedElement = (target: Element) => target.closest(INTERACTIVE) ?? target;

/**
 * What the AI naming and the reports need to know about an element; never a field's value. Empty
 * values are sent as they are: the edge stores nothing for them.
 */
export const describe = (element: Element): ElementContext => ({
  tag: element.localName,
  eid: element.id,
  // As written (SVG elements have no string className; null when there is none, which the edge stores as
  // empty): the edge drops generated names.
  cl: element.getAttribute('class') as string,
  txt: label(element),
  sel: selector(element),
  ctx: context(element) as string,
  // A link's target, or a form's action (an SVG link's href is no string: the edge drops it).
  href: (element as HTMLAnchorElement).href || (element as HTMLFormElement).action,
});
