/**
 * A cluster node is ready only once it can take ON CLUSTER DDL: ClickHouse 18.16 listens before its DDL
 * worker reaches ZooKeeper, and segfaults on an ON CLUSTER query sent in that gap. Here ZooKeeper is paused
 * while the node starts, so the gap lasts until it resumes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  freePort,
  startClickHouse,
  startZooKeeper,
  type RunningClickHouse,
  type RunningZooKeeper,
} from '../src';
import { TEST_CREDENTIALS as credentials } from './test-accounts';

const dir = mkdtempSync(join(tmpdir(), 'sluice-cluster-node-'));
let zookeeper: RunningZooKeeper | undefined;
let node: RunningClickHouse | undefined;

after(async () => {
  await node?.stop();
  await zookeeper?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a cluster node started while ZooKeeper stalls takes ON CLUSTER DDL as soon as it is ready', async () => {
  zookeeper = await startZooKeeper(join(dir, 'zookeeper'), await freePort());
  const pid = zookeeper.process.pid;
  assert.ok(pid !== undefined, 'ZooKeeper runs');
  process.kill(pid, 'SIGSTOP');
  let resumed = false;
  const resume = sleep(2000).then(() => {
    resumed = true;
    process.kill(pid, 'SIGCONT');
  });
  const [http, tcp, interserver] = [await freePort(), await freePort(), await freePort()];
  try {
    node = await startClickHouse({
      dir: join(dir, 'clickhouse'),
      httpPort: http,
      tcpPort: tcp,
      database: 'sluice',
      credentials,
      cluster: {
        name: 'one_node',
        zookeeperPort: zookeeper.port,
        shards: [[tcp]],
        shard: '01',
        replica: 'r1',
        interserverPort: interserver,
      },
    });
    assert.ok(resumed, 'the node is ready only once its DDL worker reached ZooKeeper');
    // Sent at once: in the gap, this is the query that brought 18.16 down.
    const response = await fetch(`${node.url}/`, {
      method: 'POST',
      headers: {
        'X-ClickHouse-User': credentials.admin.username,
        'X-ClickHouse-Key': credentials.admin.password,
      },
      body: 'CREATE DATABASE IF NOT EXISTS sluice ON CLUSTER one_node',
    });
    assert.equal(response.status, 200, await response.text());
    assert.ok(node.process.running, 'the node is still up');
  } finally {
    await resume;
  }
});
