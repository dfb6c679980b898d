import { once } from 'node:events';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireBatch } from '@sluice/config';

/**
 * What the proxy does with a beacon instead of passing the edge's answer on: answer 429 or 503 itself
 * (the edge never sees the batch), or forward it and then drop the connection, so the edge stored the
 * batch but the browser never learns it did.
 */
export type Fault = 429 | 503 | 'lose-response';

/** A beacon the proxy saw: its events' ids (as the tracker sent them), and what became of it. */
export interface Beacon {
  ids: string[];
  outcome: Fault | 'forwarded';
}

const body = async (stream: IncomingMessage) => Buffer.concat(await stream.toArray());

/** Sends `payload` to `target` as `incoming` was sent to the proxy: same method, path and headers. */
function forward(target: URL, incoming: IncomingMessage, payload: Buffer): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      new URL(incoming.url!, target),
      { method: incoming.method, headers: incoming.headers },
      resolve,
    );
    outgoing.on('error', reject).end(payload);
  });
}

/**
 * A proxy in front of the edge that answers a site's next beacons with the faults planned for it,
 * and forwards everything else (the tracker's script too) unchanged. Whatever the browser gets, the
 * customer's proxy passes on: a 429 or 503 as it is, a dropped connection as its own 502.
 */
export async function startFaultyProxy(edgeUrl: string) {
  const target = new URL(edgeUrl);
  const plans = new Map<string, Fault[]>();
  const seen = new Map<string, Beacon[]>();
  const server = createServer(async (incoming, answer) => {
    const payload = await body(incoming);
    const batch = incoming.method === 'POST' ? (JSON.parse(payload.toString()) as WireBatch) : undefined;
    const fault = batch && plans.get(batch.s)?.shift();
    if (batch) {
      const beacons = seen.get(batch.s) ?? [];
      seen.set(batch.s, [
        ...beacons,
        { ids: batch.e.map((event) => event.id!), outcome: fault ?? 'forwarded' },
      ]);
    }
    if (fault === 429 || fault === 503) return void answer.writeHead(fault).end();
    const response = await forward(target, incoming, payload);
    if (fault === 'lose-response') {
      // The edge has answered, so it took the batch; the answer goes nowhere.
      await body(response);
      return void incoming.socket.destroy();
    }
    answer.writeHead(response.statusCode!, response.headers);
    response.pipe(answer);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** The next beacons of `siteKey` get these faults, in order; the ones after are forwarded. */
    plan: (siteKey: string, faults: Fault[]) => plans.set(siteKey, [...faults]),
    /** Every beacon of `siteKey` so far, in the order they came. */
    beacons: (siteKey: string) => seen.get(siteKey) ?? [],
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
