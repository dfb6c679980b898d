import assert from 'node:assert/strict';
import { test } from 'node:test';
import { element } from './element-context-fixture.js';
import { foldText, heuristicName, pathPattern } from '../src/naming/heuristic-name.js';

test('page paths fold numbers, UUIDs and long hex ids into :id, and drop query and fragment', () => {
  assert.equal(pathPattern('/orders/10453/items/7'), '/orders/:id/items/:id');
  assert.equal(pathPattern('/u/3f2b8c1e-9a4d-4c7b-8e2f-1a2b3c4d5e6f/profile'), '/u/:id/profile');
  assert.equal(pathPattern('/commit/9fceb02d0ae598e95dc970b74767f19372d61af8'), '/commit/:id');
  assert.equal(pathPattern('/invoices/inv-2024010199?tab=2#top'), '/invoices/:id');
  assert.equal(pathPattern('/checkout/'), '/checkout');
  assert.equal(pathPattern(''), '/');
  // Words with a few digits are pages, not records.
  assert.equal(pathPattern('/blog/top-10-tips/v2'), '/blog/top-10-tips/v2');
});

test('the verb says what the action was; the label is the text, else the id, else the link target, else the tag', () => {
  assert.equal(
    heuristicName(element({ text: '  Place \n  Order ', id: 'po', path: '/checkout' })),
    "Clicked 'Place Order' on /checkout",
  );
  assert.equal(
    heuristicName(element({ eventName: '$form_submit', tag: 'form', id: 'signup', path: '/join/42' })),
    "Submitted 'signup' on /join/:id",
  );
  assert.equal(
    heuristicName(
      element({ eventName: '$download', tag: 'a', href: 'https://shop.test/files/Price%20list.pdf' }),
    ),
    "Downloaded 'Price list.pdf' on /",
  );
  assert.equal(
    heuristicName(element({ eventName: '$outbound', tag: 'a', href: 'https://github.com/' })),
    "Opened 'github.com' on /",
  );
  assert.equal(heuristicName(element({ tag: 'div', path: '/pricing' })), 'Clicked a div on /pricing');
  assert.equal(heuristicName(element({ tag: 'input' })), 'Clicked an input on /');
  assert.equal(heuristicName(element({ tag: '' })), 'Clicked an element on /');
});

test('labels are bounded, quotes inside them changed, invisible characters dropped', () => {
  assert.equal(
    heuristicName(element({ text: 'Subscribe to our newsletter and get 10% off your very first order' })),
    "Clicked 'Subscribe to our newsletter and get 10%…' on /",
  );
  assert.equal(heuristicName(element({ text: "Don't miss" })), "Clicked 'Don’t miss' on /");
  assert.equal(foldText('Pa\u200by\u202e now\u0007', 40), 'Pay now');
  assert.equal(foldText('\u{1F600}'.repeat(50), 5), '\u{1F600}'.repeat(4) + '…');
});
