import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { addDays } from '../../common/calendar.js';
import { rangeEvents, type EventColumn } from './range-events.js';
import type { DateRange, ReportQuery } from './report-query.js';

/** The tracker's uncaught errors and unhandled rejections (tracker/src/capture.ts). */
const ERROR_EVENT = '$error';

/**
 * What varies between occurrences of one error, replaced in its message so they group together: UUIDs,
 * hex numbers (`0x1f`) and lower-case hex runs of 8 or more (hashes, object ids), then every run of
 * digits (`Item 42 not found` → `Item <n> not found`).
 */
const NORMALISED_MESSAGE = sql`replaceRegexpAll(replaceRegexpAll(replaceRegexpAll(message,
  ${bind.string('[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')}, '<uuid>'),
  ${bind.string('\\b(?:0[xX][0-9a-fA-F]+|[0-9a-f]{8,})\\b')}, '<hex>'),
  '[0-9]+', '<n>')`;

/**
 * The top frame of the stack: its first line that is a frame, Chrome's `at f (https://…/app.js:10:5)` or
 * Firefox's and Safari's `f@https://…/app.js:10:5` (Chrome's first line is the message, not a frame).
 * Without a stack, the script and line the error event named. ClickHouse's `.` matches a newline, so a
 * line is `[^\n]+`; `extract` answers the first group: the frame without its indent.
 */
const STACK_FRAME = sql`extract(stack, ${bind.string('(?m)^[ \\t]*((?:at |[^@\\s]*@)[^\\n]+)')})`;
const TOP_FRAME = sql`if(${STACK_FRAME} != '', ${STACK_FRAME},
  if(script = '', '', concat(script, ':', toString(script_line))))`;

/**
 * An error group's id: 16 hex digits of MD5(normalised message, newline, top frame). It depends only on
 * the error, never on the range or the data around it, so a link to a group stays valid.
 */
const GROUP_ID = sql`substring(lower(hex(MD5(concat(${NORMALISED_MESSAGE}, ${bind.string('\n')}, ${TOP_FRAME})))), 1, 16)`;

/** A group id as clients send it back. */
export const GROUP_ID_PATTERN = /^[0-9a-f]{16}$/;

/**
 * An error event's columns that its group id and top frame are derived from (`withGroup`), aliased
 * unlike the table's columns (ClickHouse would read `any(x) AS x` as nested).
 */
const GROUP_COLUMNS: EventColumn[] = [
  [sql`error_message`, sql`message`],
  [sql`error_stack`, sql`stack`],
  [sql`error_source`, sql`script`],
  [sql`error_line`, sql`script_line`],
];

/**
 * A distinct error as stored: a hash of the columns its group id is made of, over the events' own columns
 * (`events`) or their aliases (`rows`). One group's occurrences are found by their errors' hashes
 * (errorKeysSql) rather than by the group id's regular expressions on every error event of the range: the
 * 30-day report of the benchmark's largest group ran those on 18,000 events in each of its queries.
 */
const ERROR_KEY = {
  events: sql`cityHash64(${joinSql(
    GROUP_COLUMNS.map(([column]) => column),
    ', ',
  )})`,
  rows: sql`cityHash64(${joinSql(
    GROUP_COLUMNS.map(([, alias]) => alias),
    ', ',
  )})`,
};

/**
 * The most distinct errors a group's hashes are listed for: a group of more (a message with an id the
 * normalising misses, say) has its occurrences found by its id, as a query text of that many hashes would
 * outgrow what the server parses.
 */
export const MOST_ERROR_KEYS = 1000;

/** Each error event's columns as stored: those of its group, and where it happened. */
const ERROR_COLUMNS: EventColumn[] = [
  ...GROUP_COLUMNS,
  [sql`error_column`, sql`script_column`],
  [sql`pathname`, sql`page`],
  [sql`browser`, sql`browser_name`],
];

/** Rows with an error's columns, each with its `group_id` and `frame`; one group's with `group`. */
function withGroup(rows: SqlFragment, group?: string): SqlFragment {
  const grouped = sql`SELECT *, ${GROUP_ID} AS group_id, ${TOP_FRAME} AS frame FROM (${rows})`;
  return group === undefined
    ? grouped
    : sql`SELECT * FROM (${grouped}) WHERE group_id = ${bind.string(group)}`;
}

/**
 * The range's error events, each once, with their columns as stored and their visitor unless `visitors` is
 * false (range-events.ts: an open day's are looked up in the rollup); with `keys`, only those of these
 * distinct errors (ERROR_KEY).
 */
const rangeErrors = (
  query: Pick<ReportQuery, 'site' | 'filters'>,
  range: DateRange,
  { keys, visitors = true }: { keys?: bigint[]; visitors?: boolean } = {},
) =>
  rangeEvents(query, range, [ERROR_EVENT], ERROR_COLUMNS, {
    visitors,
    ...(keys && { where: sql`${ERROR_KEY.events} IN (${joinSql(keys.map(bind.uint64), ', ')})` }),
  });

/** The range's error events with their group and top frame; one group's with `group`. */
export const errorEvents = (query: Pick<ReportQuery, 'site' | 'filters'>, range: DateRange, group?: string) =>
  sql`(${withGroup(rangeErrors(query, range), group)})`;

/** One group: its id, and the hashes of its distinct errors in the range where they are listed (errorKeysSql). */
export interface ErrorGroupChosen {
  id: string;
  keys?: bigint[];
}

/**
 * The range's distinct errors as stored, from the columns their group id is made of alone, with `aggregates`
 * of their events (`seen`): what a group is made of, read without the rest of each event.
 */
const storedErrors = (
  query: Pick<ReportQuery, 'site' | 'filters'>,
  range: DateRange,
  aggregates: SqlFragment = sql``,
) =>
  sql`SELECT message, stack, script, script_line${aggregates}
    FROM (${rangeEvents(query, range, [ERROR_EVENT], GROUP_COLUMNS, { visitors: false })})
    GROUP BY message, stack, script, script_line`;

/**
 * The hashes of one group's distinct errors in the range (`key`, as text), at most MOST_ERROR_KEYS + 1: only
 * the columns the group id is made of are read, and its regular expressions run once per distinct error.
 */
export function errorKeysSql(
  query: Pick<ReportQuery, 'site' | 'filters' | 'range'>,
  group: string,
): NamedQuery {
  return {
    name: 'errors:keys',
    sql: sql`SELECT toString(${ERROR_KEY.rows}) AS key FROM (${storedErrors(query, query.range)})
      WHERE ${GROUP_ID} = ${bind.string(group)}
      LIMIT ${bind.uint32(MOST_ERROR_KEYS + 1)}`,
  };
}

/**
 * One group's error events in the range: by its errors' hashes where they are listed, without their visitor
 * unless `visitors`; by its id otherwise (errorEvents, whose rows carry their visitor and `frame` too).
 */
const groupEvents = (
  query: Pick<ReportQuery, 'site' | 'filters'>,
  range: DateRange,
  group: ErrorGroupChosen,
  visitors: boolean,
) =>
  group.keys
    ? sql`(${rangeErrors(query, range, { keys: group.keys, visitors })})`
    : errorEvents(query, range, group.id);

/**
 * The range's error events aggregated per distinct error as stored (message, stack, script and line) and
 * page and browser, with what the groups and their pages and browsers are made of: occurrences, the
 * visitors' and visits' `uniq` states, the first and last arrival. Occurrences of one error repeat the
 * same columns, so these rows are few (7,300 for 18,000 events of 30 errors in the benchmark's month):
 * the group id's regular expressions run once per row rather than per event, and the levels copy these
 * rows rather than every event with its stack. With `keys`, only those distinct errors' events are read.
 */
const distinctErrors = (query: Pick<ReportQuery, 'site' | 'filters'>, range: DateRange, keys?: bigint[]) =>
  sql`SELECT message, stack, script, script_line, page, browser_name, count() AS occurrences,
      uniqState(visitor) AS visitor_states, uniqState(visit_id) AS visit_states,
      min(seen) AS earliest, max(seen) AS latest
    FROM (${rangeErrors(query, range, { keys })})
    GROUP BY message, stack, script, script_line, page, browser_name`;

/** An instant as the site's local time, `YYYY-MM-DD HH:MM:SS`. */
const localTime = (instant: SqlFragment, timeZone: string) =>
  sql`formatDateTime(${instant}, '%Y-%m-%d %H:%M:%S', ${bind.timeZone(timeZone)})`;

/** What an error group breaks down by: the page it happened on, the browser it happened in. */
export const ERROR_BREAKDOWNS = { pages: sql`page`, browsers: sql`browser_name` } as const;
export type ErrorBreakdown = keyof typeof ERROR_BREAKDOWNS;
const BREAKDOWN_NAMES = Object.keys(ERROR_BREAKDOWNS) as ErrorBreakdown[];

/** The level of a row aggregated over a whole group, beside its rows per page and per browser. */
const WHOLE_GROUP = 'group';

/**
 * Each row three times (`level`, `value`): once for its group as a whole, once for its page, once for
 * its browser; so one read aggregates a group and its breakdowns together.
 */
function levelled(rows: SqlFragment): SqlFragment {
  const levels = [
    sql`(${bind.string(WHOLE_GROUP)}, '')`,
    ...BREAKDOWN_NAMES.map((by) => sql`(${bind.string(by)}, ${ERROR_BREAKDOWNS[by]})`),
  ];
  return sql`SELECT *, tupleElement(level_value, 1) AS level, tupleElement(level_value, 2) AS value
    FROM (SELECT *, arrayJoin([${joinSql(levels, ', ')}]) AS level_value FROM (${rows}))`;
}

/** A breakdown's top `count` values in a group, by occurrences then value, each `(value, occurrences, visitors)`. */
const topValues = (by: ErrorBreakdown, count: number) =>
  sql`arraySlice(arraySort(row -> (-toInt64(tupleElement(row, 2)), tupleElement(row, 1)),
    groupArrayIf((value, level_occurrences, level_visitors), level = ${bind.string(by)})), 1, ${bind.uint32(count)})
    AS ${identifier(by)}`;

/** A whole-group aggregate of the levelled rows, as `alias`. */
const wholeGroup = (aggregate: SqlFragment, alias: string) =>
  sql`anyIf(${aggregate}, level = ${bind.string(WHOLE_GROUP)}) AS ${identifier(alias)}`;

/**
 * Error groups, most occurrences first (then by id): occurrences are events (one row per event id in
 * `distinctErrors`, so their counts add up exactly), visitors and visits those they happened in (`uniq`
 * states merged: the same answer as `uniq` over the events); first and last seen within the range, in the
 * site's zone; the latest occurrence's message and stack as the sample; and the top `values` pages
 * and browsers of each group (`pages`, `browsers`: arrays of `(value, occurrences, visitors)`), from the
 * same read. One row more than the page.
 * (Aggregates are aliased unlike their columns: ClickHouse would read `any(frame) AS frame` as nested.)
 */
export function errorGroupsSql(
  query: Pick<ReportQuery, 'site' | 'filters' | 'range'>,
  page: { limit: number; offset: number; values: number; group?: ErrorGroupChosen },
): NamedQuery {
  const zone = query.site.timezone;
  return {
    name: 'errors:groups',
    sql: sql`SELECT group_id, ${joinSql(
      [
        wholeGroup(sql`level_frame`, 'top_frame'),
        wholeGroup(sql`level_message`, 'sample_message'),
        wholeGroup(sql`level_occurrences`, 'occurrences'),
        wholeGroup(sql`level_visitors`, 'visitors'),
        wholeGroup(sql`level_visits`, 'visits'),
        wholeGroup(localTime(sql`level_first`, zone), 'first_seen'),
        wholeGroup(localTime(sql`level_last`, zone), 'last_seen'),
        wholeGroup(sql`level_stack`, 'sample_stack'),
        ...BREAKDOWN_NAMES.map((by) => topValues(by, page.values)),
      ],
      ', ',
    )}
      FROM (
        SELECT group_id, level, value, any(frame) AS level_frame, argMax(message, latest) AS level_message,
          sum(occurrences) AS level_occurrences, uniqMerge(visitor_states) AS level_visitors,
          uniqMerge(visit_states) AS level_visits, min(earliest) AS level_first, max(latest) AS level_last,
          argMax(stack, latest) AS level_stack
        FROM (${levelled(withGroup(distinctErrors(query, query.range, page.group?.keys), page.group?.id))})
        GROUP BY group_id, level, value
      )
      GROUP BY group_id
      ORDER BY occurrences DESC, group_id ASC
      LIMIT ${bind.uint32(page.offset)}, ${bind.uint32(page.limit + 1)}`,
  };
}

/** Before any event Sluice can have stored: where "ever" begins. */
const HISTORY_FROM = '2000-01-01';

/**
 * When each of `groups` (every group without) first happened before the range, in the site's zone, for the
 * groups that did (under the same filters): an error first seen in the range is new there. Only the columns
 * its group id is made of are read, grouped per distinct error first, as errorGroupsSql does.
 */
export function errorsSeenBeforeSql(
  query: Pick<ReportQuery, 'site' | 'filters' | 'range' | 'finalizedThrough' | 'finalizedVersions'>,
  groups?: string[],
): NamedQuery {
  const before: DateRange = { from: HISTORY_FROM, to: addDays(query.range.from, -1) };
  const chosen = groups
    ? sql`WHERE group_id IN (${joinSql(
        groups.map((group) => bind.string(group)),
        ', ',
      )})`
    : sql``;
  return {
    name: 'errors:seen-before',
    sql: sql`SELECT group_id, ${localTime(sql`min(earliest)`, query.site.timezone)} AS first_seen
      FROM (${withGroup(storedErrors(query, before, sql`, min(seen) AS earliest`))})
      ${chosen}
      GROUP BY group_id`,
  };
}

/** One group's occurrences, visitors and visits per local day of the range (days without any have no row). */
export function errorSeriesSql(
  query: Pick<ReportQuery, 'site' | 'filters' | 'range'>,
  group: ErrorGroupChosen,
): NamedQuery {
  return {
    name: 'errors:series',
    sql: sql`SELECT toString(toDate(seen, ${bind.timeZone(query.site.timezone)})) AS day,
        count() AS occurrences, uniq(visitor) AS visitors, uniq(visit_id) AS visits
      FROM ${groupEvents(query, query.range, group, true)}
      GROUP BY day ORDER BY day`,
  };
}

/** One group's latest `count` occurrences, newest first, each with its top frame (of these rows alone). */
export function errorSamplesSql(
  query: Pick<ReportQuery, 'site' | 'filters' | 'range'>,
  group: ErrorGroupChosen,
  count: number,
): NamedQuery {
  const newest = sql`SELECT * FROM ${groupEvents(query, query.range, group, false)}
    ORDER BY seen DESC, event_id ASC LIMIT ${bind.uint32(count)}`;
  return {
    name: 'errors:samples',
    sql: sql`SELECT toString(event_id) AS event_id, ${localTime(sql`seen`, query.site.timezone)} AS seen_at,
        message, ${TOP_FRAME} AS frame, stack, script, script_line, script_column, page, browser_name AS browser
      FROM (${newest})
      ORDER BY seen DESC, event_id ASC`,
  };
}
