import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  CONTRACT_JSON_PATH,
  DECIMAL_SCALE,
  EVENT_CONTRACT,
  EVENT_ROW,
  EVENT_ROW_FIELDS,
  REVENUE,
  rowProblems,
  sampleEventRow,
  type EventRow,
  type RowFieldSpec,
} from '../src';

const GOOD: EventRow = sampleEventRow({ props_keys: ['plan'], props_values: ['pro'] });

test('a conforming row has no problems', () => {
  assert.deepEqual(rowProblems(GOOD), []);
});

test('a renamed field is reported both as missing and as unknown', () => {
  const { pathname, ...rest } = GOOD;
  assert.deepEqual(rowProblems({ ...rest, path: pathname }), [
    'pathname: missing',
    'path: not in the event contract',
  ]);
});

test('types and limits are checked', () => {
  const cases: Array<[Partial<Record<keyof EventRow, unknown>>, string]> = [
    [{ event_id: '6F1C2A3B-1111-4222-8333-444455556666' }, 'event_id: not a lower-case UUID'],
    [{ site_id: -1 }, 'site_id: not a UInt32'],
    [{ site_id: 2 ** 32 }, 'site_id: not a UInt32'],
    [{ ts: '2026-11-23T01:02:03Z' }, 'ts: not YYYY-MM-DD hh:mm:ss'],
    [{ name: 7 }, 'name: not a string'],
    [{ name: 'é'.repeat(33) }, 'name: longer than 64 bytes'],
    [{ props_keys: ['a', 2] }, 'props_keys: not an array of strings'],
    [
      { props_keys: Array(33).fill('k'), props_values: Array(33).fill('v') },
      'props_keys: more than 32 items',
    ],
  ];
  for (const [change, problem] of cases) {
    assert.ok(
      rowProblems({ ...GOOD, ...change }).includes(problem),
      `${JSON.stringify(change)} → ${problem}`,
    );
  }
  const decimals: Array<[unknown, string[]]> = [
    [19.99, []],
    [0.0001, []],
    [99_999_999_999.9999, []],
    [1.23456, ['revenue_amount: more than 4 digits after the point']],
    [0.00001, ['revenue_amount: more than 4 digits after the point']],
    [100_000_000_000, ['revenue_amount: above 99999999999.9999']],
    [-5, ['revenue_amount: not a finite number ≥ 0']],
    ['19.99', ['revenue_amount: not a finite number ≥ 0']],
  ];
  for (const [amount, problems] of decimals) {
    assert.deepEqual(rowProblems({ ...GOOD, revenue_amount: amount }), problems, `revenue_amount ${amount}`);
  }
  assert.deepEqual(rowProblems({ ...GOOD, props_values: [] }), [
    'props_keys and props_values differ in length',
  ]);
  assert.deepEqual(rowProblems(null), ['not a JSON object']);
});

test('the generated JSON is the contract, for readers that are not TypeScript', () => {
  const json = JSON.parse(readFileSync(CONTRACT_JSON_PATH, 'utf8')) as typeof EVENT_CONTRACT;
  assert.deepEqual(json, JSON.parse(JSON.stringify(EVENT_CONTRACT)));
  assert.deepEqual(json.fields, EVENT_ROW_FIELDS);
});

test('a field left out stands for its default; a required one must be there', () => {
  const required = EVENT_ROW_FIELDS.filter((field) => (EVENT_ROW[field] as RowFieldSpec).required);
  assert.deepEqual(required, ['event_id', 'site_id', 'ts', 'name', 'hostname', 'pathname', 'visitor_id']);
  const onlyRequired = Object.fromEntries(required.map((field) => [field, GOOD[field]]));
  assert.deepEqual(rowProblems(onlyRequired), []);
  for (const field of required) {
    const { [field]: _left, ...without } = onlyRequired;
    assert.deepEqual(rowProblems(without), [`${field}: missing`]);
  }
  const { props_values: _values, ...keysAlone } = GOOD;
  assert.deepEqual(rowProblems(keysAlone), ['props_keys and props_values differ in length']);
});

test('revenue currencies are ISO 4217 codes whose minor unit the decimal type keeps', () => {
  const { currencies } = REVENUE;
  assert.equal(new Set(currencies).size, currencies.length, 'no code twice');
  for (const code of currencies) assert.match(code, /^[A-Z]{3}$/);
  // ICU's list of ISO 4217 currencies (Node's own): a mistyped code is not in it.
  const known = new Set(Intl.supportedValuesOf('currency'));
  assert.deepEqual(
    currencies.filter((code) => !known.has(code)),
    [],
  );
  const minorDigits = (currency: string) =>
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 0;
  assert.deepEqual(
    currencies.filter((code) => minorDigits(code) > DECIMAL_SCALE),
    [],
  );
  assert.ok(currencies.includes('EUR') && currencies.includes('JPY') && currencies.includes('KWD'));
});
