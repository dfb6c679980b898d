import { VIEW_PERIOD_LABELS, type ViewPeriod } from '../../../config/src/view-periods.js';

/**
 * The report toolbar's keyboard shortcuts, as Plausible's dashboard has them: a letter picks a period, the arrows
 * step it, X turns the comparison on and off, ? lists them. Pure, unit-tested; ReportToolbar listens.
 */

/** The letter of each preset period (every one but custom dates). */
export const PERIOD_KEYS: Record<string, Exclude<ViewPeriod, 'custom'>> = {
  d: 'today',
  e: 'yesterday',
  w: '7d',
  t: '30d',
  m: 'month',
  p: 'last_month',
  y: 'year',
  l: '12mo',
};

export type ToolbarShortcut =
  | { kind: 'period'; period: Exclude<ViewPeriod, 'custom'> }
  | { kind: 'step'; step: -1 | 1 }
  | { kind: 'compare' }
  | { kind: 'help' };

/** What a key press is, as a keydown event tells it: the key, its modifiers, where the focus is. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element's tag name (upper case, as the DOM gives it) and whether it is editable. */
  targetTag: string;
  targetEditable: boolean;
  /** Whether the focus is in a widget whose own keys the arrows are (tabs, a radio group, a menu, a grid). */
  targetUsesArrows: boolean;
}

/** Where a key is typed or chosen, not a shortcut: text fields, selects, editable content. */
const TYPING_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/**
 * The shortcut a key press is, if any. None with Ctrl, Cmd or Alt held (the browser's and the system's own, as
 * Alt+← is history), nor while typing.
 */
export function toolbarShortcut(press: KeyPress): ToolbarShortcut | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey) return undefined;
  if (TYPING_TAGS.has(press.targetTag) || press.targetEditable) return undefined;
  if (press.key === 'ArrowLeft' || press.key === 'ArrowRight')
    return press.targetUsesArrows ? undefined : { kind: 'step', step: press.key === 'ArrowLeft' ? -1 : 1 };
  if (press.key === '?') return { kind: 'help' };
  const key = press.key.toLowerCase();
  if (key === 'x') return { kind: 'compare' };
  const period = PERIOD_KEYS[key];
  return period ? { kind: 'period', period } : undefined;
}

/** Every shortcut in words, for the list `?` opens: the key as printed on it, and what it does. */
export const SHORTCUT_LIST: Array<{ keys: string; does: string }> = [
  ...Object.entries(PERIOD_KEYS).map(([key, period]) => ({
    keys: key.toUpperCase(),
    does: VIEW_PERIOD_LABELS[period],
  })),
  { keys: '← →', does: 'The period before, the period after' },
  { keys: 'X', does: 'Compare with the previous period, or not' },
  { keys: '?', does: 'This list' },
];
