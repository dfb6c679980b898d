/**
 * ClickHouse error codes (src/Common/ErrorCodes.cpp; the same numbers on 18.16 and modern servers)
 * that mean "these rows can't be stored as they are": the same bytes will be refused every time, so
 * retrying stalls the stream forever. Only the rows are at fault, so the batch is split to find them.
 */
const ROWS_REFUSED = new Set(
  Object.values({
    CANNOT_PARSE_TEXT: 6,
    CANNOT_PARSE_ESCAPE_SEQUENCE: 25,
    CANNOT_PARSE_QUOTED_STRING: 26,
    CANNOT_PARSE_INPUT_ASSERTION_FAILED: 27,
    CANNOT_PARSE_DATE: 38,
    CANNOT_PARSE_DATETIME: 41,
    TYPE_MISMATCH: 53,
    CANNOT_CONVERT_TYPE: 70,
    CANNOT_PARSE_NUMBER: 72,
    // Also "Unknown field found while parsing JSONEachRow format": a column the table lacks (a schema
    // behind the contract), and a field given twice.
    INCORRECT_DATA: 117,
    CANNOT_READ_ARRAY_FROM_TEXT: 130,
    TOO_LARGE_STRING_SIZE: 131,
    SIZES_OF_ARRAYS_DOESNT_MATCH: 190,
    VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE: 321,
    CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN: 349,
    CANNOT_PARSE_UUID: 376,
  }),
);

/** Where an 18.16 server puts its code in the message: `Code: 27, e.displayText() = DB::Exception: …`. */
const CODE_IN_MESSAGE = /\bCode: (\d+)\b/;

/**
 * ClickHouse's error code, if the server answered with one: the client parses it out of a modern
 * server's answer (`error.code`, a numeric string), while 18.16's format leaves it in the message.
 * A network failure has none (its `code` is Node's, such as ECONNREFUSED).
 */
function clickhouseCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^\d+$/.test(code)) return Number(code);
  const inMessage = CODE_IN_MESSAGE.exec(error instanceof Error ? error.message : String(error));
  return inMessage ? Number(inMessage[1]) : undefined;
}

/**
 * Whether ClickHouse refused the rows themselves (a parse or type error, a column the table lacks):
 * then the same rows fail again whenever they are sent. Everything else is retried: the network,
 * timeouts, overload (TOO_MANY_PARTS, MEMORY_LIMIT_EXCEEDED, TOO_MANY_SIMULTANEOUS_QUERIES), a server
 * shutting down, and also what only an operator can fix (an unknown table or database, a wrong
 * password, a missing grant): every row would be refused alike, and dead-lettering the whole stream
 * for a configuration mistake would be worse than waiting for the fix.
 */
export function refusesRows(error: unknown): boolean {
  const code = clickhouseCode(error);
  return code !== undefined && ROWS_REFUSED.has(code);
}

/** ClickHouse's message, on one line and bounded: it quotes the start of the row, which the dead letter holds whole. */
export function refusalReason(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
  const code = clickhouseCode(error);
  // A modern server's message, once the client has parsed it, no longer says its code.
  const message = code === undefined || CODE_IN_MESSAGE.test(text) ? text : `Code: ${code}. ${text}`;
  return message.length > 1000 ? `${message.slice(0, 1000)}…` : message;
}
