import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import type { FlagsDocument } from '@sluice/config';
import { eventRow, signIn, startSignedInApp, type TestStores } from './harness.js';
import { reportClient } from './report-client.js';

let stores: TestStores;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;

before(async () => ({ stores, http, token, stop } = await startSignedInApp()));
after(() => stop?.());

const as = (method: 'get' | 'post' | 'patch' | 'delete', path: string, bearer = token) =>
  http[method](`/api${path}`).set('authorization', `Bearer ${bearer}`);

const client = reportClient(
  () => http,
  () => token,
);
const newSite = (domain: string) => client.newSite(domain, 'UTC');

/** A user with `role` on `siteIds` only, signed in with their own password. */
async function newUser(email: string, role: 'viewer' | 'admin', siteIds: number[]): Promise<string> {
  const { body: created } = await as('post', '/users').send({ email, role, siteIds }).expect(201);
  const first = await signIn(http, { email, password: created.oneTimePassword });
  const { body } = await http
    .post('/api/auth/password')
    .set('authorization', `Bearer ${first}`)
    .send({ currentPassword: created.oneTimePassword, newPassword: `${email}-own-password` })
    .expect(200);
  return body.accessToken as string;
}

/** The document the edge reads for the site (SLUICE_FLAGS_DIR's default: beside the sites file). */
const published = (siteId: number): FlagsDocument =>
  JSON.parse(readFileSync(join(dirname(stores.sitesFile), 'flags', `${siteId}.json`), 'utf8'));

const CHECKOUT = {
  key: 'new-checkout',
  description: 'One-step checkout',
  enabled: true,
  rollout: 50,
  variants: [
    { key: 'control', weight: 50 },
    { key: 'one-step', weight: 50 },
  ],
  rules: [{ attribute: 'path', operator: 'in', values: ['/checkout*'] }],
};

describe('feature flags through the API', () => {
  test('created, listed, changed and deleted by the rules, audited, and published for the edge at each change', async () => {
    const site = await newSite('flags-crud.test');
    const viewer = await newUser('flag-viewer@shop.test', 'viewer', [site]);
    const editor = await newUser('flag-editor@shop.test', 'admin', [site]);
    assert.equal(existsSync(join(dirname(stores.sitesFile), 'flags', `${site}.json`)), false);

    const { body: created } = await as('post', `/sites/${site}/flags`, editor).send(CHECKOUT).expect(201);
    assert.deepEqual(
      { ...created, createdAt: typeof created.createdAt },
      {
        id: created.id,
        siteId: site,
        ...CHECKOUT,
        createdAt: 'string',
      },
    );
    const { body: beta } = await as('post', `/sites/${site}/flags`).send({ key: 'beta' }).expect(201);
    assert.deepEqual(
      [beta.description, beta.enabled, beta.rollout, beta.variants, beta.rules],
      ['', false, 100, [], []],
    );
    const first = published(site);
    assert.deepEqual(first.flags, [
      { key: 'beta', enabled: false, rollout: 100, variants: [], rules: [] },
      { key: 'new-checkout', enabled: true, rollout: 50, variants: CHECKOUT.variants, rules: CHECKOUT.rules },
    ]);
    assert.match(first.version, /^[0-9a-f]{16}$/);

    const { body: listed } = await as('get', `/sites/${site}/flags`, viewer).expect(200);
    assert.deepEqual(listed, [beta, created]);
    // A viewer reads flags but may not change them.
    await as('post', `/sites/${site}/flags`, viewer).send({ key: 'x' }).expect(403);
    await as('patch', `/sites/${site}/flags/${beta.id}`, viewer).send({ enabled: true }).expect(403);
    await as('delete', `/sites/${site}/flags/${beta.id}`, viewer).expect(403);

    const { body: changed } = await as('patch', `/sites/${site}/flags/${beta.id}`, editor)
      .send({ enabled: true, rollout: 10 })
      .expect(200);
    assert.deepEqual(changed, { ...beta, enabled: true, rollout: 10 });
    const second = published(site);
    assert.deepEqual(second.flags[0], { key: 'beta', enabled: true, rollout: 10, variants: [], rules: [] });
    assert.notEqual(second.version, first.version);

    await as('delete', `/sites/${site}/flags/${created.id}`, editor).expect(204);
    await as('delete', `/sites/${site}/flags/${created.id}`).expect(404);
    assert.deepEqual((await as('get', `/sites/${site}/flags`).expect(200)).body, [changed]);
    assert.deepEqual(
      published(site).flags.map(({ key }) => key),
      ['beta'],
    );

    const { body: entries } = await as('get', '/audit?limit=4').expect(200);
    assert.deepEqual(
      (entries as Array<{ action: string; target: string; details: unknown }>).map(
        ({ action, target, details }) => ({ action, target, details }),
      ),
      [
        { action: 'flag.delete', target: `site:${site}`, details: { flag: created.id, key: 'new-checkout' } },
        {
          action: 'flag.update',
          target: `site:${site}`,
          details: { flag: beta.id, enabled: true, rollout: 10 },
        },
        {
          action: 'flag.create',
          target: `site:${site}`,
          details: {
            flag: beta.id,
            key: 'beta',
            description: '',
            enabled: false,
            rollout: 100,
            variants: [],
            rules: [],
          },
        },
        { action: 'flag.create', target: `site:${site}`, details: { flag: created.id, ...CHECKOUT } },
      ],
    );
  });

  test('bad input is a 400 naming the field and the rule; a taken key a 409', async () => {
    const site = await newSite('flags-input.test');
    const { body: flag } = await as('post', `/sites/${site}/flags`).send({ key: 'taken' }).expect(201);
    const refused = async (method: 'post' | 'patch', body: object) => {
      const path = method === 'post' ? `/sites/${site}/flags` : `/sites/${site}/flags/${flag.id}`;
      const { status, body: answer } = await as(method, path).send(body);
      return [status, answer.code, answer.message];
    };
    const keyRule = 'key must be 1 to 64 lower-case letters and digits, words joined by - or _';
    assert.deepEqual(await refused('post', { key: 'New Checkout' }), [400, 'validation_failed', keyRule]);
    assert.deepEqual(await refused('post', {}), [400, 'validation_failed', keyRule]);
    assert.deepEqual(await refused('post', { key: 'taken' }), [
      409,
      'conflict',
      'key: the site already has a flag "taken"',
    ]);
    assert.deepEqual(await refused('patch', { rollout: 101 }), [
      400,
      'validation_failed',
      'rollout must be a whole percentage, 0 to 100',
    ]);
    assert.deepEqual(await refused('patch', { enabled: 'yes' }), [
      400,
      'validation_failed',
      'enabled must be true or false',
    ]);
    assert.deepEqual(
      await refused('patch', {
        variants: [
          { key: 'a', weight: 60 },
          { key: 'b', weight: 30 },
        ],
      }),
      [400, 'validation_failed', 'variants: the weights must sum to 100'],
    );
    assert.deepEqual(await refused('patch', { variants: [{ key: 'a', weight: 100 }] }), [
      400,
      'validation_failed',
      'variants: a flag has none (on/off) or at least 2',
    ]);
    assert.deepEqual(
      await refused('patch', {
        variants: [
          { key: 'a', weight: 50 },
          { key: 'a', weight: 50 },
        ],
      }),
      [400, 'validation_failed', 'variants: each variant needs a key of its own'],
    );
    assert.deepEqual(
      await refused('patch', { rules: [{ attribute: 'shoe', operator: 'in', values: ['42'] }] }),
      [400, 'validation_failed', 'attribute must be one of path, country, device, browser, userId'],
    );
    assert.deepEqual(
      await refused('patch', { rules: [{ attribute: 'country', operator: 'in', values: [] }] }),
      [400, 'validation_failed', 'values must hold 1 to 50 values'],
    );
    assert.deepEqual(
      await refused('patch', { rules: [{ attribute: 'userId', operator: 'in', values: ['yes'] }] }),
      [400, 'validation_failed', 'rules: a userId rule takes the values present or absent'],
    );
    assert.deepEqual(await refused('patch', { key: null }), [
      400,
      'validation_failed',
      'key: must be given, not null',
    ]);
    // A site has at most 100 flags: the edge evaluates them all for each page.
    for (let n = 1; n < 100; n += 1)
      await as('post', `/sites/${site}/flags`)
        .send({ key: `f${n}` })
        .expect(201);
    assert.deepEqual(await refused('post', { key: 'one-too-many' }), [
      409,
      'conflict',
      'key: a site has at most 100 flags; delete one first',
    ]);
    for (let n = 1; n < 100; n += 1) {
      const { body: listed } = await as('get', `/sites/${site}/flags`).expect(200);
      await as(
        'delete',
        `/sites/${site}/flags/${listed.find(({ key }: { key: string }) => key === `f${n}`).id}`,
      ).expect(204);
    }
    // Nothing refused was stored or published.
    assert.deepEqual((await as('get', `/sites/${site}/flags`).expect(200)).body, [flag]);
    assert.deepEqual(published(site).flags, [
      { key: 'taken', enabled: false, rollout: 100, variants: [], rules: [] },
    ]);
  });

  test("site B's flags are a 404 to a user without B, like a missing site's; B's flag is missing in A", async () => {
    const siteA = await newSite('flags-a.test');
    const siteB = await newSite('flags-b.test');
    const onlyA = await newUser('flag-admin-a@shop.test', 'admin', [siteA]);
    const { body: flagB } = await as('post', `/sites/${siteB}/flags`).send({ key: 'secret' }).expect(201);
    const answers = async (bearer: string, site: number) =>
      Promise.all([
        as('get', `/sites/${site}/flags`, bearer),
        as('post', `/sites/${site}/flags`, bearer).send({ key: 'probe' }),
        as('patch', `/sites/${site}/flags/${flagB.id}`, bearer).send({ enabled: true }),
        as('delete', `/sites/${site}/flags/${flagB.id}`, bearer),
      ]).then((all) => all.map(({ status, body }) => [status, body.code]));
    const notFound = [404, 'not_found'];
    assert.deepEqual(await answers(onlyA, siteB), [notFound, notFound, notFound, notFound]);
    assert.deepEqual(await answers(onlyA, 999_999), [notFound, notFound, notFound, notFound]);
    // B's flag id under A is missing too.
    assert.deepEqual((await answers(onlyA, siteA)).slice(2), [notFound, notFound]);
    assert.deepEqual(
      published(siteB).flags.map(({ key, enabled }) => [key, enabled]),
      [['secret', false]],
    );
  });
});

describe('exposures in the reports', () => {
  /**
   * Four visits on one day: three saw `checkout` (recorded by the tracker as `$flag`), two of them signed up
   * afterwards; one never read the flag.
   */
  async function seedExposures(site: number): Promise<void> {
    const exposure = (visitor: string, variant: string, second: number) =>
      eventRow({
        site_id: site,
        session_id: `s-${visitor}`,
        visitor_id: visitor,
        name: '$flag',
        props_keys: ['flag', 'variant'],
        props_values: ['checkout', variant],
        ts: `2026-11-20 10:00:${String(second).padStart(2, '0')}`,
      });
    const signup = (visitor: string) =>
      eventRow({
        site_id: site,
        session_id: `s-${visitor}`,
        visitor_id: visitor,
        name: 'signup',
        ts: '2026-11-20 10:05:00',
      });
    await stores.insertEvents([
      exposure('v1', 'control', 1),
      signup('v1'),
      exposure('v2', 'one-step', 2),
      signup('v2'),
      exposure('v3', 'one-step', 3),
      eventRow({ site_id: site, session_id: 's-v4', visitor_id: 'v4', ts: '2026-11-20 10:00:04' }),
    ]);
  }

  const day = { from: '2026-11-20', to: '2026-11-20' };
  const byVariant = JSON.stringify([{ dimension: 'prop_key', operator: 'is', value: 'variant' }]);

  test('a property breakdown gives the visitors of each variant; a funnel from each variant’s exposure to signup', async () => {
    const site = await newSite('flags-reports.test');
    await seedExposures(site);
    const { body: breakdown } = await client
      .report(site, 'breakdown', { ...day, dimension: 'prop_value', filters: byVariant })
      .expect(200);
    assert.deepEqual(
      breakdown.rows.map(({ value, metrics }: { value: string; metrics: { visitors: number } }) => [
        value,
        metrics.visitors,
      ]),
      [
        ['one-step', 2],
        ['control', 1],
      ],
    );

    // A funnel per variant: its first step the exposure to that variant.
    const reachedFrom = async (variant: string) => {
      const steps = JSON.stringify([
        { kind: 'event', match: '$flag', propertyKey: 'variant', propertyValue: variant },
        { kind: 'event', match: 'signup' },
      ]);
      const { body } = await client.report(site, 'funnel', { ...day, steps }).expect(200);
      return body.steps.map(({ visitors }: { visitors: number }) => visitors);
    };
    assert.deepEqual(await reachedFrom('one-step'), [2, 1]);
    assert.deepEqual(await reachedFrom('control'), [1, 1]);
  });
});
