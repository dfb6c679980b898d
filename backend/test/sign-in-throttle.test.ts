import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { loadAppConfig } from '../src/config/app-config.js';
import { SignInCounts } from '../src/auth/sign-in-counts.repository.js';
import { signInSource } from '../src/auth/sign-in-source.js';
import { OWNER, passwordVerifications, signIn, startTestStores, type TestStores } from './harness.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let ownerToken: string;

/**
 * Login throttling through the real app: guesses are counted before argon2 runs (the backend's own metric
 * says how many passwords it verified), and a guesser can't make a user wait where the user is.
 */
before(async () => {
  stores = await startTestStores();
  app = await createApp(loadAppConfig(stores.env), ['error', 'fatal']);
  await app.init();
  http = request(app.getHttpServer());
  ownerToken = await signIn(http, OWNER);
});

after(async () => {
  await app?.close();
  await stores?.stop();
});

const login = (email: string, password: string, address: string) =>
  http.post('/api/auth/login').set('x-forwarded-for', address).send({ email, password });

async function newUser(email: string, role: string) {
  const created = await http
    .post('/api/users')
    .set('authorization', `Bearer ${ownerToken}`)
    .send({ email, role })
    .expect(201);
  const first = await signIn(http, { email, password: created.body.oneTimePassword });
  const password = `${email}-own-password`;
  await http
    .post('/api/auth/password')
    .set('authorization', `Bearer ${first}`)
    .send({ currentPassword: created.body.oneTimePassword, newPassword: password })
    .expect(200);
  return { password };
}

const statuses = (responses: request.Response[]) =>
  responses.reduce<Record<number, number>>(
    (counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
    {},
  );

test('a source is an IPv4 address or an IPv6 /64; an IPv4-mapped address is its IPv4 address', () => {
  const cases: Record<string, string> = {
    '198.51.100.7': '198.51.100.7',
    '::ffff:198.51.100.7': '198.51.100.7',
    '::FFFF:c633:6407': '198.51.100.7',
    '2001:db8:a:b::1': '2001:db8:a:b::/64',
    '2001:0db8:000a:000b:ffff:ffff:ffff:ffff': '2001:db8:a:b::/64',
    '2001:db8::1': '2001:db8:0:0::/64',
    'fe80::1%eth0': 'fe80:0:0:0::/64',
    '64:ff9b::198.51.100.7': '64:ff9b:0:0::/64',
    '::1': '0:0:0:0::/64',
    '': '',
  };
  for (const [address, source] of Object.entries(cases)) assert.equal(signInSource(address), source, address);
});

test('past the free attempts each next one waits longer, doubling up to a ceiling; after a quiet spell it starts over', async () => {
  const counts = app.get(SignInCounts);
  const limit = { free: 2, firstDelayMs: 1_000, maxDelayMs: 5_000, forgetAfterMs: 60_000 };
  const start = 1_000_000;
  const reserve = (at: number) => counts.reserve('test:growing', limit, start + at);
  assert.equal(await reserve(0), undefined);
  assert.equal(await reserve(0), undefined, 'the second, free');
  assert.equal(await reserve(999), start + 1_000, 'then a second to wait');
  assert.equal(await reserve(999), start + 1_000, 'a refused attempt does not extend the wait');
  assert.equal(await reserve(1_000), undefined);
  assert.equal(await reserve(2_999), start + 3_000, 'two seconds');
  assert.equal(await reserve(3_000), undefined);
  assert.equal(await reserve(3_000), start + 7_000, 'four');
  assert.equal(await reserve(7_000), undefined);
  assert.equal(await reserve(7_000), start + 12_000, 'five, the ceiling, not eight');
  assert.equal(await reserve(12_000), undefined);
  assert.equal(await reserve(12_000), start + 17_000, 'five again');
  assert.equal(await reserve(12_000 + 60_000), undefined, 'forgotten: free again');
  assert.equal(await reserve(12_000 + 60_000), undefined);
});

test('a burst of 200 concurrent guesses gets the allowed 5 verified, the others a minute to wait', async (t) => {
  await newUser('burst@shop.test', 'viewer');
  const before = await passwordVerifications(http);
  // The clock held still through the burst, so every refused guess is told the same wait.
  const now = Date.now();
  t.mock.method(Date, 'now', () => now);
  const responses = await Promise.all(
    Array.from({ length: 200 }, (_, n) => login('burst@shop.test', `guess-${n}`, '198.51.100.200')),
  );
  assert.equal((await passwordVerifications(http)) - before, 5, 'passwords verified');
  assert.deepEqual(statuses(responses), { 401: 5, 429: 195 });
  const waits = responses.filter(({ status }) => status === 429).map(({ headers }) => headers['retry-after']);
  assert.deepEqual(waits, Array(195).fill('60'), 'a minute after the fifth guess, not a lock');
});

test('the owner signs in from their own address while the account is under attack from elsewhere', async () => {
  const owner = await newUser('second-owner@shop.test', 'owner');
  const home = '192.0.2.10';
  await login('second-owner@shop.test', owner.password, home).expect(200);
  await Promise.all(
    Array.from({ length: 200 }, (_, n) => login('second-owner@shop.test', `guess-${n}`, '203.0.113.66')),
  );
  for (let n = 1; n <= 30; n++) await login('second-owner@shop.test', `spread-${n}`, `203.0.113.${100 + n}`);
  await login('second-owner@shop.test', owner.password, home).expect(200);
  const elsewhere = await login('second-owner@shop.test', owner.password, '192.0.2.77').expect(429);
  assert.match(
    elsewhere.body.message,
    /^too many failed sign-ins: try again in \d+ seconds$/,
    'a new address waits',
  );
});

test('IPv6 addresses in one /64 share their limits; IPv4-mapped addresses count as the IPv4 one', async () => {
  await newUser('v6@shop.test', 'viewer');
  for (let n = 1; n <= 5; n++) await login('v6@shop.test', `guess-${n}`, `2001:db8:a:b::${n}`).expect(401);
  const sameNetwork = await login('v6@shop.test', 'guess-6', '2001:db8:a:b:ffff:ffff:ffff:ffff').expect(429);
  assert.equal(sameNetwork.body.code, 'too_many_requests');
  await login('v6@shop.test', 'guess-7', '2001:db8:a:c::1').expect(401);

  for (let n = 1; n <= 20; n++)
    await login(`spray-${n}@shop.test`, 'guess', `2001:db8:5:6::${n}`).expect(401);
  await login(OWNER.email, OWNER.password, '2001:db8:5:6:abcd::1').expect(429);
  await login(OWNER.email, OWNER.password, '2001:db8:5:7::1').expect(200);

  for (let n = 1; n <= 20; n++) await login(`mapped-${n}@shop.test`, 'guess', '203.0.113.9').expect(401);
  await login(OWNER.email, OWNER.password, '::ffff:203.0.113.9').expect(429);
});
