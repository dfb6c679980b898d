import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { sampleEventRow } from '@sluice/config';
import { SCREENSHOT_SIZES, startPanelHarness, type PanelHarness } from './panel-harness';

/**
 * The owners' pages in Chromium over the real stack. Backups: an owner starts a backup with a passphrase,
 * follows it to its end, finds the archive listed and downloads it. Sites, users, the audit log, the account's
 * two-factor set-up and the sign-in page, with the sites and users the test adds. axe finds nothing serious in
 * any of them, at phone width (dark) and desktop width (light), where each is shot for docs/screenshots/.
 */
let panel: PanelHarness;

before(async () => {
  panel = await startPanelHarness('backups');
  await panel.insertEvents(
    ['2026-10-20 10:00:00', '2026-11-20 10:00:00'].map((ts, index) =>
      sampleEventRow({ site_id: 1, session_id: `s${index}`, visitor_id: `v${index}`, ts }),
    ),
  );
});

after(async () => {
  await panel?.stop();
});

test('an owner backs up from the panel, follows the progress and downloads the archive', async () => {
  const page = await panel.ownerPage('/backups');
  const region = page.getByRole('region', { name: 'Backups' });
  await region.getByText('No backup in the folder yet.').waitFor();
  await panel.assertAccessible(page, 'the backups page, empty');

  await region.getByLabel('Passphrase').fill('a passphrase for the test');
  await region.getByRole('button', { name: 'Back up now' }).click();
  const status = region.getByRole('status');
  await status.getByText(/^Written: sluice-backup-.*\.tar\.gz/).waitFor();
  const summary = await status.innerText();
  // Both months of events and their rollups, and the tables without months.
  assert.match(
    summary,
    /^Written: (sluice-backup-\S+\.tar\.gz) \((\d+) of \2 partitions, \d+ rows, [\d.]+ (KB|bytes) of ClickHouse data\)$/,
  );
  const name = /^Written: (\S+)/.exec(summary)![1];
  const rows = (await region.getByRole('row').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
  assert.equal(rows.length, 2);
  assert.match(rows[1], new RegExp(`^${name.replace(/\./g, '\\.')} .* Full Download$`));

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    region.getByRole('button', { name: 'Download' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), name);
  await panel.assertAccessible(page, 'the backups page with an archive');
  await panel.screenshot(page, 'backups');

  const dark = await panel.ownerPage('/backups', SCREENSHOT_SIZES[0]);
  await dark.getByRole('region', { name: 'Backups' }).getByRole('cell', { name }).waitFor();
  await panel.assertAccessible(dark, 'the backups page at phone width, dark');
  await panel.screenshot(dark, 'backups');
});

/** How long ago an instant was, in the page's own words (Intl in its locale, by its clock). */
const relativeDays = (instant: string, page: Page) =>
  page.evaluate((at) => {
    const days = Math.floor((Date.now() - Date.parse(at)) / 86_400_000);
    const { language } = (globalThis as unknown as { navigator: { language: string } }).navigator;
    return new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(-days, 'day');
  }, instant);

/** Sites, users with their grants, the audit log they leave, the account's two-factor set-up and sign-in. */
test('the admin pages with their data, at phone width (dark) and desktop width (light)', async () => {
  const site = async (name: string, domain: string) =>
    (await panel.post<{ id: number }>('/sites', { name, domain, timezone: 'Europe/Berlin' }, 201)).id;
  const shop = await site('Shop', 'shop.example.com');
  const docs = await site('Docs', 'docs.example.com');
  const blog = await site('Blog', 'blog.example.com');
  await panel.post('/users', { email: 'viewer@example.com', role: 'viewer', siteIds: [docs] }, 201);
  await panel.post('/users', { email: 'admin@example.com', role: 'admin', siteIds: [shop, blog] }, 201);

  for (const size of SCREENSHOT_SIZES) {
    const page = await panel.ownerPage('/sites', size);
    const pages = page.getByRole('navigation', { name: 'Pages' });
    const menu = page.getByRole('button', { name: 'Menu' });
    const phone = size.width < 640;
    // On a phone the pages fold behind Menu, which following one of them folds again; a desktop shows them.
    const goTo = async (name: string) => {
      assert.equal(await pages.isVisible(), !phone, `the pages shown at ${size.width} px`);
      assert.equal(await menu.isVisible(), phone, `Menu at ${size.width} px`);
      if (phone) await menu.click();
      await pages.getByRole('link', { name }).click();
      if (phone) assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'folded again');
    };
    await page.getByRole('article', { name: 'Site blog.example.com' }).waitFor();
    assert.deepEqual(await page.getByRole('article').getByRole('heading').allInnerTexts(), [
      'shop.test shop.test',
      'Shop shop.example.com',
      'Docs docs.example.com',
      'Blog blog.example.com',
    ]);
    // Whether each site's snippet sends anything: the first site's last events are weeks old, the others have none.
    const activity = page.locator('.site-activity');
    // Each site's card asks on its own: every line waited for, not the last alone.
    for (let n = 0; n < 4; n++) await activity.nth(n).filter({ hasText: /\w/ }).waitFor();
    assert.deepEqual(await activity.allInnerTexts(), [
      `Quiet: the last event came ${await relativeDays('2026-11-20T10:00:00Z', page)}. See its reports`,
      'No events yet: paste the snippet on every page of shop.example.com, then open one of them.',
      'No events yet: paste the snippet on every page of docs.example.com, then open one of them.',
      'No events yet: paste the snippet on every page of blog.example.com, then open one of them.',
    ]);
    assert.equal(
      await activity.first().getByRole('link', { name: 'See its reports' }).getAttribute('href'),
      '/sites/1/overview',
    );
    // The quiet site's week, summed up: nobody; its snippet, pasted long ago, folded.
    const quiet = page.getByRole('article', { name: 'Site shop.test' });
    await quiet
      .locator('.site-traffic-figure')
      .filter({ hasText: /^0 visitors, last 7 days/ })
      .waitFor();
    assert.equal(await quiet.getByLabel('Snippet', { exact: true }).isVisible(), false);
    assert.match(
      await page
        .getByRole('article', { name: 'Site shop.example.com' })
        .getByLabel('Snippet', { exact: true })
        .innerText(),
      /_sluice\.push\(\['config', 'site', '[^']+'\]\)/,
    );
    // The tested snippet of each web server the README names, nginx's first.
    const proxySnippet = () => page.getByLabel('First-party proxy snippet', { exact: true }).innerText();
    const servers = page.getByRole('group', { name: 'First-party proxy: web server' });
    assert.match(await proxySnippet(), /^location \/telemetry\/ \{/m);
    await servers.getByRole('button', { name: 'Caddy' }).click();
    assert.match(await proxySnippet(), /^handle \/telemetry\/\* \{/m);
    await servers.getByRole('button', { name: 'Apache' }).click();
    assert.match(await proxySnippet(), /^<Location "\/telemetry\/">/m);
    await servers.getByRole('button', { name: 'nginx' }).click();
    assert.match(await proxySnippet(), /^location \/telemetry\/ \{/m);
    await panel.assertAccessible(page, `the Sites page at ${size.width} px`);

    await goTo('Users');
    await page.getByRole('article', { name: 'User admin@example.com' }).waitFor();
    // Each user's role and sites read in one line; the checkboxes that change them are folded below it.
    const user = (email: string) => page.getByRole('article', { name: `User ${email}` });
    assert.deepEqual(
      [
        await user('viewer@example.com').locator('.access-summary').innerText(),
        await user('admin@example.com').locator('.access-summary').innerText(),
      ],
      ['Viewer of docs.example.com', 'Admin of shop.example.com and blog.example.com'],
    );
    await user('admin@example.com').locator('summary').click();
    assert.deepEqual(
      await user('admin@example.com')
        .getByRole('checkbox', { checked: true })
        .evaluateAll((boxes) => boxes.map((box) => box.parentElement?.textContent)),
      ['shop.example.com', 'blog.example.com'],
    );
    await panel.assertAccessible(page, `the Users page at ${size.width} px`);
    await panel.screenshot(page, 'users');

    await goTo('Audit log');
    const audit = page.getByRole('region', { name: 'Audit log' });
    await audit.getByRole('cell').first().waitFor();
    // Newest first: the users and sites added above, what the stack's start and the harness did, the backup.
    // Each action in words, its recorded name under it.
    assert.deepEqual(await audit.locator('tbody > tr > td:nth-child(3)').allInnerTexts(), [
      'Added a user\nuser.create',
      'Added a user\nuser.create',
      'Added a site\nsite.create',
      'Added a site\nsite.create',
      'Added a site\nsite.create',
      'Started a backup\nbackup.start',
      'Changed their password\nuser.change_password',
      'Added a site\nsite.create',
      'Added a user\nuser.create',
    ]);
    // What each was done to: sites and users by name (their ids under them), a backup job by its id.
    const targets = await audit.locator('tbody > tr > td:nth-child(4)').allInnerTexts();
    assert.deepEqual(
      targets.map((target) => target.split('\n')[0]),
      [
        'admin@example.com',
        'viewer@example.com',
        'blog.example.com',
        'docs.example.com',
        'shop.example.com',
        'job:1',
        'owner@sluice.local',
        'shop.test',
        'owner@sluice.local',
      ],
    );
    // The details as labelled values: the admin added last, with its two sites by name.
    const details = audit.locator('tbody > tr').first().locator('td:nth-child(5)');
    assert.deepEqual(await details.getByRole('term').allInnerTexts(), ['email', 'role', 'sites']);
    assert.deepEqual(await details.getByRole('definition').allInnerTexts(), [
      'admin@example.com',
      'admin',
      'shop.example.com, blog.example.com',
    ]);
    await panel.assertAccessible(page, `the Audit log at ${size.width} px`);
    await panel.screenshot(page, 'audit');

    await goTo('Account');
    const twoFactor = page.getByRole('region', { name: 'Two-factor sign-in' });
    await twoFactor.getByLabel('Current password').fill(panel.ownerPassword);
    await twoFactor.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await twoFactor.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const secret = await twoFactor.locator('code').innerText();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.match(
      (await twoFactor.getByRole('link', { name: 'this link' }).getAttribute('href')) ?? '',
      new RegExp(`^otpauth://totp/.*[?&]secret=${secret}(&|$)`),
    );
    await panel.assertAccessible(page, `the Account page with two-factor set-up at ${size.width} px`);
    await panel.screenshot(page, 'account');
    await page.close();

    const signIn = await panel.visitorPage('/', size);
    await signIn.getByRole('heading', { name: 'Sign in' }).waitFor();
    await panel.assertAccessible(signIn, `the sign-in page at ${size.width} px`);
    await panel.screenshot(signIn, 'sign-in');
    await signIn.close();
  }
});
