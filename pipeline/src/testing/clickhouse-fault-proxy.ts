import { once } from 'node:events';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does with an insert after passing it to ClickHouse, which stores its rows:
 * `hold-acknowledgement` keeps ClickHouse's answer from the shipper (until the shipper is killed, which
 * is what a test does meanwhile, or the proxy stops); `drop-acknowledgement` closes the shipper's
 * connection instead of answering, so it sees a network failure for rows that were stored.
 */
export type InsertFault = 'hold-acknowledgement' | 'drop-acknowledgement';

/** An insert the proxy saw, in the order they came. */
export interface ProxiedInsert {
  /** Its NDJSON rows, as the shipper sent them. */
  lines: string[];
  fault?: InsertFault;
  /** ClickHouse's status (200: the rows are stored), 0 if it could not be reached; unset until then. */
  status?: number;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const isInsert = (url: string) =>
  /^\s*INSERT\b/i.test(new URL(url, 'http://proxy').searchParams.get('query') ?? '');

/** Sends `body` to ClickHouse as `incoming` was sent to the proxy, and reads the whole answer. */
function forward(target: URL, incoming: IncomingMessage, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      new URL(incoming.url!, target),
      { method: incoming.method, headers: incoming.headers },
      (response) => {
        response
          .toArray()
          .then((chunks) =>
            resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
          )
          .catch(reject);
      },
    );
    outgoing.on('error', reject).end(body);
  });
}

/**
 * A proxy in front of ClickHouse's HTTP interface that passes everything through, and does to the
 * next inserts what a test planned: so that the shipper can be killed exactly between ClickHouse
 * storing a batch and the shipper learning it did, which killing it on a timer hits only by chance.
 * A ClickHouse that can't be reached is passed on as a failed connection.
 */
export async function startClickHouseFaultProxy(clickhouseUrl: string) {
  const target = new URL(clickhouseUrl);
  const planned: Array<InsertFault | 'pass'> = [];
  const inserts: ProxiedInsert[] = [];
  const server = createServer(async (incoming, answer) => {
    const body = Buffer.concat(await incoming.toArray());
    const plan = isInsert(incoming.url!) ? (planned.shift() ?? 'pass') : undefined;
    const insert: ProxiedInsert | undefined = plan && {
      lines: body.toString('utf8').split('\n').filter(Boolean),
      ...(plan !== 'pass' && { fault: plan }),
    };
    if (insert) inserts.push(insert);
    let response: Answer;
    try {
      response = await forward(target, incoming, body);
    } catch {
      if (insert) insert.status = 0;
      return void incoming.socket.destroy();
    }
    if (insert) insert.status = response.status;
    if (insert?.fault === 'drop-acknowledgement') return void incoming.socket.destroy();
    // Until the shipper's connection closes: it was killed, or the proxy stops.
    if (insert?.fault === 'hold-acknowledgement' && !incoming.socket.destroyed)
      await once(incoming.socket, 'close');
    if (!incoming.socket.destroyed) answer.writeHead(response.status, response.headers).end(response.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** What the next inserts get, in order (`pass`: nothing); the ones after pass. */
    plan: (faults: Array<InsertFault | 'pass'>) => planned.push(...faults),
    /** Every insert so far, in the order they came. */
    inserts: (): readonly ProxiedInsert[] => inserts,
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type ClickHouseFaultProxy = Awaited<ReturnType<typeof startClickHouseFaultProxy>>;
