import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleEventRow } from '@sluice/config';
import { startPanelHarness, type PanelHarness } from './panel-harness';

/**
 * The backups page in Chromium over the real stack: an owner starts a backup with a passphrase, follows it to
 * its end, finds the archive listed and downloads it; axe finds nothing serious in light or dark.
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
    /^Written: (sluice-backup-\S+\.tar\.gz) \((\d+) of \2 partitions, \d+ rows, [\d.]+ (KB|bytes)\)$/,
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

  const dark = await panel.ownerPage('/backups', { dark: true });
  await dark.getByRole('region', { name: 'Backups' }).getByRole('cell', { name }).waitFor();
  await panel.assertAccessible(dark, 'the backups page, dark');
});
