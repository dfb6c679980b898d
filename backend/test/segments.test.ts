import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { isUniqueViolation, refusingDuplicates } from '../src/common/unique-violation.js';
import { SegmentsRepository } from '../src/segments/segments.repository.js';
import { ownerRequests, OWNER, startSignedInApp, assertHiddenLikeMissing } from './harness.js';

let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;

before(async () => ({ app, http, token, stop } = await startSignedInApp()));
after(() => stop?.());

const { as, newSite, userOf } = ownerRequests(
  () => http,
  () => token,
);

/** Saves a segment as `bearer` (the owner unless said), expecting it stored: the answer. */
async function save(site: number, name: string, filters: string[], bearer = token) {
  return (await as('post', `/sites/${site}/segments`, bearer).send({ name, filters }).expect(201)).body;
}

const listed = async (site: number, bearer = token) =>
  (await as('get', `/sites/${site}/segments`, bearer).expect(200)).body;

describe('segments through the API', () => {
  test('saved, listed by name, changed and deleted by the rules, each change audited', async () => {
    const site = await newSite('segments-crud.test');
    const admin = await userOf('segments-admin@shop.test', 'admin', [site]);
    const viewer = await userOf('segments-viewer@shop.test', 'viewer', [site]);

    const germans = await save(site, '  Germans on phones ', ['country:DE', 'device:mobile'], admin);
    assert.deepEqual(
      { ...germans, createdAt: typeof germans.createdAt },
      {
        id: germans.id,
        siteId: site,
        name: 'Germans on phones',
        filters: ['country:DE', 'device:mobile'],
        author: 'segments-admin@shop.test',
        createdAt: 'string',
      },
    );
    const blog = await save(site, 'Blog readers', ['page:matches:/blog/**', 'referrer_source:is_not:Google']);
    assert.equal(blog.author, OWNER.email);
    assert.deepEqual(await listed(site, viewer), [blog, germans], 'by name');

    // A viewer applies segments but may not write them.
    for (const [method, path] of [
      ['post', `/sites/${site}/segments`],
      ['patch', `/sites/${site}/segments/${germans.id}`],
      ['delete', `/sites/${site}/segments/${germans.id}`],
    ] as const) {
      const refused = await as(method, path, viewer).send({ name: 'x', filters: ['country:FR'] });
      assert.deepEqual([refused.status, refused.body.code], [403, 'forbidden'], `${method} ${path}`);
    }

    // One name, one segment: a second is a 409, a rename onto it too; its own name again is no change.
    const taken = await as('post', `/sites/${site}/segments`).send({
      name: 'Blog readers',
      filters: ['os:iOS'],
    });
    assert.deepEqual(
      [taken.status, taken.body],
      [
        409,
        {
          statusCode: 409,
          code: 'conflict',
          message: 'name: the site has a segment named "Blog readers" already',
        },
      ],
    );
    await as('patch', `/sites/${site}/segments/${germans.id}`).send({ name: 'Blog readers' }).expect(409);
    const { body: widened } = await as('patch', `/sites/${site}/segments/${germans.id}`)
      .send({ name: 'Germans on phones', filters: ['country:DE'] })
      .expect(200);
    assert.deepEqual(widened, { ...germans, filters: ['country:DE'] }, 'its author stays who saved it');
    await as('delete', `/sites/${site}/segments/${blog.id}`, admin).expect(204);
    const again = await as('delete', `/sites/${site}/segments/${blog.id}`, admin).expect(404);
    assert.deepEqual(again.body, {
      statusCode: 404,
      code: 'not_found',
      message: `segment ${blog.id} not found`,
    });
    assert.deepEqual(await listed(site), [widened]);

    const { body: entries } = await as('get', '/audit?limit=4').expect(200);
    assert.deepEqual(
      (entries as Array<{ actorEmail: string; action: string; details: unknown }>).map(
        ({ actorEmail, action, details }) => ({ actorEmail, action, details }),
      ),
      [
        {
          actorEmail: 'segments-admin@shop.test',
          action: 'segment.delete',
          details: {
            segment: blog.id,
            name: 'Blog readers',
            filters: ['page:matches:/blog/**', 'referrer_source:is_not:Google'],
          },
        },
        {
          actorEmail: OWNER.email,
          action: 'segment.update',
          details: { segment: germans.id, name: 'Germans on phones', filters: ['country:DE'] },
        },
        {
          actorEmail: OWNER.email,
          action: 'segment.create',
          details: { segment: blog.id, name: 'Blog readers', filters: blog.filters },
        },
        {
          actorEmail: 'segments-admin@shop.test',
          action: 'segment.create',
          details: {
            segment: germans.id,
            name: 'Germans on phones',
            filters: ['country:DE', 'device:mobile'],
          },
        },
      ],
    );
  });

  test('bad input is a 400 naming the field and the rule, and nothing refused is stored', async () => {
    const site = await newSite('segments-input.test');
    const kept = await save(site, 'Kept', ['country:DE']);
    const conditionRule =
      /^filters\.1: must be dimension:value or dimension:operator:value, with a dimension of page, /;
    const cases: Array<[object, string | RegExp]> = [
      [{ name: '', filters: ['country:DE'] }, 'name must be 1 to 80 characters, not only spaces'],
      [{ name: 'x'.repeat(81), filters: ['country:DE'] }, 'name must be 1 to 80 characters, not only spaces'],
      [{ name: 'a\u0000b', filters: ['country:DE'] }, 'name must not contain the NUL character'],
      [{ name: 'None', filters: [] }, 'filters must hold at least one condition'],
      [{ name: 'Many', filters: Array(21).fill('country:DE') }, 'filters must hold at most 20 conditions'],
      [{ name: 'Text', filters: 'country:DE' }, 'filters must be a list of conditions'],
      [{ name: 'Numbers', filters: [7] }, 'each of filters must be a string'],
      [{ name: 'Unknown', filters: ['country:DE', 'shoe_size:44'] }, conditionRule],
      [{ name: 'Operator', filters: ['country:DE', 'country:contains:D'] }, conditionRule],
      [{ name: 'Nul', filters: ['country:DE', 'page:/a\u0000'] }, conditionRule],
      [{ name: 'Extra', filters: ['country:DE'], siteId: 2 }, 'property siteId should not exist'],
    ];
    for (const [body, message] of cases) {
      const response = await as('post', `/sites/${site}/segments`).send(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.code, 'validation_failed');
      const text = [response.body.message].flat().join('\n');
      if (typeof message === 'string') assert.equal(text, message, JSON.stringify(body));
      else assert.match(text, message, JSON.stringify(body));
    }
    const patched = await as('patch', `/sites/${site}/segments/${kept.id}`).send({
      filters: ['device:x', 'os:'],
    });
    assert.equal(patched.status, 200, 'any value of a dimension, an empty one too, is a condition');
    await as('patch', `/sites/${site}/segments/${kept.id}`).send({ filters: null }).expect(400);
    assert.deepEqual(
      (await listed(site)).map(({ name, filters }: { name: string; filters: string[] }) => [name, filters]),
      [['Kept', ['device:x', 'os:']]],
    );
  });

  test('a name taken between the check and the insert: the unique index refuses it, and the refusal is the conflict', async () => {
    const site = await newSite('segments-race.test');
    await save(site, 'Twins', ['os:iOS']);
    // As a second request would that passed the check before the first one's insert: straight to the insert.
    const repository = app.get(SegmentsRepository);
    const insert = () => repository.create(site, 1, { name: 'Twins', filters: '["os:Android"]' });
    await assert.rejects(insert(), (error) => isUniqueViolation(error));
    await assert.rejects(
      refusingDuplicates(insert, () => new Error('taken')),
      { message: 'taken' },
    );
    assert.equal(isUniqueViolation(new Error('UNIQUE constraint failed')), false, 'only a database refusal');
    assert.deepEqual(
      (await listed(site)).map(({ filters }: { filters: string[] }) => filters),
      [['os:iOS']],
    );
  });

  test("another site's segments are a 404 to a user without it, like a missing site's; within a site, another site's segment is missing", async () => {
    const siteA = await newSite('segments-a.test');
    const siteB = await newSite('segments-b.test');
    const adminOfA = await userOf('segments-admin-of-a@shop.test', 'admin', [siteA]);
    const segmentB = await save(siteB, 'B', ['country:DE']);
    await assertHiddenLikeMissing((method, path) => as(method, path, adminOfA), siteB, [
      ['get', `/sites/${siteB}/segments`, undefined],
      ['post', `/sites/${siteB}/segments`, { name: 'x', filters: ['country:FR'] }],
      ['patch', `/sites/${siteB}/segments/${segmentB.id}`, { name: 'x' }],
      ['delete', `/sites/${siteB}/segments/${segmentB.id}`, undefined],
    ]);
    for (const bearer of [adminOfA, token]) {
      for (const method of ['patch', 'delete'] as const) {
        const inA = await as(method, `/sites/${siteA}/segments/${segmentB.id}`, bearer).send({ name: 'x' });
        assert.deepEqual([inA.status, inA.body.message], [404, `segment ${segmentB.id} not found`], method);
      }
    }
    // A name is a site's own: A may use B's.
    await save(siteA, 'B', ['country:FR'], adminOfA);
    assert.deepEqual(await listed(siteB), [segmentB], 'untouched by the refused changes');
  });
});
