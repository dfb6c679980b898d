import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import {
  abortWhenClientLeaves,
  ClientGone,
  requestSignal,
  requestStarted,
} from '../src/common/request-signal.js';

/** What each request's signal said once its connection closed, by path. */
const closed = new Map<string, Promise<AbortSignal>>();
/** When each request began, as its work reads it, by path. */
const began = new Map<string, number | undefined>();
let server: Server;
let base: string;

before(async () => {
  server = createServer((request, response) =>
    abortWhenClientLeaves(request, response, () => {
      // Read where the work runs, after a hop through the event loop, as a report's queries read it.
      setImmediate(() => {
        const signal = requestSignal();
        assert.ok(signal, 'the request has a signal wherever its work runs');
        began.set(request.url!, requestStarted());
        closed.set(request.url!, new Promise((resolve) => response.once('close', () => resolve(signal))));
        if (request.url === '/answered') response.end('done');
      });
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const settled = async (path: string) => {
  while (!closed.has(path)) await new Promise((resolve) => setTimeout(resolve, 10));
  return closed.get(path)!;
};

test("a request's signal aborts when its client leaves before the answer, and not once it was answered", async () => {
  assert.equal(await (await fetch(`${base}/answered`)).text(), 'done');
  assert.equal((await settled('/answered')).aborted, false);

  const client = new AbortController();
  const left = fetch(`${base}/never-answered`, { signal: client.signal });
  while (!closed.has('/never-answered')) await new Promise((resolve) => setTimeout(resolve, 10));
  client.abort();
  await assert.rejects(left);
  const signal = await settled('/never-answered');
  assert.equal(signal.aborted, true);
  assert.ok(signal.reason instanceof ClientGone);
  assert.equal(requestSignal(), undefined, 'outside a request, no signal');
  assert.ok(began.get('/answered')! < began.get('/never-answered')!, 'each request when it began');
  assert.equal(requestStarted(), undefined, 'outside a request, no beginning');
});
