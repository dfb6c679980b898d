import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { sampleEventRow } from '@sluice/config';
import { REPO_ROOT } from '../src/repo-root';
import { SCREENSHOT_SIZES, startPanelHarness, type PanelHarness } from './panel-harness';

/**
 * The Ask page in Chromium over the real stack: a question answered by a breakdown (the model is a real
 * HTTP server speaking Chat Completions), its query in words, chart and table with the seeded numbers,
 * saved to a dashboard whose widget shows the same report; a question the model can't map answered "I
 * can't answer that" with suggestions. axe-core on the page with both answers and its screenshots, at
 * desktop width (light) and phone width (dark); the AI page with that provider configured, the same way.
 */

/** What this test uses of the backend's test provider (backend/test/language-model-servers.ts). */
interface ModelServer {
  behave: (call: unknown) => { text: string } | { status: number; body: string };
  readonly calls: unknown[];
  settings(): { kind: string; baseUrl: string; model: string; apiKey?: string };
  stop(): Promise<void>;
}

/**
 * The backend's test provider, compiled with the backend (an ES module, imported at run time): one server
 * for both workspaces' tests rather than a copy here.
 */
async function startModelServer(): Promise<ModelServer> {
  const url = pathToFileURL(join(REPO_ROOT, 'backend/dist/test/language-model-servers.js')).href;
  const { LanguageModelServer } = (await import(url)) as {
    LanguageModelServer: { start(kind: 'openai'): Promise<ModelServer> };
  };
  return LanguageModelServer.start('openai');
}

let panel: PanelHarness;
let model: ModelServer;

const SITE_ID = 1;
const WEEK = { from: '2026-11-10', to: '2026-11-16' };

/** The model's answers, one per call from now on. */
function modelAnswers(...texts: string[]): void {
  const start = model.calls.length;
  model.behave = () => ({ text: texts[model.calls.length - start - 1] });
}

async function api(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${panel.stack.adminUrl}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${panel.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return response.status === 204 ? undefined : response.json();
}

before(async () => {
  panel = await startPanelHarness('ask');
  model = await startModelServer();
  const { kind, baseUrl, model: name, apiKey } = model.settings();
  // Naming off: every call the test server receives is a question's.
  await api('PUT', '/ai/provider', { kind, baseUrl, model: name, apiKey, namingEnabled: false });
  await panel.insertEvents(
    ['DE', 'DE', 'US'].map((country, index) =>
      sampleEventRow({
        site_id: SITE_ID,
        session_id: `s${index}`,
        visitor_id: `v${index}`,
        country,
        ts: `2026-11-1${2 + index} 10:00:00`,
      }),
    ),
  );
});

after(async () => {
  await panel?.stop();
  await model?.stop();
});

/** A table's rows as text, its header first. */
async function rowsOf(table: Locator): Promise<string[]> {
  await table.getByRole('cell').first().waitFor();
  return (await table.getByRole('row').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
}

test('a question answered by a breakdown, saved to a dashboard; one the data can’t answer, with suggestions', async () => {
  const page = await panel.ownerPage(`/sites/${SITE_ID}/ask`);
  const box = page.getByLabel('Your question');
  modelAnswers(
    JSON.stringify({
      report: 'breakdown',
      range: { period: 'custom', ...WEEK },
      metrics: ['visitors'],
      dimension: 'country',
    }),
  );
  await box.fill('Where did visitors come from in the week of November 10?');
  await page.getByRole('button', { name: 'Ask' }).click();

  const first = page.getByRole('article').filter({
    has: page.getByRole('heading', { name: 'Where did visitors come from in the week of November 10?' }),
  });
  const words = 'Visitors by country, 2026-11-10 to 2026-11-16';
  await first.getByText(`Answered with: ${words}`).waitFor();
  // The breakdown's chart is a table already: every number of the answer is folded under it.
  const numbers = first.getByRole('region', { name: words });
  assert.equal(await numbers.isVisible(), false);
  await first.getByText('Every number as a table').click();
  assert.deepEqual(await rowsOf(numbers), ['Country Unique visitors', 'Germany 2', 'United States 1']);
  // The overview's breakdown bars, as its cards draw them.
  assert.deepEqual(await rowsOf(first.locator('.breakdown-table')), [
    'Country Visitors',
    'Germany 2',
    'United States 1',
  ]);
  assert.equal(await box.inputValue(), '', 'the box is cleared for the next question');

  // Saved: a new dashboard, the widget's form preset to the answer's breakdown by country.
  await first.getByText('Add to dashboard').click();
  const form = first.locator('.add-to-dashboard-form');
  assert.equal(await form.getByLabel('Shows').inputValue(), 'breakdown');
  assert.equal(await form.getByLabel('By').inputValue(), 'country');
  await form.getByRole('textbox', { name: 'Name' }).fill('Asked');
  await form.getByRole('button', { name: 'Add widget' }).click();
  await form.getByRole('status').filter({ hasText: 'Added to “Asked”.' }).waitFor();
  const [dashboard] = (await api('GET', `/sites/${SITE_ID}/dashboards`)) as Array<{
    widgets: Array<{ reportKey: string; query: string; kind: string; dimension: string | null }>;
  }>;
  assert.deepEqual(
    dashboard.widgets.map(({ reportKey, query, kind, dimension }) => ({ reportKey, query, kind, dimension })),
    [
      {
        reportKey: 'overview',
        query: `period=custom&from=${WEEK.from}&to=${WEEK.to}&compare=none`,
        kind: 'breakdown',
        dimension: 'country',
      },
    ],
  );

  // Garbage twice: one repair, then no guess.
  modelAnswers('Most visitors were from Germany.', 'SELECT country FROM events');
  await box.fill('What is the weather in Berlin?');
  await box.press('Enter');
  const second = page.getByRole('article').filter({
    has: page.getByRole('heading', { name: 'What is the weather in Berlin?' }),
  });
  await second.getByText('I can’t answer that from this data.').waitFor();
  assert.deepEqual(await second.getByRole('listitem').allInnerTexts(), [
    'Visitors by page in the last 7 days',
    'Visitors by referrer source in the last 7 days',
    'Visitors by country in the last 7 days',
  ]);
  assert.equal(await page.getByRole('article').count(), 2, 'both questions stay listed');

  // The dashboard's widget shows the saved query's report.
  const reports = page.getByRole('navigation', { name: 'Reports' });
  await reports.getByRole('link', { name: 'Dashboards' }).click();
  await page.getByRole('heading', { name: 'Asked' }).waitFor();
  assert.deepEqual(await rowsOf(page.getByRole('region', { name: 'Country' })), [
    'Country Visitors',
    'Germany 2',
    'United States 1',
  ]);

  // Back on the Ask tab, the session's answers are still there: shot at desktop width (light), then phone (dark).
  await reports.getByRole('link', { name: 'Ask' }).click();
  await first.getByText(`Answered with: ${words}`).waitFor();
  assert.deepEqual(await page.getByRole('article').getByRole('heading', { level: 2 }).allInnerTexts(), [
    'Where did visitors come from in the week of November 10?',
    'What is the weather in Berlin?',
  ]);
  for (const size of [...SCREENSHOT_SIZES].reverse()) {
    await panel.restyle(page, size);
    await panel.assertAccessible(page, `the Ask page with an answer and a refusal at ${size.width} px`);
    await panel.screenshot(page, 'ask');
  }
  await page.close();
});

test('the AI page with the provider the questions use, at phone width (dark) and desktop width (light)', async () => {
  const { baseUrl, model: name } = model.settings();
  model.behave = () => ({ text: 'OK' });
  for (const size of SCREENSHOT_SIZES) {
    const page = await panel.ownerPage('/ai', size);
    const baseUrlField = page.getByLabel('Base URL');
    await baseUrlField.waitFor();
    assert.deepEqual(
      [await baseUrlField.inputValue(), await page.getByLabel('Model', { exact: true }).inputValue()],
      [baseUrl, name],
    );
    // The model server answers the test prompt: the page says how long it took.
    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.getByText(/^(Connected|Not connected)/);
    await result.waitFor();
    assert.match(await result.innerText(), new RegExp(`^Connected: ${name} answered in \\d+ ms\\.$`));
    await panel.assertAccessible(page, `the AI page at ${size.width} px`);
    await panel.screenshot(page, 'ai');
    await page.close();
  }
});

test('without an AI provider the Ask page says so before any question, and links to where an owner sets one', async () => {
  const { kind, baseUrl, model: name, apiKey } = model.settings();
  await api('DELETE', '/ai/provider');
  try {
    const page = await panel.ownerPage(`/sites/${SITE_ID}/ask`);
    const notice = page.getByRole('status').filter({ hasText: 'No AI provider is configured yet' });
    await notice.waitFor();
    await notice.getByRole('link', { name: 'AI page' }).click();
    await page.waitForURL(/\/ai$/);
    await page.close();
  } finally {
    await api('PUT', '/ai/provider', { kind, baseUrl, model: name, apiKey, namingEnabled: false });
  }
});
