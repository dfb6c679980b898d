import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseError } from '@clickhouse/client';
import { refusalReason, refusesRows } from '../src/shipper/insert-errors';

/**
 * Answers as the two server generations word them: 18.16's (seen in shipper.test.ts against the real
 * server) and a modern server's, which the client parses into a ClickHouseError whose message no
 * longer holds the code.
 */
const answer = {
  legacy: (code: number, text: string) =>
    parseError(`Code: ${code}, e.displayText() = DB::Exception: ${text}, e.what() = DB::Exception\n`),
  modern: (code: number, text: string, type: string) =>
    parseError(`Code: ${code}. DB::Exception: ${text}. (${type}) (version 25.8.2.29 (official build))\n`),
};

test('parse and type errors refuse the rows, on 18.16 and on modern servers', () => {
  for (const error of [
    answer.legacy(27, 'Cannot parse input: expected , before: .0,"ts": (at row 2)'),
    answer.legacy(117, 'Unknown field found while parsing JSONEachRow format: el_tag: (at row 1)'),
    answer.legacy(25, 'Cannot parse escape sequence: missing second part of surrogate pair'),
    answer.modern(27, "Cannot parse input: expected ',' before: '.0'", 'CANNOT_PARSE_INPUT_ASSERTION_FAILED'),
    answer.modern(117, 'Unknown field found while parsing JSONEachRow format: el_tag', 'INCORRECT_DATA'),
    answer.modern(53, 'Type mismatch', 'TYPE_MISMATCH'),
  ])
    assert.equal(refusesRows(error), true, error.message);
});

test('the network, overload, shutdown and configuration mistakes are retried', () => {
  for (const error of [
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' }),
    new Error('Timeout error.'),
    answer.legacy(252, 'Too many parts (300). Merges are processing significantly slower than inserts'),
    answer.legacy(241, 'Memory limit (for query) exceeded'),
    answer.legacy(60, "Table sluice.events doesn't exist."),
    answer.legacy(392, 'Cannot execute query. DDL queries are prohibited for the user'),
    answer.modern(202, 'Too many simultaneous queries', 'TOO_MANY_SIMULTANEOUS_QUERIES'),
    answer.modern(516, 'sluice_ingest: Authentication failed', 'AUTHENTICATION_FAILED'),
    answer.modern(497, 'sluice_ingest: Not enough privileges', 'ACCESS_DENIED'),
    answer.modern(81, 'Database sluice does not exist', 'UNKNOWN_DATABASE'),
  ])
    assert.equal(refusesRows(error), false, error.message);
});

test("the dead letter's reason is ClickHouse's message on one line, with its code", () => {
  assert.equal(
    refusalReason(
      answer.modern(117, 'Unknown field found while parsing JSONEachRow format: el_tag', 'INCORRECT_DATA'),
    ),
    'Code: 117. Unknown field found while parsing JSONEachRow format: el_tag.',
  );
  assert.equal(
    refusalReason(answer.legacy(25, 'Cannot parse escape sequence: missing second part of surrogate pair')),
    'Code: 25, e.displayText() = DB::Exception: Cannot parse escape sequence: missing second part of surrogate pair, e.what() = DB::Exception',
  );
  assert.equal(refusalReason(answer.legacy(27, 'x'.repeat(5000))).length, 1001);
});
