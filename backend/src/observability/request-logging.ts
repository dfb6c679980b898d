import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { pino } from 'pino';
import type { AppConfig } from '../config/app-config.js';

export const REQUEST_ID_HEADER = 'x-request-id';
/** An id a proxy in front already gave the request is kept, if it looks like one. */
const FORWARDED_ID = /^[\w.:-]{8,128}$/;

/**
 * One JSON line per request (pino-http): method, URL, status, duration and the request id, which the
 * answer carries as X-Request-Id and every log line of the request repeats. No header is logged: credentials
 * and addresses never appear, and a line is a few hundred bytes, not the 1.5 KB of every header both ways.
 */
export const requestLogging = (config: AppConfig): Params => ({
  pinoHttp: [
    {
      level: config.logLevel,
      genReqId(request: IncomingMessage, response: ServerResponse) {
        const forwarded = request.headers[REQUEST_ID_HEADER];
        const id = typeof forwarded === 'string' && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID();
        response.setHeader(REQUEST_ID_HEADER, id);
        return id;
      },
      serializers: {
        req: ({ id, method, url }: { id: string; method: string; url: string }) => ({ id, method, url }),
        res: ({ statusCode }: { statusCode: number }) => ({ statusCode }),
      },
      // Health checks and scrapes every few seconds would drown the rest.
      autoLogging: { ignore: (request) => /^\/(api\/health|metrics)\b/.test(request.url ?? '') },
    },
    // Written as they come: an asynchronous stream would lose the last lines when a signal ends the process.
    pino.destination({ dest: 1, sync: true }),
  ],
});
