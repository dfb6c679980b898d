import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  freePort,
  PortInUseError,
  startClickHouse,
  startClickHouseOnFreePorts,
  type RunningClickHouse,
} from '@sluice/services';
import { loadSettings } from '../src/stack/settings';
import { startStack } from '../src/stack/stack';

// Debian's clickhouse-server package starts a system service on the ports the stack's own server wants. Here a
// second, real ClickHouse with accounts of its own plays that service.
const root = mkdtempSync(join(tmpdir(), 'sluice-clash-'));
const systemAdmin = { username: 'system_admin', password: 'system-password' };
let systemServer: RunningClickHouse;
let systemPorts: { http: number; tcp: number };

before(async () => {
  // On ports chosen again if another test's server takes one first: the race is not what is tested here.
  const chosen: number[] = [];
  systemServer = await startClickHouseOnFreePorts(
    {
      dir: join(root, 'system-clickhouse'),
      database: 'sluice',
      credentials: { admin: systemAdmin, ingest: systemAdmin, reader: systemAdmin },
    },
    async () => {
      chosen.push(await freePort());
      return chosen[chosen.length - 1];
    },
  );
  const [http, tcp] = chosen.slice(-2);
  systemPorts = { http, tcp };
});

after(async () => {
  await systemServer?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function startWith(ports: { http: number; tcp: number }, dataDir: string): Promise<Error> {
  const settings = loadSettings(root, {
    SLUICE_DATA_DIR: dataDir,
    CLICKHOUSE_HTTP_PORT: String(ports.http),
    CLICKHOUSE_TCP_PORT: String(ports.tcp),
  });
  return startStack(settings, () => {}).then(
    async (stack) => {
      await stack.stop();
      return assert.fail('the stack started on ports another server holds');
    },
    (error: unknown) => error as Error,
  );
}

test("the stack refuses a taken HTTP port and says what to do, instead of using the other server's answers", async () => {
  const error = await startWith({ http: systemPorts.http, tcp: await freePort() }, 'data-http');
  assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${systemPorts.http} is already in use`));
  assert.match(error.message, /\(CLICKHOUSE_HTTP_PORT\)/);
  assert.match(error.message, /sudo systemctl disable --now clickhouse-server/);
  assert.match(error.message, /CLICKHOUSE_HTTP_PORT and CLICKHOUSE_TCP_PORT in \.env/);
});

test('a taken native port is named by its own setting', async () => {
  const error = await startWith({ http: await freePort(), tcp: systemPorts.tcp }, 'data-tcp');
  assert.match(
    error.message,
    new RegExp(`127\\.0\\.0\\.1:${systemPorts.tcp} is already in use \\(CLICKHOUSE_TCP_PORT\\)`),
  );
});

test('startClickHouse refuses a port another server holds, and leaves that server alone', async () => {
  await assert.rejects(
    startClickHouse({
      dir: join(root, 'own-clickhouse'),
      httpPort: systemPorts.http,
      tcpPort: await freePort(),
      database: 'sluice',
      credentials: { admin: { username: 'a', password: 'b' }, ingest: systemAdmin, reader: systemAdmin },
    }),
    (error: unknown) => error instanceof PortInUseError && error.port === systemPorts.http,
  );
  // The other server is untouched and still answers its own account.
  const response = await fetch(`${systemServer.url}/?query=SELECT%201`, {
    headers: { 'X-ClickHouse-User': systemAdmin.username, 'X-ClickHouse-Key': systemAdmin.password },
  });
  assert.equal((await response.text()).trim(), '1');
});
