import { sql } from '../../clickhouse/sql-binder.js';

/**
 * A visit's key: the tracker's session id, or the event's own id for an event without one; hashed to
 * 64 bits as the rollup's `visit_id` is (migration 0010), so both sources and goal visits (goals.ts) join on it.
 */
export const VISIT_KEY = sql`sipHash64(if(session_id = '', toString(event_id), session_id))`;
