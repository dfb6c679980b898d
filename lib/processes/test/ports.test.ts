import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { freePort, portInUse } from '../src/ports';

test('free ports are below the range the kernel gives outgoing connections, and free', async () => {
  const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  const ports = await Promise.all(Array.from({ length: 50 }, () => freePort()));
  for (const port of ports) {
    assert.ok(port >= 10_000 && port < ephemeralLow, `port ${port}`);
    assert.equal(await portInUse(port), false, `port ${port}`);
  }
  assert.ok(new Set(ports).size > 40, 'chosen at random');
});

test('portInUse sees a listener', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  assert.equal(await portInUse(port), true);
  await new Promise((resolve) => server.close(resolve));
  assert.equal(await portInUse(port), false);
});
