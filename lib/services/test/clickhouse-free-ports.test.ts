/**
 * A test's ClickHouse that loses the race for a port starts again on others (startClickHouseOnFreePorts):
 * here the first port it is given is already held by another server.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { freePort, startClickHouseOnFreePorts, type RunningClickHouse } from '../src';
import { TEST_CREDENTIALS as credentials } from './test-accounts';

const dir = mkdtempSync(join(tmpdir(), 'sluice-free-ports-'));
let holder: Server | undefined;
let clickhouse: RunningClickHouse | undefined;

after(async () => {
  await clickhouse?.stop();
  holder?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a port taken by another process is given up for another, and the server starts there', async () => {
  const taken = await freePort();
  holder = createServer();
  await new Promise<void>((resolve) => holder!.listen(taken, '127.0.0.1', resolve));
  const offered: number[] = [];
  const choosePort = async () => {
    const port = offered.length === 0 ? taken : await freePort();
    offered.push(port);
    return port;
  };
  clickhouse = await startClickHouseOnFreePorts(
    { dir: join(dir, 'clickhouse'), database: 'sluice', credentials },
    choosePort,
  );
  assert.ok(offered.length >= 4, 'a second pair of ports was chosen');
  assert.notEqual(new URL(clickhouse.url).port, String(taken));
  const answer = await fetch(`${clickhouse.url}/?query=SELECT%201`, {
    headers: {
      'X-ClickHouse-User': credentials.admin.username,
      'X-ClickHouse-Key': credentials.admin.password,
    },
  });
  assert.equal((await answer.text()).trim(), '1');
});
