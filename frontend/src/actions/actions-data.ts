import type { StoredEvent } from '../events/api.js';
import { percentChange } from '../overview/breakdown-data.js';
import { barShare } from '../shared/bar-share.js';
import type { ActionRow, NameSource } from './api.js';

/**
 * The autocaptured actions as the page lists them (searched, sorted, with a bar for their share) and one
 * action's context from its latest click: pure, unit-tested.
 */
export const ACTION_SORTS = ['visitors', 'clicks', 'name'] as const;
export type ActionSort = (typeof ACTION_SORTS)[number];

export const SORT_LABELS: Record<ActionSort, string> = {
  visitors: 'Most visitors',
  clicks: 'Most clicks',
  name: 'Name A–Z',
};

/** How the page says where a name came from. */
export const SOURCE_LABELS: Record<NameSource, string> = {
  ai: 'AI',
  heuristic: 'Automatic',
  manual: 'Manual',
};

export interface ActionLine {
  fingerprint: string;
  /** As the API names it: the stored name, else the heuristic one made of its element's context. */
  name: string;
  source: NameSource;
  visitors: number;
  clicks: number;
  /** The action's bar: its visitors in percent of the top action's (barShare). */
  share: number;
  /** Percent change of visitors against the comparison: null against none then, undefined without one. */
  change: number | null | undefined;
}

/**
 * What the panel calls an action filtered by its fingerprint: the name its row shows, from the action's own row
 * of the element breakdown; the fingerprint itself until that row arrives, or when the range has no click on it.
 */
export const actionName = (rows: ActionRow[] | undefined, fingerprint: string): string =>
  rows?.find((row) => row.value === fingerprint)?.name ?? fingerprint;

export function actionLines(rows: ActionRow[], search: string, sort: ActionSort): ActionLine[] {
  const needle = search.trim().toLowerCase();
  const max = Math.max(1, ...rows.map((row) => row.metrics.visitors ?? 0));
  const lines = rows
    .map((row) => {
      const visitors = row.metrics.visitors ?? 0;
      return {
        fingerprint: row.value,
        name: row.name ?? row.value,
        source: row.nameSource ?? 'heuristic',
        visitors,
        clicks: row.metrics.events ?? 0,
        share: barShare(visitors, max),
        change: row.comparison ? percentChange(visitors, row.comparison.visitors ?? 0) : undefined,
      };
    })
    .filter((line) => line.name.toLowerCase().includes(needle));
  const byName = (a: ActionLine, b: ActionLine) => a.name.localeCompare(b.name);
  switch (sort) {
    case 'name':
      return lines.sort(byName);
    case 'clicks':
      return lines.sort((a, b) => b.clicks - a.clicks || byName(a, b));
    case 'visitors':
      return lines.sort((a, b) => b.visitors - a.visitors || byName(a, b));
  }
}

/** What an action's latest click says of its element, for people: only what it carries. */
export function actionContext(click: StoredEvent): { label: string; value: string }[] {
  const context: [string, string][] = [
    ['Element', click.el_tag ? `<${click.el_tag}>` : ''],
    ['Text', click.el_text],
    ['Id', click.el_id],
    ['Classes', click.el_classes],
    ['Selector', click.el_selector],
    ['Link', click.el_href],
    ['Section', click.el_context],
    ['Last clicked on', click.hostname + click.pathname],
  ];
  return context.filter(([, value]) => value).map(([label, value]) => ({ label, value }));
}
