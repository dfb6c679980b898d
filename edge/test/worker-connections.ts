import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { holdsOpen, workerPids, type RunningEdge } from '../src';
import { requestFrom } from './edge-harness';

/** A keep-alive connection to the edge, and the nginx worker that serves every request sent over it. */
export interface WorkerConnection {
  worker: number;
  agent: Agent;
}

/**
 * The worker holding the edge's side of the TCP connection between `serverPort` and the client's
 * `clientPort`: the socket's inode from Linux's /proc/net/tcp, then the worker with it among its files.
 */
function workerServing(workers: number[], serverPort: number, clientPort: number): number | undefined {
  const port = (value: number) => `:${value.toString(16).toUpperCase().padStart(4, '0')}`;
  const socket = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    // local_address, rem_address … inode: the edge's side is the one whose local port is the edge's.
    .find((fields) => fields[1]?.endsWith(port(serverPort)) && fields[2]?.endsWith(port(clientPort)));
  return socket && workers.find((pid) => holdsOpen(pid, `socket:[${socket[9]}]`));
}

const CONNECTIONS_PER_ROUND = 8;
const ROUNDS = 10;

/**
 * One keep-alive connection per nginx worker of `edge` (IPv4), so that a test knows which worker
 * serves each request. Which worker accepts a connection is the kernel's choice; connections opened
 * together spread over the workers, since a worker busy accepting one leaves the next to another.
 */
export async function connectionPerWorker(edge: RunningEdge): Promise<WorkerConnection[]> {
  const workers = workerPids(edge.process.pid!);
  const serverPort = Number(new URL(edge.url).port);
  const found = new Map<number, Agent>();
  for (let round = 0; round < ROUNDS && found.size < workers.length; round++) {
    const agents = Array.from(
      { length: CONNECTIONS_PER_ROUND },
      () => new Agent({ keepAlive: true, maxSockets: 1 }),
    );
    const answers = await Promise.all(
      agents.map((agent) => requestFrom(`${edge.url}/telemetry/health`, { agent })),
    );
    answers.forEach(({ localPort }, i) => {
      const worker = workerServing(workers, serverPort, localPort);
      if (worker !== undefined && !found.has(worker)) found.set(worker, agents[i]);
      else agents[i].destroy();
    });
  }
  assert.equal(found.size, workers.length, `a connection to each of the ${workers.length} workers`);
  return [...found].map(([worker, agent]) => ({ worker, agent }));
}
