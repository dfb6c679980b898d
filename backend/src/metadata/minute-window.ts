/**
 * A per-minute request budget counted in a row's `window_start` and `window_requests` columns, in one UPDATE
 * so that counting is atomic on SQLite and PostgreSQL alike, across every backend sharing the database
 * (each SET reads the row as it was). Bind `:minute` (the minute's start, ms since the epoch), `:cost`
 * (what this request counts for) and `:budget`; the UPDATE touches the row only if the request fits.
 */
export const MINUTE_WINDOW = {
  set: {
    windowRequests: () => 'CASE WHEN window_start >= :minute THEN window_requests + :cost ELSE :cost END',
    windowStart: () => 'CASE WHEN window_start >= :minute THEN window_start ELSE :minute END',
  },
  fits: '(window_start < :minute OR window_requests + :cost <= :budget)',
} as const;

/** The start of the minute `now` is in. */
export const minuteOf = (now: number) => now - (now % 60_000);
