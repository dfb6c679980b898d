/**
 * What is known of an autocaptured element from its events: the contract's `el_*` columns of one of them,
 * the event's name (which says what the action was) and the page it happened on. The reports, the heuristic
 * names and the naming worker's prompt all read this one shape.
 */
export interface ElementContext {
  /** `$autocapture` (a click), `$form_submit`, `$download` or `$outbound`. */
  readonly eventName: string;
  readonly tag: string;
  readonly id: string;
  readonly classes: string;
  readonly text: string;
  readonly selector: string;
  readonly href: string;
  /** The nearest heading or landmark around it. */
  readonly landmark: string;
  /** The page's path (`/orders/1234`), not yet folded into a pattern. (Events carry no page title.) */
  readonly path: string;
}

/** Where a name came from: the model, the heuristic (stored or made at query time), or a person. */
export const NAME_SOURCES = ['ai', 'heuristic', 'manual'] as const;
export type NameSource = (typeof NAME_SOURCES)[number];
