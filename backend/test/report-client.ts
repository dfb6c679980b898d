import assert from 'node:assert/strict';
import type request from 'supertest';
import { signIn } from './harness.js';

/**
 * The HTTP side of a report test: requests as a user or an API key, sites, and the shared cases every
 * report kind must pass (another user's site and a key without access are a 404; a bad option a 400
 * naming the field).
 */
export type Params = Record<string, string | number | boolean>;

/** `http` and `ownerToken` are read at each request: a test file starts its app in `before`. */
export function reportClient(http: () => ReturnType<typeof request>, ownerToken: () => string) {
  const query = (params: Params) =>
    new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));

  /** A GET of any path under /api (e.g. `/sites/1`) as the owner or `as` (a token or an API key). */
  const get = (path: string, as = ownerToken()) =>
    http().get(`/api${path}`).set('authorization', `Bearer ${as}`);

  /** A POST to any path under /api as the owner or `as`: `.send()` its body. */
  const post = (path: string, as = ownerToken()) =>
    http().post(`/api${path}`).set('authorization', `Bearer ${as}`);

  /** A report (`kind`: the path under /api/sites/:siteId/) as the owner, or as `as` (a token or an API key). */
  const report = (siteId: number, kind: string, params: Params, as = ownerToken()) =>
    get(`/sites/${siteId}/${kind}?${query(params)}`, as);

  /** A report as CSV: its bytes as text. */
  const csv = (siteId: number, kind: string, params: Params) =>
    report(siteId, kind, { ...params, format: 'csv' })
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => done(null, text));
      });

  async function newSite(domain: string, timezone: string): Promise<number> {
    const { body } = await post('/sites').send({ name: domain, domain, timezone }).expect(201);
    return body.id as number;
  }

  /** A viewer of `siteIds` signed in with a password of their own, and an API key of theirs. */
  async function viewerOf(email: string, siteIds: number[]): Promise<{ token: string; key: string }> {
    const { body: created } = await post('/users').send({ email, role: 'viewer', siteIds }).expect(201);
    const first = await signIn(http(), { email, password: created.oneTimePassword });
    const { body: changed } = await http()
      .post('/api/auth/password')
      .set('authorization', `Bearer ${first}`)
      .send({ currentPassword: created.oneTimePassword, newPassword: `${email}-own-password` })
      .expect(200);
    const token = changed.accessToken as string;
    const { body: key } = await post('/api-keys', token)
      .send({ name: `${email} script` })
      .expect(201);
    return { token, key: key.key as string };
  }

  /**
   * Site isolation: each request answers 200 on a site the viewer (and their API key) may read, and on
   * another site exactly the 404 of a site that does not exist. `seed` writes each site's events.
   */
  async function assertIsolated(
    requests: Array<[string, Params]>,
    email: string,
    seed: (siteId: number) => Promise<void> = async () => {},
  ): Promise<void> {
    const readable = await newSite(`${email.split('@')[0]}-a.test`, 'UTC');
    const hidden = await newSite(`${email.split('@')[0]}-b.test`, 'UTC');
    await seed(readable);
    await seed(hidden);
    const missing = 4_000_000_000;
    const viewer = await viewerOf(email, [readable]);
    for (const [kind, params] of requests) {
      for (const as of [viewer.token, viewer.key]) {
        await report(readable, kind, params, as).expect(200);
        const forbidden = await report(hidden, kind, params, as);
        const absent = await report(missing, kind, params, as);
        assert.deepEqual(
          [forbidden.status, forbidden.body],
          [404, { statusCode: 404, code: 'not_found', message: `site ${hidden} not found` }],
          kind,
        );
        assert.deepEqual(
          [absent.status, absent.body],
          [404, { ...forbidden.body, message: `site ${missing} not found` }],
        );
      }
    }
  }

  /** A 400 of the validation kind: its message (a string, or a list of them). */
  async function refusal(siteId: number, kind: string, params: Params): Promise<string | string[]> {
    const { body } = await report(siteId, kind, params).expect(400);
    assert.equal(body.code, 'validation_failed', `${kind} ${JSON.stringify(params)}`);
    return body.message;
  }

  /** Each request is a 400 whose message (or one of them) is the one given. */
  async function assertRefused(siteId: number, cases: Array<[string, Params, string]>): Promise<void> {
    for (const [kind, params, message] of cases) {
      const got = await refusal(siteId, kind, params);
      assert.ok(
        (Array.isArray(got) ? got : [got]).includes(message),
        `${kind} ${JSON.stringify(params)}: ${JSON.stringify(got)}`,
      );
    }
  }

  /**
   * Each request is a 400 with a single message starting with the one given: for messages that end in a
   * long list (every dimension, every metric) a test need not restate.
   */
  async function assertRefusedStartingWith(
    siteId: number,
    cases: Array<[string, Params, string]>,
  ): Promise<void> {
    for (const [kind, params, start] of cases) {
      const got = await refusal(siteId, kind, params);
      assert.ok(
        typeof got === 'string' && got.startsWith(start),
        `${JSON.stringify(got)} should start with ${start}`,
      );
    }
  }

  return {
    get,
    post,
    report,
    csv,
    newSite,
    viewerOf,
    assertIsolated,
    assertRefused,
    assertRefusedStartingWith,
  };
}
