import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { open } from 'lmdb';
import { CallBudget } from '../src/naming/call-budget.js';
import { CircuitBreaker } from '../src/naming/circuit-breaker.js';
import { element } from './element-context-fixture.js';
import { MAX_EXCERPT_CHARS, sourceExcerpt } from '../src/naming/source-excerpt.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-naming-parts-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the daily budget is counted in LMDB: a reopened environment (a restart) has the same count', async () => {
  const path = join(dir, 'hot-state');
  const day = Date.parse('2026-12-01T10:00:00Z');
  let root = open({ path });
  const first = new CallBudget(root.openDB<number, string>({ name: 'naming-budget' }), () => day);
  assert.deepEqual([first.take(3), first.take(3)], [true, true]);
  await root.close();

  root = open({ path });
  const again = new CallBudget(root.openDB<number, string>({ name: 'naming-budget' }), () => day);
  assert.equal(again.used(), 2);
  assert.deepEqual([again.take(3), again.take(3)], [true, false]);
  const tomorrow = new CallBudget(
    root.openDB<number, string>({ name: 'naming-budget' }),
    () => day + 86_400_000,
  );
  assert.equal(tomorrow.take(3), true);
  await root.close();
});

test('the breaker: open after the threshold, one half-open probe at a time, closed by its success', () => {
  let now = 0;
  const breaker = new CircuitBreaker(2, 1000, () => now);
  breaker.failed();
  assert.equal(breaker.state, 'closed');
  breaker.failed();
  assert.deepEqual([breaker.state, breaker.allow()], ['open', false]);
  now = 1000;
  assert.deepEqual([breaker.state, breaker.allow(), breaker.allow()], ['half-open', true, false]);
  breaker.failed();
  assert.deepEqual([breaker.state, breaker.allow()], ['open', false]);
  now = 2000;
  assert.equal(breaker.allow(), true);
  breaker.succeeded();
  assert.deepEqual([breaker.state, breaker.allow()], ['closed', true]);
});

test('source excerpts: lines around the element in the checkout, bounded, never through a link out of it', async () => {
  const root = join(dir, 'site');
  const outside = join(dir, 'secrets');
  mkdirSync(join(root, 'src', 'checkout'), { recursive: true });
  mkdirSync(join(root, 'node_modules', 'lib'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(
    join(root, 'src', 'checkout', 'Checkout.tsx'),
    [
      'import x;',
      '',
      'export function Checkout() {',
      '  return <button id="place-order">Place Order</button>;',
      '}',
      '',
      '',
      '',
      '// end',
    ].join('\n'),
  );
  writeFileSync(join(root, 'node_modules', 'lib', 'a.js'), 'place-order in a dependency');
  writeFileSync(join(root, 'big.js'), `place-order ${'x'.repeat(300 * 1024)}`);
  writeFileSync(join(outside, 'token.js'), 'place-order SECRET_TOKEN');
  symlinkSync(outside, join(root, 'linked'));
  symlinkSync(join(outside, 'token.js'), join(root, 'src', 'token.js'));

  const excerpt = await sourceExcerpt(root, element({ id: 'place-order', text: 'Place Order' }));
  assert.equal(
    excerpt,
    [
      '// src/checkout/Checkout.tsx',
      'import x;',
      '',
      'export function Checkout() {',
      '  return <button id="place-order">Place Order</button>;',
      '}',
      '',
      '',
    ].join('\n'),
  );
  assert.equal(await sourceExcerpt(root, element({ id: 'nowhere-to-be-found' })), undefined);
  // Terms too short to mean anything look nothing up.
  assert.equal(await sourceExcerpt(root, element({ id: 'x' })), undefined);

  for (let n = 0; n < 6; n++)
    writeFileSync(join(root, `page-${n}.html`), `<a class="cta">${'Join '.repeat(100)}</a>`);
  const many = await sourceExcerpt(root, element({ classes: 'cta' }));
  assert.equal(many?.match(/^\/\/ /gm)?.length, 3, 'three files at most');
  assert.ok(many!.length <= MAX_EXCERPT_CHARS);
});
