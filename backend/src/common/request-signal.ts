import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpException } from '@nestjs/common';

/**
 * What the work of a request whose client went away ends with: nginx's 499 ("client closed request"), which no
 * one reads and the error filter does not log as a failure.
 */
export class ClientGone extends HttpException {
  constructor() {
    super('the client went away before the answer', 499);
  }
}

/** The HTTP request whose work is running: its signal, and when it began (`performance.now()`). */
interface RequestContext {
  signal: AbortSignal;
  started: number;
}

const requests = new AsyncLocalStorage<RequestContext>();

/**
 * The signal of the HTTP request whose work is running, wherever it runs (a report's queries, however deep):
 * aborted when the client went away before its answer. Undefined for work no request waits on (alerts,
 * digests, the naming worker), which nothing abandons.
 */
export const requestSignal = (): AbortSignal | undefined => requests.getStore()?.signal;

/** When the HTTP request whose work is running began (`performance.now()`); undefined outside one. */
export const requestStarted = (): number | undefined => requests.getStore()?.started;

/**
 * Runs `work`, and everything it starts, as no request's: for work that outlives the request that began it
 * and serves others (a site's live stream, shared by the listeners who come after the first).
 */
export const outsideRequest = <T>(work: () => T): T => requests.exit(work);

/** Runs `work`, and everything it starts, as part of a request answered under `signal`, begun now. */
export const withRequestSignal = <T>(signal: AbortSignal, work: () => T): T =>
  requests.run({ signal, started: performance.now() }, work);

/**
 * Express middleware: each request's signal, aborted when its connection closes before the answer was
 * sent (the panel cancels a card's request when its filters change or the page is left; nginx closes its
 * upstream connection when the browser closes its own).
 */
export function abortWhenClientLeaves(
  _request: IncomingMessage,
  response: ServerResponse,
  next: () => void,
): void {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort(new ClientGone());
  });
  withRequestSignal(controller.signal, next);
}
