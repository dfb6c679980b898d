import assert from 'node:assert/strict';
import { test } from 'node:test';
import { literal, render, sql, SqlBindError } from '../src/clickhouse/sql-binder.js';

test('strings are quoted with backslashes, quotes and NUL escaped', () => {
  assert.equal(render(literal.string("it's")), "'it\\'s'");
  assert.equal(render(literal.string('a\\b')), "'a\\\\b'");
  assert.equal(render(literal.string("\\' OR 1=1 --")), "'\\\\\\' OR 1=1 --'");
  assert.equal(render(literal.string('nul\0byte')), "'nul\\0byte'");
});

test('integers must be UInt32', () => {
  assert.equal(render(literal.uint32(42)), '42');
  for (const bad of [-1, 1.5, 2 ** 32, Number.NaN]) assert.throws(() => literal.uint32(bad), SqlBindError);
});

test('day starts need a real date and a real time zone', () => {
  assert.equal(
    render(literal.startOfDayIn('2026-11-20', 'Europe/Berlin')),
    "toDateTime('2026-11-20 00:00:00', 'Europe/Berlin')",
  );
  assert.throws(() => literal.startOfDayIn('2026-02-30', 'UTC'), SqlBindError);
  assert.throws(() => literal.startOfDayIn("2026-11-20' OR 1=1", 'UTC'), SqlBindError);
  assert.throws(() => literal.startOfDayIn('2026-11-20', "UTC')--"), SqlBindError);
  assert.throws(() => literal.startOfDayIn('2026-11-20', 'Mars/Olympus_Mons'), SqlBindError);
});

test('sql joins fragments only', () => {
  assert.equal(
    render(sql`SELECT ${literal.uint32(1)} AS a, ${literal.string('x')} AS b`),
    "SELECT 1 AS a, 'x' AS b",
  );
});
