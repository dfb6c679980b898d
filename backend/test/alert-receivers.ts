import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A request a webhook receiver got: its headers and its raw body, as the signature covers it. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP receiver on loopback: it records every request and answers the statuses it is told, in
 * order (200 once they run out).
 */
export async function startWebhookReceiver() {
  const received: ReceivedRequest[] = [];
  const statuses: number[] = [];
  const held = new Map<string, Array<() => void>>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = () => response.writeHead(statuses.shift() ?? 200).end();
      const waiting = held.get(path);
      if (waiting) waiting.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    /** Requests to `path` wait unanswered from now until `release(path)`. */
    hold: (path: string) => void held.set(path, []),
    release(path: string) {
      const waiting = held.get(path) ?? [];
      held.delete(path);
      for (const answer of waiting) answer();
    },
    /** The statuses the next requests get. */
    answer: (...next: number[]) => statuses.push(...next),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A real SMTP server on loopback (the `smtp-server` package, without TLS or sign-in): every message, parsed. */
export async function startSmtpServer() {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          done();
        },
        (error: Error) => done(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Stands in for the edge's and the shipper's Prometheus endpoints (one path each), answering the text the
 * test sets: the counters an ingest rule reads.
 */
export async function startMetricsServer() {
  const texts: Record<string, string | null> = { '/edge': '', '/shipper': '' };
  const server = createServer((request, response) => {
    const text = texts[request.url ?? ''];
    if (text === undefined || text === null) response.writeHead(503).end();
    else response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    edgeUrl: `http://127.0.0.1:${port}/edge`,
    shipperUrl: `http://127.0.0.1:${port}/shipper`,
    /** The text `part` answers; null: it answers 503, as a process that is starting or stopping. */
    set(part: 'edge' | 'shipper', text: string | null) {
      texts[`/${part}`] = text;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
