import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bind, render, sql, SqlBindError } from '../src/clickhouse/sql-binder.js';

describe('the SQL binder', () => {
  test('strings are quoted, with backslashes, quotes and NUL escaped', () => {
    assert.equal(render(bind.string('plain')), "'plain'");
    assert.equal(render(bind.string("it's")), "'it\\'s'");
    assert.equal(render(bind.string('a\\b')), "'a\\\\b'");
    assert.equal(render(bind.string("\\' OR 1=1 --")), "'\\\\\\' OR 1=1 --'");
    assert.equal(render(bind.string('nul\0byte')), "'nul\\0byte'");
    assert.equal(render(bind.string('')), "''");
    assert.throws(() => bind.string(1 as unknown as string), SqlBindError);
  });

  test('integers must be UInt32', () => {
    assert.equal(render(bind.uint32(0)), '0');
    assert.equal(render(bind.uint32(4_294_967_295)), '4294967295');
    for (const bad of [-1, 1.5, 2 ** 32, Number.NaN, Infinity, '1' as unknown as number]) {
      assert.throws(() => bind.uint32(bad), SqlBindError, String(bad));
    }
  });

  test('64-bit integers must be UInt64 bigints', () => {
    assert.equal(render(bind.uint64(0n)), '0');
    assert.equal(render(bind.uint64(2n ** 64n - 1n)), '18446744073709551615');
    for (const bad of [-1n, 2n ** 64n, 1 as unknown as bigint, '1' as unknown as bigint]) {
      assert.throws(() => bind.uint64(bad), SqlBindError, String(bad));
    }
  });

  test('dates must be real YYYY-MM-DD days', () => {
    assert.equal(render(bind.date('2028-02-29')), "toDate('2028-02-29')");
    for (const bad of ['2026-02-30', '2026-13-01', '20261120', '2026-11-20 ', "2026-11-20') OR (1=1", '']) {
      assert.throws(() => bind.date(bad), SqlBindError, bad);
    }
  });

  test('time zones must match the whitelist pattern and be known', () => {
    for (const good of [
      'UTC',
      'Europe/Berlin',
      'America/Argentina/Buenos_Aires',
      'Etc/GMT+5',
      'America/Port-au-Prince',
    ]) {
      assert.equal(render(bind.timeZone(good)), `'${good}'`);
    }
    for (const bad of [
      "UTC'",
      "UTC')--",
      'Mars/Olympus_Mons',
      '../etc/passwd',
      'Europe/Berlin\0',
      '',
      ' UTC',
    ]) {
      assert.throws(() => bind.timeZone(bad), SqlBindError, bad);
    }
  });

  test('a day starts at local midnight in its time zone', () => {
    assert.equal(
      render(bind.startOfDay('2026-11-20', 'Europe/Berlin')),
      "toDateTime('2026-11-20 00:00:00', 'Europe/Berlin')",
    );
    assert.throws(() => bind.startOfDay('2026-02-30', 'UTC'), SqlBindError);
    assert.throws(() => bind.startOfDay('2026-11-20', "UTC')--"), SqlBindError);
  });

  test('sql joins text with bound fragments only', () => {
    assert.equal(
      render(sql`SELECT ${bind.uint32(1)} AS a, ${bind.string('x')} AS b`),
      "SELECT 1 AS a, 'x' AS b",
    );
    assert.equal(render(sql`SELECT ${sql`${bind.uint32(2)} + 1`}`), 'SELECT 2 + 1');
  });
});
