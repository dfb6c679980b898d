import assert from 'node:assert/strict';
import { test } from 'vitest';
import { siteDomain } from '../src/sites/site-domain.js';

test('a pasted URL or host becomes the lower-case host the API takes; anything else stays for its 400', () => {
  assert.equal(siteDomain('https://My-Shop.example/'), 'my-shop.example');
  assert.equal(siteDomain('  http://shop.example.com:8443/pricing?x=1 '), 'shop.example.com');
  assert.equal(siteDomain('Shop.Example.com.'), 'shop.example.com');
  assert.equal(siteDomain('shop.example.com'), 'shop.example.com');
  assert.equal(siteDomain('not a domain'), 'not a domain');
});
