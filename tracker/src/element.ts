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

/** Classes as written (SVG elements have no string className), without hashed CSS-in-JS names. */
const classes = (element: Element) =>
  fold(element.getAttribute('class'))
    .split(' ')
    .filter((name) => name && !/\d{3}|^css-|^sc-/.test(name));

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
    const tag = node.tagName.toLowerCase();
    if (node.id) {
      parts.unshift(`${tag}#${node.id}`);
      break;
    }
    const siblings = node.parentElement?.children ?? [node];
    parts.unshift(
      siblings.length > 1 ? `${tag}:nth-child(${Array.prototype.indexOf.call(siblings, node) + 1})` : tag,
    );
  }
  return parts.join(' > ');
}

/** The nearest landmark's name: its aria-label, else its first heading. */
function context(element: Element): string {
  const landmark = element.closest(LANDMARK);
  if (!landmark) return '';
  return (
    fold(landmark.getAttribute('aria-label')) ||
    fold(landmark.querySelector('h1,h2,h3,h4,h5,h6')?.textContent)
  );
}

/** The element a click meant, or the clicked element itself. */
export const clickedElement = (target: Element) => target.closest(INTERACTIVE) ?? target;

/** What the AI naming and the reports need to know about an element; never a field's value. */
export function describe(element: Element): ElementContext {
  const described: ElementContext = {
    tag: element.tagName.toLowerCase(),
    cl: classes(element).join(' '),
    sel: selector(element),
    ctx: context(element),
  };
  if (element.id) described.eid = element.id;
  const text = label(element);
  if (text) described.txt = text;
  // A link's target, or a form's action (an SVG link's href is no string: the edge drops it).
  const href = (element as HTMLAnchorElement).href || (element as HTMLFormElement).action;
  if (href) described.href = href;
  return described;
}
