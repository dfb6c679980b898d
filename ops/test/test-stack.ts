import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@sluice/services';
import { REPO_ROOT } from '../src/repo-root';
import { loadSettings, type StackSettings } from '../src/stack/settings';
import { startStack, type RunningStack } from '../src/stack/stack';
import { CUSTOMER_HOST } from './browser';

/** The native stack's settings for a test: everything under `dataDir`, on free loopback ports. */
export async function testStackSettings(dataDir: string): Promise<StackSettings> {
  const clickhousePort = await freePort();
  return loadSettings(REPO_ROOT, {
    SLUICE_DATA_DIR: dataDir,
    EDGE_HOST: '127.0.0.1',
    EDGE_PORT: String(await freePort()),
    BACKEND_PORT: String(await freePort()),
    CLICKHOUSE_HTTP_PORT: String(clickhousePort),
    CLICKHOUSE_TCP_PORT: String(await freePort()),
    CLICKHOUSE_URL: `http://127.0.0.1:${clickhousePort}`,
    SHIPPER_BATCH_MAX_WAIT_MS: '200',
    EDGE_METRICS_PORT: String(await freePort()),
    SHIPPER_METRICS_PORT: String(await freePort()),
    // The tests read events.ndjson itself: within a test the edge closes it by size only, never by age (a
    // closed file is the pipeline's to delete once shipped).
    EDGE_ROTATE_SECONDS: '3600',
    // The first site's pages are the customer site's: the edge flags pages on another host than the site's.
    SLUICE_DEFAULT_SITE_DOMAIN: CUSTOMER_HOST,
  });
}

/** Starts of startTestStack before it gives up. */
const PORT_ATTEMPTS = 3;

/** A part that could not listen because another process bound its port after freePort found it free. */
const lostPortRace = (error: unknown) =>
  /Address already in use|EADDRINUSE|can't listen on/.test(
    error instanceof Error ? error.message : String(error),
  );

/**
 * The native stack for a test, as `npm start` runs it (testStackSettings), in a new folder under the system's
 * temporary one named after `name`. Started again on other ports, in a fresh folder (a first start creates the
 * owner, whose one-time password tests read), when another process bound one of its ports first: test files run
 * side by side race for ports (a CI run lost one: its edge could not bind, and every test of the file failed),
 * and a lost race says nothing about what is tested.
 */
export async function startTestStack(
  name: string,
): Promise<{ dataDir: string; settings: StackSettings; stack: RunningStack }> {
  for (let attempt = 1; ; attempt++) {
    const dataDir = mkdtempSync(join(tmpdir(), `sluice-${name}-`));
    const settings = await testStackSettings(dataDir);
    try {
      return { dataDir, settings, stack: await startStack(settings, () => {}) };
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      if (attempt === PORT_ATTEMPTS || !lostPortRace(error)) throw error;
    }
  }
}
