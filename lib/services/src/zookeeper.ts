import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { ManagedProcess, waitUntil } from '@sluice/processes';

export interface RunningZooKeeper {
  port: number;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/**
 * ZooKeeper's `srvr` four-letter command: true once the server says it serves clients. (`ruok`
 * answers earlier, before sessions are accepted, and a ClickHouse 18.16 that starts then loses its
 * distributed-DDL session and crashes on the first ON CLUSTER query.)
 */
function servesClients(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end('srvr'));
    let answer = '';
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer.includes('Mode: standalone')));
    socket.on('error', () => resolve(false));
  });
}

/**
 * A private standalone ZooKeeper (Debian's `zookeeper` package) on loopback, data under `dir`:
 * the coordination service replicated ClickHouse tables and ON CLUSTER DDL need (ClickHouse Keeper
 * speaks the same protocol in production).
 */
export async function startZooKeeper(dir: string, port: number): Promise<RunningZooKeeper> {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const config = join(dir, 'zoo.cfg');
  writeFileSync(
    config,
    [
      `dataDir=${join(dir, 'data')}`,
      `clientPort=${port}`,
      'clientPortAddress=127.0.0.1',
      'tickTime=2000',
      'admin.enableServer=false',
      '4lw.commands.whitelist=srvr',
    ].join('\n') + '\n',
  );
  const process = new ManagedProcess({
    name: 'zookeeper',
    command: 'java',
    args: [
      '-Xmx256m',
      '-cp',
      '/usr/share/java/zookeeper.jar',
      'org.apache.zookeeper.server.quorum.QuorumPeerMain',
      config,
    ],
    logFile: join(dir, 'zookeeper.log'),
  });
  await waitUntil('ZooKeeper', () => servesClients(port), { process, timeoutMs: 60_000 });
  return { port, process, stop: () => process.stop() };
}
