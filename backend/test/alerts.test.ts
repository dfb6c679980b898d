import assert from 'node:assert/strict';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import type request from 'supertest';
import { AlertDeliveries } from '../src/alerts/alert-deliveries.js';
import { AlertEvaluator } from '../src/alerts/alert-evaluator.js';
import { addDays } from '../src/common/calendar.js';
import { DigestsService } from '../src/digests/digests.service.js';
import { lastWholeWeek } from '../src/digests/digest-week.js';
import { eventRow, OWNER, signIn, startSignedInApp, type TestStores } from './harness.js';
import {
  startMetricsServer,
  startSmtpServer,
  startWebhookReceiver,
  type ReceivedRequest,
} from './alert-receivers.js';
import { reportClient } from './report-client.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let metrics: Awaited<ReturnType<typeof startMetricsServer>>;

before(async () => {
  receiver = await startWebhookReceiver();
  smtp = await startSmtpServer();
  metrics = await startMetricsServer();
  // Everything shipped long ago: a site's deletion need not wait for the pipeline.
  metrics.set('shipper', 'sluice_shipper_acknowledged_through_seconds 4000000000\n');
  ({ stores, app, http, token, stop } = await startSignedInApp(undefined, {
    SLUICE_SMTP_HOST: '127.0.0.1',
    SLUICE_SMTP_PORT: String(smtp.port),
    SLUICE_SMTP_TLS: 'off',
    SLUICE_SMTP_FROM: 'alerts@sluice.test',
    // The test drives every evaluation itself (evaluateAll at a moment of its choosing): the schedule's
    // own run comes only at start, before any rule exists.
    SLUICE_ALERT_EVALUATE_SECONDS: '86400',
    SLUICE_ALERT_RETRY_MS: '10',
    SLUICE_EDGE_METRICS_URL: metrics.edgeUrl,
    SLUICE_SHIPPER_METRICS_URL: metrics.shipperUrl,
  }));
});
after(async () => {
  await stop?.();
  await receiver?.stop();
  await smtp?.stop();
  await metrics?.stop();
});

const client = reportClient(
  () => http,
  () => token,
);
const as = (method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string, bearer = token) =>
  http[method](`/api${path}`).set('authorization', `Bearer ${bearer}`);

const MINUTE = 60_000;
/** The moment the stories below begin: 2026-11-20 12:00 UTC. */
const T = Date.UTC(2026, 10, 20, 12);
const at = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** One visit's pageview per moment, each of a visitor of its own. */
async function seedVisits(siteId: number, moments: number[], page = '/'): Promise<void> {
  await stores.insertEvents(
    moments.map((moment) =>
      eventRow({
        site_id: siteId,
        ts: at(moment),
        visitor_id: randomUUID(),
        session_id: randomUUID(),
        pathname: page,
      }),
    ),
  );
}

const evaluateAt = (now: number) => app.get(AlertEvaluator).evaluateAll(now);
/** Every delivery started so far has ended: delivered, or out of attempts. */
const deliveriesDone = () => app.get(AlertDeliveries).idle();

/** Whether the request carries a valid signature of its timestamp and body under `secret`. */
function signedBy(secret: string, { headers, body }: ReceivedRequest): boolean {
  const timestamp = String(headers['sluice-timestamp']);
  const expected = Buffer.from(
    `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
  );
  const given = Buffer.from(String(headers['sluice-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const visitorsRule = (target: string, extra: object = {}) => ({
  name: 'Busy',
  signal: 'metric',
  metric: 'visitors',
  windowMinutes: 60,
  condition: 'above',
  threshold: 3,
  consecutive: 2,
  cooldownMinutes: 120,
  channels: [{ kind: 'webhook', target }],
  ...extra,
});

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

async function stateOf(siteId: number, ruleId: number) {
  const { body } = await as('get', `/sites/${siteId}/alerts/${ruleId}`).expect(200);
  return { state: body.state as string, lastValue: body.lastValue as number | null };
}

const historyOf = async (siteId: number, ruleId: number) =>
  (await as('get', `/sites/${siteId}/alerts/${ruleId}/history`).expect(200)).body.firings as Array<{
    id: number;
    kind: string;
    value: number;
    threshold: number;
    firedAt: string;
    resolvedAt: string | null;
    deliveries: Array<{
      channelKind: string;
      notice: string;
      attempt: number;
      status: string;
      error: string | null;
    }>;
  }>;

describe('alerts', () => {
  test('a rule fires against seeded data after its streak, its signed webhook verifies, it resolves, and no second firing comes inside the cooldown', async () => {
    const site = await client.newSite('alerts-fire.test', 'UTC');
    // Five visits in the hour before T, then none for an hour, then five more from T+80 min.
    await seedVisits(
      site,
      [50, 40, 30, 20, 10].map((m) => T - m * MINUTE),
    );
    await seedVisits(
      site,
      [80, 81, 82, 83, 84].map((m) => T + m * MINUTE),
    );
    const { body: rule } = await as('post', `/sites/${site}/alerts`)
      .send(visitorsRule(receiver.url('/fire')))
      .expect(201);
    assert.equal(rule.newSecrets.length, 1);
    const secret = rule.newSecrets[0].secret as string;
    assert.match(secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    // The secret is shown once: the rule as listed has no secret.
    const { body: listed } = await as('get', `/sites/${site}/alerts`).expect(200);
    assert.equal(JSON.stringify(listed).includes(secret), false);
    const requests = () => receiver.received.filter(({ path }) => path === '/fire');

    await evaluateAt(T);
    assert.deepEqual(await stateOf(site, rule.id), { state: 'pending', lastValue: 5 });
    await evaluateAt(T + MINUTE);
    assert.deepEqual(await stateOf(site, rule.id), { state: 'firing', lastValue: 5 });
    await deliveriesDone();

    assert.equal(requests().length, 1);
    const [delivered] = requests();
    assert.equal(signedBy(secret, delivered), true);
    assert.equal(signedBy('whsec_another', delivered), false);
    // The timestamp is the moment of sending: a receiver refuses old ones (replays).
    const age = Date.now() / 1000 - Number(delivered.headers['sluice-timestamp']);
    assert.ok(age >= 0 && age < 300, `timestamp ${age} s old`);
    assert.equal(delivered.headers['content-type'], 'application/json');
    const payload = JSON.parse(delivered.body);
    assert.deepEqual(
      {
        type: payload.type,
        value: payload.firing.value,
        threshold: payload.firing.threshold,
        rule: payload.rule.id,
      },
      { type: 'alert.fired', value: 5, threshold: 3, rule: rule.id },
    );
    assert.equal(payload.firing.firedAt, new Date(T + MINUTE).toISOString());

    // Clear twice in a row (the window after T+70 min holds no visit): resolved.
    await evaluateAt(T + 70 * MINUTE);
    assert.deepEqual(await stateOf(site, rule.id), { state: 'firing', lastValue: 0 });
    await evaluateAt(T + 71 * MINUTE);
    assert.deepEqual(await stateOf(site, rule.id), { state: 'ok', lastValue: 0 });
    // The resolution is delivered too, signed like the firing.
    await deliveriesDone();
    assert.equal(requests().length, 2);
    assert.equal(signedBy(secret, requests()[1]), true);
    const resolution = JSON.parse(requests()[1].body);
    assert.deepEqual(
      { type: resolution.type, resolvedAt: resolution.firing.resolvedAt, firing: resolution.firing.id },
      {
        type: 'alert.resolved',
        resolvedAt: new Date(T + 71 * MINUTE).toISOString(),
        firing: payload.firing.id,
      },
    );

    // The second burst holds twice in a row, 90 minutes after the firing: inside the 120-minute cooldown.
    await evaluateAt(T + 90 * MINUTE);
    await evaluateAt(T + 91 * MINUTE);
    assert.deepEqual(await stateOf(site, rule.id), { state: 'pending', lastValue: 5 });
    await deliveriesDone();
    assert.equal(requests().length, 2);
    // Past the cooldown, still holding: it fires again.
    await evaluateAt(T + 125 * MINUTE);
    assert.deepEqual(await stateOf(site, rule.id), { state: 'firing', lastValue: 5 });
    await deliveriesDone();
    assert.equal(requests().length, 3);
    assert.equal(signedBy(secret, requests()[2]), true);

    const history = await historyOf(site, rule.id);
    assert.deepEqual(
      history.map(({ kind, value, threshold, firedAt, resolvedAt, deliveries }) => ({
        kind,
        value,
        threshold,
        firedAt,
        resolvedAt,
        deliveries: deliveries.map(({ channelKind, notice, attempt, status, error }) => ({
          channelKind,
          notice,
          attempt,
          status,
          error,
        })),
      })),
      [
        {
          kind: 'fire',
          value: 5,
          threshold: 3,
          firedAt: new Date(T + 125 * MINUTE).toISOString(),
          resolvedAt: null,
          deliveries: [
            { channelKind: 'webhook', notice: 'firing', attempt: 1, status: 'delivered', error: null },
          ],
        },
        {
          kind: 'fire',
          value: 5,
          threshold: 3,
          firedAt: new Date(T + MINUTE).toISOString(),
          resolvedAt: new Date(T + 71 * MINUTE).toISOString(),
          deliveries: [
            { channelKind: 'webhook', notice: 'firing', attempt: 1, status: 'delivered', error: null },
            { channelKind: 'webhook', notice: 'resolution', attempt: 1, status: 'delivered', error: null },
          ],
        },
      ],
    );
    await as('delete', `/sites/${site}/alerts/${rule.id}`).expect(204);
  });

  test('hysteresis: a single blip does not fire; filters and a percent drop against the window before', async () => {
    const site = await client.newSite('alerts-blip.test', 'UTC');
    await seedVisits(
      site,
      [50, 40, 30, 20].map((m) => T - m * MINUTE),
    );
    // Errors: events named $error, counted through the reports' filter tree.
    await stores.insertEvents(
      [30, 20, 10].map((m) =>
        eventRow({
          site_id: site,
          ts: at(T - m * MINUTE),
          name: '$error',
          visitor_id: randomUUID(),
          session_id: randomUUID(),
        }),
      ),
    );
    const { body: blip } = await as('post', `/sites/${site}/alerts`)
      .send(visitorsRule(receiver.url('/blip'), { name: 'Blip', channels: [] }))
      .expect(201);
    const { body: errors } = await as('post', `/sites/${site}/alerts`)
      .send(
        visitorsRule(receiver.url('/errors'), {
          name: 'Errors',
          metric: 'events',
          filters: '[{"dimension":"event_name","operator":"is","value":"$error"}]',
          windowMinutes: 60,
          threshold: 2,
          consecutive: 1,
          channels: [],
        }),
      )
      .expect(201);
    const { body: drop } = await as('post', `/sites/${site}/alerts`)
      .send(
        visitorsRule(receiver.url('/drop'), {
          name: 'Traffic down',
          condition: 'drops_by',
          threshold: 50,
          windowMinutes: 60,
          consecutive: 1,
          channels: [],
        }),
      )
      .expect(201);

    // T: the hour before holds 4 visitors (and 3 errors), the hour before that none.
    await evaluateAt(T);
    assert.deepEqual(await stateOf(site, blip.id), { state: 'pending', lastValue: 7 });
    assert.deepEqual(await stateOf(site, errors.id), { state: 'firing', lastValue: 3 });
    assert.deepEqual(await stateOf(site, drop.id), { state: 'ok', lastValue: 0 });
    // An hour later: nothing in the last hour, 7 in the one before: a drop of 100%.
    await evaluateAt(T + 60 * MINUTE);
    assert.deepEqual(await stateOf(site, blip.id), { state: 'ok', lastValue: 0 });
    assert.deepEqual(await stateOf(site, drop.id), { state: 'firing', lastValue: -100 });
    await evaluateAt(T + 61 * MINUTE);
    assert.deepEqual(await stateOf(site, blip.id), { state: 'ok', lastValue: 0 });
    assert.deepEqual(await historyOf(site, blip.id), []);
    assert.deepEqual(
      (await historyOf(site, errors.id)).map(({ value, resolvedAt }) => ({ value, resolvedAt })),
      [{ value: 3, resolvedAt: new Date(T + 60 * MINUTE).toISOString() }],
    );
    for (const rule of [blip, errors, drop])
      await as('delete', `/sites/${site}/alerts/${rule.id}`).expect(204);
  });

  test("ingest signals: the pipeline's lag now, and the refused share of the edge's counters' growth since the last evaluation", async () => {
    const site = await client.newSite('alerts-ingest.test', 'UTC');
    const ingestRule = (extra: object) => ({
      ...visitorsRule('', { channels: [], metric: null, consecutive: 1, cooldownMinutes: 0 }),
      ...extra,
    });
    const { body: lag } = await as('post', `/sites/${site}/alerts`)
      .send(ingestRule({ name: 'Lag', signal: 'ingest_lag_seconds', condition: 'above', threshold: 300 }))
      .expect(201);
    const { body: refused } = await as('post', `/sites/${site}/alerts`)
      .send(ingestRule({ name: 'Refused', signal: 'refused_percent', condition: 'above', threshold: 5 }))
      .expect(201);
    const edge = (accepted: number, originRefused: number, keyRefused: number) =>
      metrics.set(
        'edge',
        [
          `sluice_edge_site_events_accepted_total{site="${site}"} ${accepted}`,
          `sluice_edge_site_events_rejected_total{site="${site}",reason="origin_not_allowed"} ${originRefused}`,
          `sluice_edge_site_events_rejected_total{site="${site}",reason="missing_name"} ${keyRefused}`,
          // Another site's refusals are not this site's.
          `sluice_edge_site_events_rejected_total{site="${site + 1000}",reason="missing_name"} 500`,
          '',
        ].join('\n'),
      );
    const shipper = (lagSeconds: number) =>
      metrics.set(
        'shipper',
        `sluice_shipper_acknowledged_through_seconds 4000000000\nsluice_shipper_lag_seconds ${lagSeconds}\n`,
      );

    edge(90, 6, 4);
    shipper(420);
    await evaluateAt(T + 300 * MINUTE);
    assert.deepEqual(await stateOf(site, lag.id), { state: 'firing', lastValue: 420 });
    assert.deepEqual(await stateOf(site, refused.id), { state: 'firing', lastValue: 10 });
    // Since then: 100 more accepted, 1 more refused (1 of 101: 1%); the pipeline caught up.
    edge(190, 7, 4);
    shipper(0);
    await evaluateAt(T + 301 * MINUTE);
    assert.deepEqual(await stateOf(site, lag.id), { state: 'ok', lastValue: 0 });
    assert.deepEqual(await stateOf(site, refused.id), { state: 'ok', lastValue: 1 });
    // The edge restarted (its counters went down): counted from its start again; the lag is back.
    edge(5, 5, 0);
    shipper(400);
    await evaluateAt(T + 302 * MINUTE);
    assert.deepEqual(await stateOf(site, refused.id), { state: 'firing', lastValue: 50 });
    assert.deepEqual(await stateOf(site, lag.id), { state: 'firing', lastValue: 400 });
    // The shipper not answering: the lag rule can't be read, and silence is no value: it keeps its state.
    metrics.set('shipper', null);
    await evaluateAt(T + 303 * MINUTE);
    assert.deepEqual(await stateOf(site, lag.id), { state: 'firing', lastValue: 400 });
    for (const rule of [lag, refused]) await as('delete', `/sites/${site}/alerts/${rule.id}`).expect(204);
  });

  test('a receiver that has not answered holds up neither the evaluation nor other rules', async () => {
    const site = await client.newSite('alerts-slow.test', 'UTC');
    await seedVisits(
      site,
      [30, 20, 10, 5].map((m) => T + 400 * MINUTE - m * MINUTE),
    );
    const once = { consecutive: 1, cooldownMinutes: 0 };
    const { body: slow } = await as('post', `/sites/${site}/alerts`)
      .send(visitorsRule(receiver.url('/slow'), { name: 'Slow receiver', ...once }))
      .expect(201);
    const { body: other } = await as('post', `/sites/${site}/alerts`)
      .send(visitorsRule(receiver.url('/other'), { name: 'Other', ...once }))
      .expect(201);
    receiver.hold('/slow');
    // Resolves while /slow is held unanswered (its attempt times out only after 10 s).
    await evaluateAt(T + 400 * MINUTE);
    assert.deepEqual(await stateOf(site, slow.id), { state: 'firing', lastValue: 4 });
    assert.deepEqual(await stateOf(site, other.id), { state: 'firing', lastValue: 4 });
    const [pending] = await historyOf(site, slow.id);
    assert.deepEqual(pending.deliveries, []);
    receiver.release('/slow');
    await deliveriesDone();
    const attemptsOf = async (ruleId: number) =>
      (await historyOf(site, ruleId))[0].deliveries.map(({ attempt, status }) => `${attempt}:${status}`);
    assert.deepEqual(await attemptsOf(slow.id), ['1:delivered']);
    assert.deepEqual(await attemptsOf(other.id), ['1:delivered']);
    for (const rule of [slow, other]) await as('delete', `/sites/${site}/alerts/${rule.id}`).expect(204);
  });

  test('a delivery answered 500 is retried and succeeds; one that keeps failing stops after 5 attempts, each recorded', async () => {
    const site = await client.newSite('alerts-retry.test', 'UTC');
    const { body: rule } = await as('post', `/sites/${site}/alerts`)
      .send(visitorsRule(receiver.url('/retry')))
      .expect(201);
    const secret = rule.newSecrets[0].secret as string;
    receiver.answer(500);
    const { body: fired } = await as('post', `/sites/${site}/alerts/${rule.id}/test`).expect(202);
    await deliveriesDone();
    const sent = receiver.received.filter(({ path }) => path === '/retry');
    assert.equal(sent.length, 2);
    assert.deepEqual(
      sent.map((request) => signedBy(secret, request)),
      [true, true],
    );
    assert.equal(JSON.parse(sent[1].body).type, 'alert.test');
    const [firing] = await historyOf(site, rule.id);
    assert.equal(firing.id, fired.firingId);
    assert.deepEqual(
      {
        kind: firing.kind,
        deliveries: firing.deliveries.map(({ attempt, status, error }) => ({ attempt, status, error })),
      },
      {
        kind: 'test',
        deliveries: [
          { attempt: 1, status: 'failed', error: 'the receiver answered HTTP 500' },
          { attempt: 2, status: 'delivered', error: null },
        ],
      },
    );

    receiver.answer(503, 503, 503, 503, 503);
    await as('post', `/sites/${site}/alerts/${rule.id}/test`).expect(202);
    await deliveriesDone();
    const [failing] = await historyOf(site, rule.id);
    assert.deepEqual(
      failing.deliveries.map(({ attempt, status }) => `${attempt}:${status}`),
      ['1:failed', '2:failed', '3:failed', '4:failed', '5:failed'],
    );
    // The rule's state is untouched by test-fires.
    assert.deepEqual(await stateOf(site, rule.id), { state: 'ok', lastValue: null });
  });

  test('a Slack-compatible channel gets text and blocks; an email channel goes through the SMTP server', async () => {
    const site = await client.newSite('alerts-email.test', 'UTC');
    const { body: rule } = await as('post', `/sites/${site}/alerts`)
      .send(
        visitorsRule('', {
          name: 'Mail me',
          channels: [
            { kind: 'email', target: 'ops@shop.test' },
            { kind: 'slack', target: receiver.url('/slack') },
          ],
        }),
      )
      .expect(201);
    // Only the Slack channel is signed: email has no secret.
    assert.deepEqual(
      rule.newSecrets.map(({ channelId }: { channelId: number }) => channelId),
      [rule.channels[1].id],
    );
    const before = smtp.messages.length;
    await as('post', `/sites/${site}/alerts/${rule.id}/test`).expect(202);
    await deliveriesDone();
    const mails = smtp.messages.slice(before);
    assert.deepEqual(
      mails.map((mail) => ({
        to: mail.to && 'text' in mail.to ? mail.to.text : '',
        from: mail.from?.text,
        subject: mail.subject,
      })),
      [
        {
          to: 'ops@shop.test',
          from: 'alerts@sluice.test',
          subject: 'Sluice alert: [test] alerts-email.test: Mail me: visitors (last 60 min) is 0, above 3',
        },
      ],
    );
    assert.match(
      mails[0].text ?? '',
      /^\[test\] alerts-email\.test: Mail me: visitors \(last 60 min\) is 0, above 3\n/,
    );
    assert.match(String(mails[0].html), /<strong>\[test\] alerts-email\.test: Mail me/);
    const [slack] = receiver.received.filter(({ path }) => path === '/slack');
    const body = JSON.parse(slack.body);
    assert.equal(body.text, '[test] alerts-email.test: Mail me: visitors (last 60 min) is 0, above 3');
    assert.deepEqual(
      body.blocks.map(({ type }: { type: string }) => type),
      ['section', 'context'],
    );
  });

  test('the weekly digest: off by default, opted in, sent once for the last whole week with the overview and top changes', async () => {
    // A site deleted after its reader opted in: its digest stops, and the others still go out.
    const gone = await client.newSite('alerts-digest-gone.test', 'UTC');
    await as('put', `/sites/${gone}/digest`).send({ subscribed: true }).expect(200);
    await as('delete', `/sites/${gone}?confirm=alerts-digest-gone.test`).expect(202);
    const site = await client.newSite('alerts-digest.test', 'UTC');
    assert.deepEqual((await as('get', `/sites/${site}/digest`).expect(200)).body, {
      subscribed: false,
      available: true,
    });
    await as('put', `/sites/${site}/digest`).send({ subscribed: 'yes' }).expect(400);
    assert.deepEqual((await as('put', `/sites/${site}/digest`).send({ subscribed: true }).expect(200)).body, {
      subscribed: true,
      available: true,
    });
    // The first digest is of the next whole week: a week from now, the week that has just ended.
    const now = Date.now() + 8 * 24 * 60 * MINUTE;
    const week = lastWholeWeek(now, 'UTC');
    const noonOf = (day: string) => Date.parse(`${day}T12:00:00Z`);
    await seedVisits(
      site,
      [0, 1, 2].map((m) => noonOf(week.from) + m * MINUTE),
      '/pricing',
    );
    await seedVisits(
      site,
      [0].map((m) => noonOf(week.from) + m * MINUTE),
      '/',
    );
    await seedVisits(
      site,
      [0, 1].map((m) => noonOf(addDays(week.from, -7)) + m * MINUTE),
      '/',
    );

    const before = smtp.messages.length;
    await app.get(DigestsService).sendDue(now);
    await app.get(DigestsService).sendDue(now + MINUTE);
    const mails = smtp.messages.slice(before);
    assert.equal(mails.length, 1);
    assert.equal(
      mails[0].subject,
      `Sluice weekly digest: alerts-digest.test: your week ${week.from} to ${week.to}`,
    );
    assert.equal(mails[0].to && 'text' in mails[0].to ? mails[0].to.text : '', OWNER.email);
    assert.equal(
      mails[0].text,
      [
        `alerts-digest.test: your week ${week.from} to ${week.to}`,
        '',
        'Visitors: 4 (+100% on the week before)',
        'Visits: 4 (+100% on the week before)',
        'Pageviews: 4 (+100% on the week before)',
        'Bounce rate (%): 100 (0% on the week before)',
        'Visit duration (s): 0 (none the week before)',
        '',
        'Top changes (visitors by page):',
        '/pricing: 3 (+3)',
        '/: 1 (-1)',
        '',
        `http://sluice.test/sites/${site}`,
        '',
      ].join('\n'),
    );
    assert.match(String(mails[0].html), /<li>\/pricing: 3 \(\+3\)<\/li><li>\/: 1 \(-1\)<\/li>/);

    await as('put', `/sites/${site}/digest`).send({ subscribed: false }).expect(200);
    await app.get(DigestsService).sendDue(now + 7 * 24 * 60 * MINUTE);
    assert.equal(smtp.messages.length, before + 1);
  });

  test('a rule of site B is a 404 to a user without access to B; viewers read, admins write; bad input is a 400 naming the field', async () => {
    const siteA = await client.newSite('alerts-a.test', 'UTC');
    const siteB = await client.newSite('alerts-b.test', 'UTC');
    const { body: ruleB } = await as('post', `/sites/${siteB}/alerts`)
      .send(visitorsRule(receiver.url('/b')))
      .expect(201);
    const { token: viewer } = await client.viewerOf('alerts-viewer@shop.test', [siteA]);
    for (const path of [
      `/sites/${siteB}/alerts`,
      `/sites/${siteB}/alerts/${ruleB.id}`,
      `/sites/${siteB}/alerts/${ruleB.id}/history`,
      `/sites/${siteB}/digest`,
    ])
      await as('get', path, viewer).expect(404);
    // A viewer may write nowhere (403 whatever the site); an admin of A only finds nothing of B to write.
    await as('post', `/sites/${siteB}/alerts/${ruleB.id}/test`, viewer).expect(403);
    const adminOfA = await newUser('alerts-admin@shop.test', 'admin', [siteA]);
    await as('post', `/sites/${siteB}/alerts/${ruleB.id}/test`, adminOfA).expect(404);
    await as('patch', `/sites/${siteB}/alerts/${ruleB.id}`, adminOfA).send({ name: 'x' }).expect(404);
    await as('delete', `/sites/${siteB}/alerts/${ruleB.id}`, adminOfA).expect(404);
    await as('post', `/sites/${siteB}/alerts`, adminOfA)
      .send(visitorsRule(receiver.url('/b')))
      .expect(404);
    await as('put', `/sites/${siteB}/digest`, adminOfA).send({ subscribed: true }).expect(404);
    assert.deepEqual(await historyOf(siteB, ruleB.id), []);
    // B's rule under A's path: missing, even for the owner.
    await as('get', `/sites/${siteA}/alerts/${ruleB.id}`).expect(404);
    await as('delete', `/sites/${siteA}/alerts/${ruleB.id}`).expect(404);
    // A viewer of A reads its rules but can't write or test-fire.
    assert.deepEqual((await as('get', `/sites/${siteA}/alerts`, viewer).expect(200)).body, []);
    await as('post', `/sites/${siteA}/alerts`, viewer)
      .send(visitorsRule(receiver.url('/a')))
      .expect(403);

    const bad = async (body: object, message: RegExp) => {
      const { body: error } = await as('post', `/sites/${siteA}/alerts`).send(body).expect(400);
      assert.equal(error.code, 'validation_failed');
      assert.match(error.message, message);
    };
    await bad(
      visitorsRule(receiver.url('/a'), { metric: undefined }),
      /^metric: a metric signal needs a metric/,
    );
    await bad(visitorsRule(receiver.url('/a'), { metric: 'revenue' }), /^metric must be one of visitors/);
    await bad(visitorsRule(receiver.url('/a'), { filters: '[{"dimension":"nope"}]' }), /^filters\[0\]/);
    await bad(
      visitorsRule(receiver.url('/a'), { metric: 'conversions' }),
      /^goal: the metric conversions needs a goal/,
    );
    await bad(visitorsRule(receiver.url('/a'), { goal: 999 }), /^goal: this site has no goal 999/);
    await bad(
      visitorsRule(receiver.url('/a'), { windowMinutes: 0 }),
      /^windowMinutes must be a whole number from 1 to 1440/,
    );
    await bad(visitorsRule('ftp://x'), /^channels\[0\]\.target: must be an http or https URL/);
    await bad(
      visitorsRule('', { channels: [{ kind: 'email', target: 'not-an-address' }] }),
      /^channels\[0\]\.target: must be an email address/,
    );
    await bad(
      {
        ...visitorsRule(receiver.url('/a')),
        signal: 'ingest_lag_seconds',
        metric: null,
        condition: 'drops_by',
      },
      /^condition: ingest_lag_seconds takes above or below/,
    );
    await bad(visitorsRule(receiver.url('/a'), { threshold: 'many' }), /^threshold must be a number/);
  });
});
