import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { freePort } from '@sluice/services';
import { startCustomerSite } from './customer-site';

test("the first-party proxy snippet keeps the site's cookies and credentials from the edge", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-first-party-'));
  // nginx's workers run as an unprivileged user and serve the site's page from here.
  chmodSync(dir, 0o755);
  // Stands in for the edge: records what the customer's proxy forwards.
  const received: IncomingHttpHeaders[] = [];
  const edge = createServer((request, response) => {
    received.push(request.headers);
    response.statusCode = 204;
    response.end();
  });
  const edgePort = await freePort();
  await new Promise<void>((resolve) => edge.listen(edgePort, '127.0.0.1', resolve));
  const customer = await startCustomerSite({
    dir,
    port: await freePort(),
    edgeOrigin: `http://127.0.0.1:${edgePort}`,
    html: '<!doctype html><title>Shop</title>',
  });
  try {
    const response = await fetch(`${customer.url}/telemetry/e`, {
      method: 'POST',
      body: '{}',
      headers: {
        cookie: 'shop_session=secret-session; cart=3',
        authorization: 'Bearer secret-token',
        'x-forwarded-for': '198.51.100.9',
      },
    });
    assert.equal(response.status, 204);
    const [headers] = received;
    assert.equal(headers.cookie, undefined);
    assert.equal(headers.authorization, undefined);
    assert.equal(
      headers['x-forwarded-for'],
      '198.51.100.9, 127.0.0.1',
      "the visitor's address is still passed on",
    );
    assert.equal(headers.host, '127.0.0.1', "the site's own host name");
  } finally {
    await customer.stop();
    edge.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
