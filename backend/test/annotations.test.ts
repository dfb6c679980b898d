import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Annotation } from '../src/annotations/annotation.entity.js';
import { SiteRecord } from '../src/sites/site.entity.js';
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

/** Writes an annotation as `bearer` (the owner unless said), expecting it stored: the answer. */
async function annotate(site: number, date: string, text: string, bearer = token) {
  return (await as('post', `/sites/${site}/annotations`, bearer).send({ date, text }).expect(201)).body;
}

const listed = async (site: number, query = '', bearer = token) =>
  (await as('get', `/sites/${site}/annotations${query}`, bearer).expect(200)).body;

/** The whole error answer of a refused request: a 400 of the validation code, its message. */
const validationError = (message: string) => ({ statusCode: 400, code: 'validation_failed', message });

describe('annotations through the API', () => {
  test("written, listed by day, changed and deleted by the rules, each change audited; the author is the writer's email until the writer goes", async () => {
    const site = await newSite('notes-crud.test');
    const admin = await userOf('notes-admin@shop.test', 'admin', [site]);
    const viewer = await userOf('notes-viewer@shop.test', 'viewer', [site]);

    const launched = await annotate(site, '2026-11-20', '  Launched the new pricing page \n', admin);
    assert.deepEqual(
      { ...launched, createdAt: typeof launched.createdAt },
      {
        id: launched.id,
        siteId: site,
        date: '2026-11-20',
        text: 'Launched the new pricing page',
        author: 'notes-admin@shop.test',
        createdAt: 'string',
      },
    );
    assert.equal(new Date(launched.createdAt).toISOString(), launched.createdAt, 'an ISO date-time');
    assert.ok(Math.abs(Date.parse(launched.createdAt) - Date.now()) < 60_000, 'written just now');
    // Written later, on an earlier day and on the same day: the list is by day, then as written.
    const newsletter = await annotate(site, '2026-11-18', 'Newsletter sent');
    const paused = await annotate(site, '2026-11-20', 'Ads paused');
    assert.equal(newsletter.author, OWNER.email);
    assert.deepEqual(await listed(site, '', viewer), [newsletter, launched, paused]);

    // A viewer reads annotations but may not write them.
    for (const [method, path] of [
      ['post', `/sites/${site}/annotations`],
      ['patch', `/sites/${site}/annotations/${launched.id}`],
      ['delete', `/sites/${site}/annotations/${launched.id}`],
    ] as const) {
      const refused = await as(method, path, viewer).send({ date: '2026-11-21', text: 'x' });
      assert.deepEqual([refused.status, refused.body.code], [403, 'forbidden'], `${method} ${path}`);
    }

    const { body: moved } = await as('patch', `/sites/${site}/annotations/${launched.id}`, admin)
      .send({ date: '2026-11-21' })
      .expect(200);
    assert.deepEqual(moved, { ...launched, date: '2026-11-21' });
    // Another admin's change keeps the author: who wrote it.
    const { body: reworded } = await as('patch', `/sites/${site}/annotations/${launched.id}`)
      .send({ text: ' Pricing page live ' })
      .expect(200);
    assert.deepEqual(reworded, { ...moved, text: 'Pricing page live' });
    await as('delete', `/sites/${site}/annotations/${paused.id}`, admin).expect(204);
    const again = await as('delete', `/sites/${site}/annotations/${paused.id}`, admin).expect(404);
    assert.deepEqual(again.body, {
      statusCode: 404,
      code: 'not_found',
      message: `annotation ${paused.id} not found`,
    });
    assert.deepEqual(await listed(site), [newsletter, reworded]);

    const { body: entries } = await as('get', '/audit?limit=6').expect(200);
    assert.deepEqual(
      (entries as Array<{ actorEmail: string; action: string; target: string; details: unknown }>).map(
        ({ actorEmail, action, target, details }) => ({ actorEmail, action, target, details }),
      ),
      [
        {
          actorEmail: 'notes-admin@shop.test',
          action: 'annotation.delete',
          target: `site:${site}`,
          details: { annotation: paused.id, date: '2026-11-20', text: 'Ads paused' },
        },
        {
          actorEmail: OWNER.email,
          action: 'annotation.update',
          target: `site:${site}`,
          details: { annotation: launched.id, text: 'Pricing page live' },
        },
        {
          actorEmail: 'notes-admin@shop.test',
          action: 'annotation.update',
          target: `site:${site}`,
          details: { annotation: launched.id, date: '2026-11-21' },
        },
        {
          actorEmail: OWNER.email,
          action: 'annotation.create',
          target: `site:${site}`,
          details: { annotation: paused.id, date: '2026-11-20', text: 'Ads paused' },
        },
        {
          actorEmail: OWNER.email,
          action: 'annotation.create',
          target: `site:${site}`,
          details: { annotation: newsletter.id, date: '2026-11-18', text: 'Newsletter sent' },
        },
        {
          actorEmail: 'notes-admin@shop.test',
          action: 'annotation.create',
          target: `site:${site}`,
          details: { annotation: launched.id, date: '2026-11-20', text: 'Launched the new pricing page' },
        },
      ],
    );

    // The writer deleted: the note stays, without an author.
    const { body: users } = await as('get', '/users').expect(200);
    const writer = (users as Array<{ id: number; email: string }>).find(
      ({ email }) => email === 'notes-admin@shop.test',
    )!;
    await as('delete', `/users/${writer.id}`).expect(204);
    assert.deepEqual(await listed(site), [newsletter, { ...reworded, author: null }]);
  });

  test('from and to narrow the list to their days, both included; one without the other is a 400 naming the field', async () => {
    const site = await newSite('notes-range.test');
    const byDay: Record<string, unknown> = {};
    for (const date of ['2026-11-15', '2026-12-01', '2026-10-31', '2026-11-30', '2026-11-01'])
      byDay[date] = await annotate(site, date, `On ${date}`);
    const days = (...dates: string[]) => dates.map((date) => byDay[date]);

    assert.deepEqual(
      await listed(site),
      days('2026-10-31', '2026-11-01', '2026-11-15', '2026-11-30', '2026-12-01'),
    );
    assert.deepEqual(
      await listed(site, '?from=2026-11-01&to=2026-11-30'),
      days('2026-11-01', '2026-11-15', '2026-11-30'),
    );
    assert.deepEqual(await listed(site, '?from=2026-11-15&to=2026-11-15'), days('2026-11-15'));
    assert.deepEqual(await listed(site, '?from=2026-11-02&to=2026-11-14'), []);

    const both = '(from and to go together: both or neither)';
    for (const [query, message] of [
      ['?from=2026-11-01', `to must be a calendar date as YYYY-MM-DD ${both}`],
      ['?to=2026-11-30', `from must be a calendar date as YYYY-MM-DD ${both}`],
      ['?from=2026-02-30&to=2026-03-01', `from must be a calendar date as YYYY-MM-DD ${both}`],
      ['?from=2026-11-01&to=30.11.2026', `to must be a calendar date as YYYY-MM-DD ${both}`],
      ['?from=2026-11-30&to=2026-11-01', 'to must not be before from'],
      ['?from=2026-11-01&to=2026-11-30&page=2', 'property page should not exist'],
    ]) {
      const response = await as('get', `/sites/${site}/annotations${query}`);
      assert.deepEqual([response.status, response.body], [400, validationError(message)], query);
    }
  });

  test('bad input is a 400 naming the field, and nothing refused is stored', async () => {
    const site = await newSite('notes-input.test');
    const kept = await annotate(site, '2026-11-20', 'Kept');
    const refused = async (method: 'post' | 'patch', path: string, body: object, message: string) => {
      const response = await as(method, path).send(body);
      assert.deepEqual(
        [response.status, response.body],
        [400, validationError(message)],
        JSON.stringify(body),
      );
    };
    const notes = `/sites/${site}/annotations`;
    const valid = { date: '2026-11-20', text: 'A note' };
    const textRule = 'text must be 1 to 280 characters, not only spaces';
    for (const [body, message] of [
      [{ ...valid, text: '' }, textRule],
      [{ ...valid, text: ' \t\n ' }, textRule],
      [{ ...valid, text: 'x'.repeat(281) }, textRule],
      [{ ...valid, text: 7 }, 'text must be a string'],
      [{ date: valid.date }, 'text must be a string'],
      [{ ...valid, text: 'a\u0000b' }, 'text must not contain the NUL character'],
      [{ ...valid, date: '20 November 2026' }, 'date must be a calendar date as YYYY-MM-DD'],
      [{ ...valid, date: '2026-02-30' }, 'date must be a calendar date as YYYY-MM-DD'],
      [{ ...valid, date: '1999-12-31' }, 'date must be from 2000-01-01 to 2100-12-31'],
      [{ ...valid, date: '2101-01-01' }, 'date must be from 2000-01-01 to 2100-12-31'],
      [{ ...valid, author: 'someone@shop.test' }, 'property author should not exist'],
    ] as const)
      await refused('post', notes, body, message);
    for (const [body, message] of [
      [{ text: null }, 'text must be a string'],
      [{ date: null }, 'date must be a calendar date as YYYY-MM-DD'],
      [{ text: '   ' }, textRule],
      [{ date: '2026-13-01' }, 'date must be a calendar date as YYYY-MM-DD'],
      [{ siteId: site + 1 }, 'property siteId should not exist'],
    ] as const)
      await refused('patch', `${notes}/${kept.id}`, body, message);
    const badId = await as('patch', `${notes}/abc`).send({ text: 'x' });
    assert.deepEqual([badId.status, badId.body.message], [400, 'annotationId must be a positive integer']);
    assert.deepEqual(await listed(site), [kept], 'nothing refused was stored');

    // The edges of each rule are taken: the length is of the text stored, without the spaces around it.
    const longest = `  ${'x'.repeat(280)}  `;
    const accepted = [
      await annotate(site, '2000-01-01', 'First day'),
      await annotate(site, '2100-12-31', longest),
    ];
    assert.equal(accepted[1].text, 'x'.repeat(280));
    assert.deepEqual(await listed(site), [accepted[0], kept, accepted[1]]);
  });

  test("another site's annotations are a 404 to a user without it, like a missing site's; within a site, another site's annotation is missing", async () => {
    const siteA = await newSite('notes-a.test');
    const siteB = await newSite('notes-b.test');
    const adminOfA = await userOf('notes-admin-of-a@shop.test', 'admin', [siteA]);
    const noteB = await annotate(siteB, '2026-11-20', 'B');
    await assertHiddenLikeMissing((method, path) => as(method, path, adminOfA), siteB, [
      ['get', `/sites/${siteB}/annotations`, undefined],
      ['get', `/sites/${siteB}/annotations?from=2026-11-01&to=2026-11-30`, undefined],
      ['post', `/sites/${siteB}/annotations`, { date: '2026-11-20', text: 'x' }],
      ['patch', `/sites/${siteB}/annotations/${noteB.id}`, { text: 'x' }],
      ['delete', `/sites/${siteB}/annotations/${noteB.id}`, undefined],
    ]);
    // Through a site one may change, another site's annotation is none: for its admin, and for the owner of both.
    for (const bearer of [adminOfA, token]) {
      for (const method of ['patch', 'delete'] as const) {
        const inA = await as(method, `/sites/${siteA}/annotations/${noteB.id}`, bearer).send({ text: 'x' });
        assert.deepEqual([inA.status, inA.body.message], [404, `annotation ${noteB.id} not found`], method);
      }
    }
    assert.deepEqual(await listed(siteA, '', adminOfA), []);
    assert.deepEqual(await listed(siteB), [noteB], 'untouched by the refused changes');
  });

  test('a site holds at most 1000 annotations; another site is not held back by it', async () => {
    const site = await newSite('notes-full.test');
    const other = await newSite('notes-full-other.test');
    // Written at once, without reading each row back (TypeORM's reload of 999 ids is too deep an OR for SQLite).
    await app
      .get(DataSource)
      .createQueryBuilder()
      .insert()
      .into(Annotation)
      .values(
        Array.from({ length: 999 }, (_, i) => ({ siteId: site, date: '2026-11-20', text: `Note ${i}` })),
      )
      .updateEntity(false)
      .execute();
    const last = await annotate(site, '2026-11-21', 'The thousandth');
    const full = await as('post', `/sites/${site}/annotations`).send({
      date: '2026-11-21',
      text: 'One more',
    });
    assert.deepEqual(
      [full.status, full.body],
      [400, validationError('text: a site holds at most 1000 annotations; delete one to add another')],
    );
    assert.equal((await listed(site)).length, 1000);
    await annotate(other, '2026-11-21', 'Elsewhere');
    await as('delete', `/sites/${site}/annotations/${last.id}`).expect(204);
    await annotate(site, '2026-11-21', 'Room again');
  });

  test("a site's annotations go with its row, as its goals do", async () => {
    // A deleted site keeps its row (the record of its deletion); the row goes when SiteDeletion is reverted.
    const site = await newSite('notes-gone.test');
    await annotate(site, '2026-11-20', 'With its site');
    const source = app.get(DataSource);
    const annotations = source.getRepository(Annotation);
    assert.equal(await annotations.countBy({ siteId: site }), 1);
    await source.getRepository(SiteRecord).delete({ id: site });
    assert.equal(await annotations.countBy({ siteId: site }), 0);
  });
});
