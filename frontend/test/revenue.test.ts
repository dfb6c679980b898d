import assert from 'node:assert/strict';
import { test } from 'vitest';
import { revenueCurrencies, revenueIn, shownCurrency } from '../src/shared/revenue.js';

test("a table's currencies: the one most rows have revenue in first, then alphabetically", () => {
  assert.deepEqual(
    revenueCurrencies([{ USD: '1' }, undefined, { USD: '2', GBP: '3' }, { EUR: '4', GBP: '5' }, {}]),
    ['GBP', 'USD', 'EUR'],
  );
  assert.deepEqual(revenueCurrencies([undefined, {}]), [], 'no revenue, no currency');
});

test('the currency shown: the one named where the table has it, else its first', () => {
  assert.equal(shownCurrency(['GBP', 'USD'], 'USD'), 'USD');
  assert.equal(shownCurrency(['GBP', 'USD'], 'EUR'), 'GBP', 'a currency the table lacks');
  assert.equal(shownCurrency(['GBP', 'USD'], null), 'GBP');
  assert.equal(shownCurrency([], 'EUR'), undefined);
});

test("a row's revenue in one currency, never another's amount", () => {
  assert.equal(revenueIn({ EUR: '19.8', USD: '5' }, 'EUR', 'en-US'), '€19.80');
  assert.equal(revenueIn({ USD: '5' }, 'EUR', 'en-US'), '—');
  assert.equal(revenueIn(undefined, 'EUR', 'en-US'), '—');
});
