/**
 * The visitor's language and revenue (contract v7) end to end, every part real: beacons → the edge
 * (nginx) → NDJSON → the shipper → ClickHouse 18.16. Each stored value is compared exactly: the language
 * the edge read from Accept-Language, the revenue amount as ClickHouse's Decimal prints it, and sums that
 * floats would get wrong.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { WIRE, type SiteEntry, type WireEvent } from '@sluice/config';
import { startLoopbackEdge, type RunningEdge } from '@sluice/edge';
import { startShipperProcess } from '@sluice/pipeline';
import { ClickHouseHarness } from '@sluice/pipeline/testing';
import { arrivedBeforeMarker, type ManagedProcess } from '@sluice/services';

const dir = mkdtempSync(join(tmpdir(), 'sluice-fields-'));
// nginx's workers run as an unprivileged user and write the NDJSON file in this folder.
chmodSync(dir, 0o755);
const SECRET = 'fields-site-secret';
const SITE: SiteEntry = {
  id: 17,
  key: 'fields-site',
  name: 'shop.test',
  domain: 'shop.test',
  timezone: 'UTC',
  signingSecrets: [SECRET],
};

const clickhouse = new ClickHouseHarness();
let edge: RunningEdge;
let shipper: ManagedProcess;

before(async () => {
  await clickhouse.start();
  await clickhouse.migrate();
  edge = await startLoopbackEdge(dir, [SITE], { eventsFlushMs: 20 });
  shipper = startShipperProcess({
    inputDir: join(dir, 'events'),
    stateDir: join(dir, 'shipper'),
    logFile: join(dir, 'shipper.log'),
    clickhouse: clickhouse.target('ingest'),
    batchMaxWaitMs: 20,
  });
});

after(async () => {
  await shipper?.stop();
  await edge?.stop();
  await clickhouse.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function send(events: WireEvent[], headers: Record<string, string> = {}): Promise<void> {
  const response = await fetch(`${edge.url}/telemetry/e`, {
    method: 'POST',
    body: JSON.stringify({ s: SITE.key, e: events }),
    headers: { 'content-type': 'text/plain', ...headers },
  });
  assert.equal(response.status, 204, await response.text());
}

/** A batch from the site's own server, naming the user's Accept-Language (WIRE.signed). */
async function sendSigned(events: WireEvent[], acceptLanguage: string): Promise<void> {
  const body = JSON.stringify({ s: SITE.key, e: events, [WIRE.signed.acceptLanguage]: acceptLanguage });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const digest = createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex');
  const response = await fetch(`${edge.url}/telemetry/e`, {
    method: 'POST',
    body,
    headers: {
      [WIRE.signed.timestampHeader]: timestamp,
      [WIRE.signed.signatureHeader]: `v1=${digest}`,
      // The server's own header: not the user's, so not the row's.
      'accept-language': 'en-US',
    },
  });
  assert.equal(response.status, 204, await response.text());
}

interface Stored {
  pathname: string;
  name: string;
  language: string;
  revenue: string;
  revenue_currency: string;
}

/**
 * The site's rows in ClickHouse once a marker beacon sent after everything else has landed: the edge
 * writes in the order it answers and the shipper lands lines in order, so all before it is there.
 */
const storedBeforeMarker = () =>
  arrivedBeforeMarker('the beacons', {
    send: () => send([{ n: 'marker', u: 'https://shop.test/~marker' }]),
    // The marker's path sorts after every other.
    arrived: () =>
      clickhouse.query<Stored>(
        `SELECT pathname, name, language, toString(revenue_amount) AS revenue, revenue_currency
         FROM sluice.events WHERE site_id = ${SITE.id} ORDER BY pathname`,
      ),
    isMarker: (row) => row.name === 'marker',
    timeoutMs: 60_000,
  });

test('language and revenue reach ClickHouse exactly: the preferred language, exact amounts and sums', async () => {
  const page = (path: string): WireEvent => ({ n: 'pageview', u: `https://shop.test/${path}` });
  const purchase = (path: string, props: Record<string, string | number>): WireEvent => ({
    n: 'purchase',
    u: `https://shop.test/${path}`,
    p: props,
  });
  await send([page('a')], { 'accept-language': 'pt-BR,pt;q=0.9,en;q=0.8' });
  await send([page('b')], { 'accept-language': 'en;q=0.5, de-AT;q=0.9, fr;q=0.7' });
  await send([page('c')], { 'accept-language': '%%;q=abc,,*' });
  await send(
    [
      purchase('d', { revenue: 19.99, currency: 'EUR' }),
      purchase('e', { revenue: '1234.5678', currency: 'usd' }),
      purchase('f', { revenue: 25, currency: 'XYZ' }),
      purchase('g', { revenue: '12.34567', currency: 'EUR' }),
    ],
    { 'accept-language': 'fr-CA' },
  );
  // Ten tips of 0.1: floats would sum them to 0.9999999999999999.
  await send(
    Array.from({ length: 10 }, (_, i) => purchase(`h${i}`, { revenue: 0.1, currency: 'GBP' })),
    { 'accept-language': 'en-GB' },
  );
  await sendSigned([purchase('i', { revenue: '99999999999.9999', currency: 'JPY' })], 'ja-JP,ja;q=0.9');

  const stored = await storedBeforeMarker();
  const row = (pathname: string, name: string, language: string, revenue = '0.0000', currency = '') => ({
    pathname,
    name,
    language,
    revenue,
    revenue_currency: currency,
  });
  assert.deepEqual(stored, [
    row('/a', 'pageview', 'pt-br'),
    row('/b', 'pageview', 'de-at'),
    row('/c', 'pageview', ''),
    row('/d', 'purchase', 'fr-ca', '19.9900', 'EUR'),
    row('/e', 'purchase', 'fr-ca', '1234.5678', 'USD'),
    // A currency or amount that breaks the rules: the event is kept, without revenue.
    row('/f', 'purchase', 'fr-ca'),
    row('/g', 'purchase', 'fr-ca'),
    ...Array.from({ length: 10 }, (_, i) => row(`/h${i}`, 'purchase', 'en-gb', '0.1000', 'GBP')),
    row('/i', 'purchase', 'ja-jp', '99999999999.9999', 'JPY'),
  ]);
  assert.deepEqual(
    await clickhouse.query(
      `SELECT revenue_currency, toString(sum(revenue_amount)) AS revenue FROM sluice.events
       WHERE site_id = ${SITE.id} AND revenue_currency != '' GROUP BY revenue_currency ORDER BY revenue_currency`,
    ),
    [
      { revenue_currency: 'EUR', revenue: '19.9900' },
      { revenue_currency: 'GBP', revenue: '1.0000' },
      { revenue_currency: 'JPY', revenue: '99999999999.9999' },
      { revenue_currency: 'USD', revenue: '1234.5678' },
    ],
  );
});
