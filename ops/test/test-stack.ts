import { freePort } from '@sluice/services';
import { REPO_ROOT } from '../src/repo-root';
import { loadSettings, type StackSettings } from '../src/stack/settings';
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
