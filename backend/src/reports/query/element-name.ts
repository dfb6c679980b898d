import { sql, type SqlFragment } from '../../clickhouse/sql-binder.js';

/**
 * A readable name for an autocaptured element without one in `autocapture_names`, from the event's own
 * description of it: its tag with its text (`button "Add to cart"`), else with its id (`a#signup`), else
 * its selector, else the tag alone; and where on the page (` in Pricing`) when the tracker saw a heading
 * or landmark around it. Reads the contract's `el_*` columns of one event.
 */
export const elementFallbackName: SqlFragment = sql`concat(
  multiIf(el_text != '', concat(el_tag, ' "', el_text, '"'), el_id != '', concat(el_tag, '#', el_id), el_selector != '', el_selector, el_tag),
  if(el_context != '', concat(' in ', el_context), ''))`;
