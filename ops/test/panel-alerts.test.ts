import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { SCREENSHOT_SIZES, startPanelHarness, type PanelHarness } from './panel-harness';

/**
 * The Alerts page in Chromium over the real stack: a rule made through the form (its signing secret shown
 * once), test-fired to a real HTTP receiver that checks the signature, its delivery in the history; the
 * digest opt-in says why it can't be turned on without an SMTP server; axe finds nothing serious, and the
 * rule with its history is shot at phone width (dark) and desktop width (light).
 */
let panel: PanelHarness;
let receiver: Server;
const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];

before(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  panel = await startPanelHarness('alerts');
});

after(async () => {
  await panel?.stop();
  receiver?.close();
});

test('a rule made in the Alerts page, test-fired to a signed webhook, with its delivery in the history', async () => {
  const { port } = receiver.address() as AddressInfo;
  const page = await panel.ownerPage('/sites/1/alerts');
  const digest = page.getByRole('region', { name: 'Weekly digest' });
  await digest.getByText('Digests need an SMTP server').waitFor();
  assert.equal(await digest.getByRole('checkbox').isDisabled(), true);

  const form = page.getByRole('form', { name: 'Add a rule' });
  await form.getByRole('textbox', { name: 'Name' }).fill('Quiet hour');
  await form.getByLabel('Threshold').fill('5');
  // A filter from the form's own condition fields: a country offers only the operators it takes.
  const filter = form.getByRole('group', { name: 'New rule filter' });
  await filter.getByLabel('Field').selectOption('country');
  assert.deepEqual(await filter.getByLabel('Match').locator('option').allInnerTexts(), ['is', 'is not']);
  await filter.getByRole('combobox', { name: 'Value' }).fill('DE');
  await filter.getByRole('button', { name: 'Add filter' }).click();
  await form.getByRole('list', { name: 'Rule filters' }).getByText('Country is Germany').waitFor();
  await form.getByLabel('Webhook URL').fill(`http://127.0.0.1:${port}/hook`);
  await form.getByRole('button', { name: 'Add rule' }).click();

  const rule = page.getByRole('listitem', { name: 'Quiet hour' });
  await rule.waitFor();
  assert.match(
    await rule.innerText(),
    /unique visitors where Country is Germany over the last 60 min below 5; 2 evaluations in a row, cooldown 60 min/,
  );
  const secret = await page.locator('.notice code').innerText();
  assert.match(secret, /^whsec_[A-Za-z0-9_-]{43}$/);
  await panel.assertAccessible(page, 'the Alerts page with a rule');

  // Changed through its edit form: the webhook channel is kept, with its secret.
  await rule.getByRole('button', { name: 'Edit' }).click();
  const edit = rule.getByRole('form', { name: 'Change Quiet hour' });
  await edit.getByLabel('Threshold').fill('7');
  await edit.getByRole('button', { name: 'Save rule' }).click();
  await edit.waitFor({ state: 'detached' });
  await rule.getByText('unique visitors where Country is Germany over the last 60 min below 7').waitFor();

  await rule.getByRole('button', { name: 'Test-fire' }).click();
  await rule.getByText('Test notification sent').waitFor();
  await rule.getByRole('button', { name: 'History' }).click();
  const history = rule.locator('.alert-history');
  // The delivery runs beside the answer: read the history again until its attempt is recorded.
  while (!/delivered after 1 attempt/.test(await history.innerText())) {
    await history.getByRole('button', { name: 'Read again' }).click();
    await history.locator('button:not([disabled])', { hasText: 'Read again' }).waitFor();
  }
  assert.match(await history.innerText(), /\(test\)/);
  assert.equal(received.length, 1);
  const [{ headers, body }] = received;
  const timestamp = String(headers['sluice-timestamp']);
  assert.equal(
    headers['sluice-signature'],
    `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
  );
  assert.equal(JSON.parse(body).type, 'alert.test');
  // The rule with its delivery in the history, at desktop width (light) and phone width (dark).
  for (const size of [...SCREENSHOT_SIZES].reverse()) {
    await panel.restyle(page, size);
    await panel.assertAccessible(page, `the Alerts page with a history at ${size.width} px`);
    await panel.screenshot(page, 'alerts');
  }
});
