import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { rowProblems, trackerSnippet, type EventRow, type WireBatch } from '@sluice/config';
import { arrivedBeforeMarker, freePort, waitUntil } from '@sluice/services';
import { dataPaths, type StackSettings } from '../src/stack/settings';
import { readSites } from '../src/stack/sites-file';
import type { RunningStack } from '../src/stack/stack';
import { CUSTOMER_HOST, launchChromium, personsPage } from './browser';
import { startCustomerSite } from './customer-site';
import { startTestStack } from './test-stack';

let dataDir: string;
let settings: StackSettings;
let stack: RunningStack;
let customer: Awaited<ReturnType<typeof startCustomerSite>>;
let browser: Browser;
let customerPort: number;

before(async () => {
  ({ dataDir, settings, stack } = await startTestStack('e2e'));
  const site = readSites(dataPaths(settings).sitesFile)[0];
  customerPort = await freePort();
  customer = await startCustomerSite({
    dir: join(dataDir, 'customer-site'),
    port: customerPort,
    edgeOrigin: stack.edgeUrl,
    html: `<!doctype html><html><head><title>Shop</title>${trackerSnippet(site.key)}</head><body><h1>Shop</h1></body></html>`,
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await customer?.stop();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function ndjsonRows(path: string): EventRow[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as EventRow);
}

/** POSTs JSON to the API through the edge; the answer must have `status`. */
async function post<T = { accessToken: string }>(path: string, body: unknown, token?: string, status = 200) {
  const response = await fetch(`${stack.edgeUrl}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, status, `${path}: ${await response.clone().text()}`);
  return (await response.json()) as T;
}

/** The password the owner chooses at the first sign-in (in the panel, by the first test). */
const OWNER_PASSWORD = 'the owner’s own password';

/** The owner's email and one-time password, as `npm start` printed them. */
function printedCredentials(): { email: string; oneTime: string } {
  const [, email, oneTime] =
    /created: (\S+) with the one-time password (\S+)/.exec(stack.ownerNotice ?? '') ?? [];
  assert.ok(oneTime, `npm start shows the owner's one-time password: ${stack.ownerNotice}`);
  return { email, oneTime };
}

let ownersPassword: Promise<void> | undefined;

/**
 * Makes OWNER_PASSWORD the owner's, as the first test does in the panel: through the API when the one-time
 * password is still theirs, so that each test can run alone. Once: a spent one-time password is a failed
 * sign-in, which the throttle counts.
 */
const ownerChoosesTheirPassword = () => (ownersPassword ??= choosePassword());

async function choosePassword(): Promise<void> {
  const { email, oneTime } = printedCredentials();
  const first = await fetch(`${stack.edgeUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: oneTime }),
  });
  if (first.status === 401) return; // the one-time password is spent: the owner's own is set
  assert.equal(first.status, 200, await first.clone().text());
  const { accessToken } = (await first.json()) as { accessToken: string };
  await post('/auth/password', { currentPassword: oneTime, newPassword: OWNER_PASSWORD }, accessToken);
}

async function signInAsTheOwner(): Promise<string> {
  await ownerChoosesTheirPassword();
  return (await post('/auth/login', { email: printedCredentials().email, password: OWNER_PASSWORD }))
    .accessToken;
}

/** The owner, signed in to the panel with their own password. */
async function ownerInThePanel(): Promise<Page> {
  await ownerChoosesTheirPassword();
  return signInToPanel(printedCredentials().email, OWNER_PASSWORD);
}

/**
 * Signs in to the panel in a browser context of its own (its own session cookie); with `newPassword`, the
 * password is a one-time one, which the panel asks to replace first.
 */
async function signInToPanel(email: string, password: string, newPassword?: string): Promise<Page> {
  const panel = await browser.newPage();
  await panel.goto(`${stack.edgeUrl}/`);
  await panel.getByLabel('Email').fill(email);
  await panel.getByLabel('Password').fill(password);
  await panel.getByRole('button', { name: 'Sign in' }).click();
  if (newPassword) {
    await panel.getByLabel('One-time password').fill(password);
    await panel.getByLabel('New password').fill(newPassword);
    await panel.getByRole('button', { name: 'Save and continue' }).click();
  }
  await panel.getByRole('link', { name: 'Reports' }).waitFor();
  return panel;
}

test('a new user signs in with what npm start printed, adds a site, pastes its snippet, and the edge takes its events', async () => {
  const { email, oneTime } = printedCredentials();
  const panel = await signInToPanel(email, oneTime, OWNER_PASSWORD);

  await panel.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Sites' }).click();
  const form = panel.getByRole('form', { name: 'Add a site' });
  await form.getByLabel('Name').fill('My new shop');
  // Pasted as a URL, as from the address bar: the site is its host.
  await form.getByLabel('Domain').fill('https://New-Shop.test/');
  await form.getByRole('button', { name: 'Add site' }).click();
  await form
    .getByRole('status')
    .filter({ hasText: 'Added new-shop.test: its snippet is in its card below' })
    .waitFor();
  const snippet =
    (await panel
      .getByRole('article', { name: 'Site new-shop.test' })
      .getByLabel('Snippet', { exact: true })
      .textContent()) ?? '';
  const site = readSites(dataPaths(settings).sitesFile).find(({ domain }) => domain === 'new-shop.test');
  assert.ok(site, 'the new site is in the sites file the edge reads');
  assert.equal(snippet, trackerSnippet(site.key));

  // The edge re-reads the sites file every second; a user pastes a snippet later than that, the test not.
  await waitUntil('the edge knowing the new site', async () => {
    const probe = await fetch(`${stack.edgeUrl}/telemetry/e`, {
      method: 'POST',
      body: JSON.stringify({ s: site.key, e: [{}] }),
    });
    return ((await probe.json()) as { error: string }).error !== 'unknown_site';
  });

  // Pasted into a page of the customer's site, which proxies /telemetry/ to the edge.
  writeFileSync(
    join(dataDir, 'customer-site', 'www', 'pasted.html'),
    `<!doctype html><title>Pasted</title>${snippet}<p>Hi</p>`,
  );
  const visitor = await browser.newPage();
  await visitor.goto(`http://${CUSTOMER_HOST}:${customerPort}/pasted.html`);
  await waitUntil(
    "the new site's pageview in the edge's log",
    async () =>
      ndjsonRows(dataPaths(settings).eventsLog).some(
        (row) => row.site_id === site.id && row.pathname === '/pasted.html',
      ),
    { timeoutMs: 15_000 },
  );
  await visitor.close();
  await panel.close();
});

test('an owner gives a new viewer one site in the panel: the viewer sees that site only, read-only; the audit log tells', async () => {
  await post('/sites', { name: 'Granted shop', domain: 'granted.test' }, await signInAsTheOwner(), 201);
  const owner = await ownerInThePanel();
  await owner.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Sites' }).click();
  const shop = owner.getByRole('article', { name: 'Site granted.test' });
  // A site's settings are folded under its snippet: closed, they can't be changed.
  assert.equal(await shop.getByLabel('Name').isVisible(), false);
  await shop.locator('summary', { hasText: 'Settings, keys and deletion' }).click();
  await shop.getByLabel('Name').fill('The granted shop');
  await shop.getByLabel('Bots and crawlers').selectOption('drop');
  await shop.getByLabel(/^Blocked addresses/).fill('198.51.100.0/24\n2001:db8::7');
  await shop.getByLabel(/^Blocked countries/).fill('cn, ru');
  await shop.getByLabel(/^Blocked pages/).fill('/admin/**\n/preview/*');
  await shop.getByRole('button', { name: 'Save settings' }).click();
  await waitUntil('the changed settings in the sites file', async () => {
    const site = readSites(dataPaths(settings).sitesFile).find(({ domain }) => domain === 'granted.test');
    return (
      site?.name === 'The granted shop' &&
      site.botPolicy === 'drop' &&
      site.blockedAddresses?.join() === '198.51.100.0/24,2001:db8::7' &&
      site.blockedCountries?.join() === 'CN,RU' &&
      site.blockedPages?.join() === '/admin/**,/preview/*'
    );
  });
  // A signing secret for the site's servers: shown once, in the file the edge reads, revoked from it.
  const secrets = shop.getByRole('region', { name: 'Signing secrets' });
  await secrets.getByRole('button', { name: 'New signing secret' }).click();
  const secret = await secrets.getByRole('status').locator('code').textContent();
  assert.match(secret ?? '', /^[\w-]{43}$/);
  const grantedSecrets = () =>
    readSites(dataPaths(settings).sitesFile).find(({ domain }) => domain === 'granted.test')
      ?.signingSecrets ?? [];
  await waitUntil('the new secret in the sites file', async () => grantedSecrets().includes(secret ?? ''));
  const secretId = (await secrets.getByRole('listitem').locator('code').textContent()) ?? '';
  await secrets.getByRole('button', { name: `Delete the signing secret ${secretId}` }).click();
  await secrets.getByRole('button', { name: `Confirm: delete the signing secret ${secretId}` }).click();
  await waitUntil('the revoked secret gone from the sites file', async () => grantedSecrets().length === 0);
  await secrets.getByText('No signing secret yet.').waitFor();

  await owner.getByRole('link', { name: 'Users' }).click();
  const form = owner.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('Email').fill('vera@granted.test');
  await form.getByLabel('Role').selectOption('viewer');
  await form.getByLabel('granted.test').check();
  await form.getByRole('button', { name: 'Add user' }).click();
  const oneTime = await owner
    .getByRole('status', { name: 'One-time password' })
    .locator('code')
    .textContent();
  assert.ok(oneTime, 'the panel shows the new user’s one-time password');
  await owner.getByRole('article', { name: 'User vera@granted.test' }).waitFor();

  const viewer = await signInToPanel('vera@granted.test', oneTime, 'vera’s own password');
  const tabs = await viewer.getByRole('navigation', { name: 'Pages' }).getByRole('link').allTextContents();
  assert.deepEqual(tabs, ['Reports', 'Sites', 'Account'], 'no Users or Audit log for a viewer');
  await viewer.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Sites' }).click();
  const granted = viewer.getByRole('article', { name: 'Site granted.test' });
  await granted.waitFor();
  await granted.locator('summary', { hasText: 'Settings' }).click();
  assert.equal(await viewer.getByRole('article').count(), 1, 'the other site is not shown');
  assert.equal(await viewer.getByRole('form', { name: 'Add a site' }).count(), 0);
  assert.ok(await granted.getByLabel('Name').isDisabled(), 'a viewer cannot change settings');
  assert.equal(await granted.getByRole('button', { name: 'Delete site' }).count(), 0);

  await viewer.getByRole('link', { name: 'Account' }).click();
  const change = viewer.getByRole('form', { name: 'Change password' });
  await change.getByLabel('Current password').fill('vera’s own password');
  await change.getByLabel('New password').fill('vera’s better password');
  await change.getByRole('button', { name: 'Change password' }).click();
  await change.getByRole('status').filter({ hasText: 'Your password is changed.' }).waitFor();
  await post('/auth/login', { email: 'vera@granted.test', password: 'vera’s better password' });

  await owner.getByRole('link', { name: 'Audit log' }).click();
  const log = owner.getByRole('region', { name: 'Audit log' });
  await log.getByRole('row').filter({ hasText: 'vera@granted.test' }).first().waitFor();
  const rows = await log.getByRole('row').allTextContents();
  assert.ok(
    rows.some((row) => row.includes('user.create') && row.includes('vera@granted.test')),
    rows.join('\n'),
  );
  assert.ok(
    rows.some((row) => row.includes('site.update') && row.includes('The granted shop')),
    rows.join('\n'),
  );
  await viewer.close();
  await owner.close();
});

/** Whether ClickHouse holds the event, as the reports' own account sees it. */
async function inClickHouse(eventId: string): Promise<boolean> {
  const { url, database, reader } = settings.clickhouse;
  const response = await fetch(`${url}/?database=${database}`, {
    method: 'POST',
    headers: { 'X-ClickHouse-User': reader.username, 'X-ClickHouse-Key': reader.password },
    body: `SELECT count() FROM events WHERE event_id = '${eventId}'`,
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.text()).trim() !== '0';
}

async function overview(siteId: number, day: string, token?: string): Promise<Response> {
  return fetch(`${stack.edgeUrl}/api/sites/${siteId}/overview?from=${day}&to=${day}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

test("a pageview from a real browser on the customer site reaches the report API and the panel's overview", async () => {
  const site = readSites(dataPaths(settings).sitesFile)[0];
  const page = await personsPage(browser);
  const beacon = page.waitForRequest(
    (request) => request.url().endsWith('/telemetry/e') && request.method() === 'POST',
  );
  const pageUrl = `http://${CUSTOMER_HOST}:${customerPort}/`;
  await page.goto(pageUrl);

  // The exact payload the tracker sent, through the customer's own domain.
  const request = await beacon;
  assert.equal(request.url(), `http://${CUSTOMER_HOST}:${customerPort}/telemetry/e`);
  const batch = JSON.parse(request.postData() ?? '') as WireBatch;
  assert.equal(batch.s, site.key);
  assert.equal(batch.e.length, 1);
  const [sent] = batch.e;
  assert.match(sent.id ?? '', /^[0-9a-f]{32}$/, '128 random bits');
  assert.equal(sent.n, 'pageview');
  assert.equal(sent.u, pageUrl);
  assert.equal(typeof sent.sid, 'string');

  // The edge wrote exactly one contract-conforming NDJSON line for it, without the visitor's IP: the
  // lines before a marker the page tracks after it (anything the page sent before is written before).
  const eventsLog = dataPaths(settings).eventsLog;
  const siteRows = () => ndjsonRows(eventsLog).filter((row) => row.site_id === site.id);
  const rows = await arrivedBeforeMarker('the pageview', {
    send: () => page.evaluate("_sluice.push(['track', 'e2e-marker'])"),
    arrived: siteRows,
    isMarker: (row) => row.name === 'e2e-marker',
  });
  assert.equal(rows.length, 1);
  const [row] = rows;
  assert.deepEqual(rowProblems(row), []);
  assert.equal(row.event_id.replaceAll('-', ''), sent.id, 'the edge writes the id as UUID text');
  assert.match(row.event_id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(row.site_id, site.id);
  assert.equal(row.name, 'pageview');
  assert.equal(row.hostname, CUSTOMER_HOST);
  assert.equal(row.pathname, '/');
  assert.equal(row.session_id, sent.sid);
  assert.equal(row.is_bot ?? 0, 0, "a person's browser is not flagged as a bot");
  assert.ok(!readFileSync(eventsLog, 'utf8').includes('127.0.0.1'), 'the raw IP must never be written');

  // The shipper lands the log in order: once the marker is in ClickHouse, so is everything before it.
  const marker = siteRows().find(({ name }) => name === 'e2e-marker')!;
  await waitUntil('the marker in ClickHouse', () => inClickHouse(marker.event_id), { timeoutMs: 30_000 });

  // The report API, through the edge's /api/, counts the one pageview and its visitor.
  const today = new Date().toISOString().slice(0, 10);
  const response = await overview(site.id, today, await signInAsTheOwner());
  assert.equal(response.status, 200);
  const { visitors, pageviews } = (
    (await response.json()) as { metrics: { visitors: number; pageviews: number } }
  ).metrics;
  assert.deepEqual({ visitors, pageviews }, { visitors: 1, pageviews: 1 });

  // And the panel shows the owner those numbers on the site's overview.
  const panel = await ownerInThePanel();
  await panel.getByLabel('Site').selectOption({ label: site.name });
  // Each metric card reads label, value and change; the other site's numbers stay (dimmed) until these come.
  const cards = panel.getByRole('list', { name: 'Metrics' }).getByRole('button');
  await cards.filter({ hasText: /^\s*Unique visitors\s*1\D/ }).waitFor();
  const shown = (await cards.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  assert.deepEqual(shown.slice(0, 3), [
    'Unique visitors 1 — against the previous period',
    'Visits 1 — against the previous period',
    'Pageviews 1 — against the previous period',
  ]);
  await panel.close();
  await page.close();
});

/**
 * A language model on loopback answering OpenAI's Chat Completions with `name` (the backend's tests have a
 * fuller one; ops may not import them): the calls it received are counted.
 */
async function startModel(
  name: string,
): Promise<{ baseUrl: string; calls: () => number; stop(): Promise<void> }> {
  let calls = 0;
  const server = createServer((request, response) => {
    request.resume().on('end', () => {
      calls++;
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          choices: [{ index: 0, message: { role: 'assistant', content: name }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 100, completion_tokens: 4 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    calls: () => calls,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The element breakdown's row of `fingerprint` today, through the edge's /api/. */
async function actionRow(siteId: number, fingerprint: string, token: string) {
  const day = new Date().toISOString().slice(0, 10);
  const response = await fetch(
    `${stack.edgeUrl}/api/sites/${siteId}/breakdown?from=${day}&to=${day}&dimension=element&limit=100`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  assert.equal(response.status, 200, await response.clone().text());
  const { rows } = (await response.json()) as {
    rows: Array<{ value: string; name: string; nameSource: string }>;
  };
  return rows.find((row) => row.value === fingerprint);
}

test('an autocaptured click in a real browser shows its heuristic name, then its AI name, in the report API and the Actions page', async () => {
  const site = readSites(dataPaths(settings).sitesFile)[0];
  writeFileSync(
    join(dataDir, 'customer-site', 'www', 'checkout.html'),
    `<!doctype html><title>Checkout</title>${trackerSnippet(site.key)}<main><h1>Checkout</h1><button id="place-order">Place Order</button></main>`,
  );
  const page = await personsPage(browser);
  await page.goto(`http://${CUSTOMER_HOST}:${customerPort}/checkout.html`);
  await page.getByRole('button', { name: 'Place Order' }).click();
  const clicked = () =>
    ndjsonRows(dataPaths(settings).eventsLog).find(
      (row) => row.site_id === site.id && row.name === '$autocapture' && row.el_text === 'Place Order',
    );
  await waitUntil('the click in the edge’s log', async () => clicked() !== undefined, { timeoutMs: 15_000 });
  const click = clicked()!;
  await waitUntil('the click in ClickHouse', () => inClickHouse(click.event_id), { timeoutMs: 30_000 });

  // No provider: the heuristic name, in the API and the panel.
  const token = await signInAsTheOwner();
  assert.deepEqual(await actionRow(site.id, click.el_fingerprint, token), {
    value: click.el_fingerprint,
    name: "Clicked 'Place Order' on /checkout.html",
    nameSource: 'heuristic',
    metrics: { visitors: 1, visits: 1, pageviews: 0 },
    comparison: null,
  });
  const day = new Date().toISOString().slice(0, 10);
  const panel = await ownerInThePanel();
  await panel.goto(`${stack.edgeUrl}/sites/${site.id}/actions?from=${day}&to=${day}&compare=none`);
  const actions = panel.getByRole('region', { name: 'Actions' });
  const heuristicRow = actions
    .getByRole('row')
    .filter({ hasText: "Clicked 'Place Order' on /checkout.html" });
  await heuristicRow.waitFor();
  assert.equal(
    (await heuristicRow.innerText()).replace(/\s+/g, ' ').trim(),
    "Clicked 'Place Order' on /checkout.html Rename Automatic 1 1 Context",
  );

  // A provider configured: the worker names the click within its poll, once.
  const model = await startModel('Clicked Place Order');
  try {
    const configured = await fetch(`${stack.edgeUrl}/api/ai/provider`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ kind: 'openai', baseUrl: model.baseUrl, model: 'namer' }),
    });
    assert.equal(configured.status, 200, await configured.clone().text());
    await waitUntil(
      'the AI name in the report API',
      async () => (await actionRow(site.id, click.el_fingerprint, token))?.nameSource === 'ai',
      { timeoutMs: 30_000 },
    );
    assert.equal((await actionRow(site.id, click.el_fingerprint, token))?.name, 'Clicked Place Order');
    assert.equal(model.calls(), 1);
    await panel.reload();
    const aiRow = actions.getByRole('row').filter({ hasText: 'Clicked Place Order' });
    await aiRow.waitFor();
    // The row: a checkbox to choose it (owners), the name with its rename button, the source, visitors, clicks.
    assert.equal(
      (await aiRow.innerText()).replace(/\s+/g, ' ').trim(),
      'Clicked Place Order Rename AI 1 1 Context',
    );
  } finally {
    await model.stop();
  }
  await panel.close();
  await page.close();
});

test('the report API refuses requests without a signed-in user', async () => {
  const site = readSites(dataPaths(settings).sitesFile)[0];
  const response = await overview(site.id, new Date().toISOString().slice(0, 10));
  assert.equal(response.status, 401);
});

test('the edge serves the built admin panel at /, and its scripts', async () => {
  const page = await fetch(`${stack.edgeUrl}/sites/1`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<title>Sluice<\/title>/);
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html);
  assert.ok(script, 'the page loads a built script');
  const asset = await fetch(`${stack.edgeUrl}${script[1]}`);
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('content-type') ?? '', /javascript/);
});

test('an owner deletes a site in the panel and follows its deletion until its data is erased', async () => {
  const owner = await ownerInThePanel();
  await owner.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Sites' }).click();
  const form = owner.getByRole('form', { name: 'Add a site' });
  await form.getByLabel('Name').fill('Doomed');
  await form.getByLabel('Domain').fill('doomed.test');
  await form.getByRole('button', { name: 'Add site' }).click();
  const card = owner.getByRole('article', { name: 'Site doomed.test' });
  await card.locator('summary', { hasText: 'Settings, keys and deletion' }).click();
  await card.getByLabel('Type doomed.test to delete the site and all of its data').fill('doomed.test');
  await card.getByRole('button', { name: 'Delete site' }).click();
  const notice = owner.getByRole('status', { name: 'Deleting doomed.test' });
  await notice.filter({ hasText: /^Deleting doomed\.test: / }).waitFor();
  await card.waitFor({ state: 'detached' }); // the site leaves the list at once
  assert.equal(
    readSites(dataPaths(settings).sitesFile).some(({ domain }) => domain === 'doomed.test'),
    false,
  );
  // The edge's settling time, then the shipper's progress, then ClickHouse's erasure: seconds here.
  await notice
    .filter({ hasText: 'doomed.test is deleted with all of its data.' })
    .waitFor({ timeout: 60_000 });
  await owner.close();
});

test('the customer site and the edge logged no errors', () => {
  for (const log of [customer.errorLog, stack.edgeErrorLog]) {
    const errors = readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => /\[(error|crit|alert|emerg)\]/.test(line));
    assert.deepEqual(errors, [], log);
  }
});
