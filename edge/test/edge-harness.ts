import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDefaults, type EventRow, type SiteEntry } from '@sluice/config';
import { waitUntil } from '@sluice/services';
import { loopbackEdgeOptions, startEdge, type RunningEdge } from '../src';
import type { StartEdgeOptions } from '../src/edge-server';

export const SITE: SiteEntry = {
  id: 7,
  key: 'site-key-seven',
  name: 'shop.test',
  domain: 'shop.test',
  timezone: 'UTC',
};

export function writeSites(path: string, sites: SiteEntry[]): void {
  // The backend's way: a temp file renamed over the old one, so the edge never reads half a file.
  writeFileSync(`${path}.tmp`, JSON.stringify({ version: 1, sites }));
  renameSync(`${path}.tmp`, path);
}

/** The tracker files the harness serves: big enough for nginx to compress. */
export const TRACKER_SOURCE = `/* tracker */\n${'window._sluice = window._sluice || [];\n'.repeat(20)}`;
export const LITE_TRACKER_SOURCE = `/* lite */\n${TRACKER_SOURCE}`;

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One request on a connection of its own, from a chosen local address (`from`: the harness trusts
 * 127.0.0.1 as a proxy, any other 127.0.0.x connects as a visitor would). A body given in pieces is
 * sent chunked; the edge may answer and close before it is through, and that answer counts.
 */
export function requestFrom(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | string[];
    from?: string;
  } = {},
): Promise<Answer> {
  const headers = { ...options.headers };
  if (typeof options.body === 'string') headers['content-length'] = String(Buffer.byteLength(options.body));
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: options.method ?? 'GET', headers, localAddress: options.from, agent: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    outgoing.on('error', (error) => (/EPIPE|ECONNRESET/.test(error.message) ? undefined : reject(error)));
    for (const chunk of [options.body ?? []].flat()) outgoing.write(chunk);
    outgoing.end();
  });
}

/** A real nginx running the edge in a fresh folder, on a free port. */

export class EdgeHarness {
  readonly dir: string;
  options!: StartEdgeOptions;
  edge!: RunningEdge;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'sluice-edge-'));
    // nginx workers run as an unprivileged user and must reach the sites file.
    chmodSync(this.dir, 0o755);
  }

  async start(overrides: Partial<StartEdgeOptions> = {}): Promise<this> {
    const dir = this.dir;
    mkdirSync(join(dir, 'tracker'), { recursive: true });
    writeFileSync(join(dir, 'tracker', 's.js'), TRACKER_SOURCE);
    writeFileSync(join(dir, 'tracker', 's.lite.js'), LITE_TRACKER_SOURCE);
    mkdirSync(join(dir, 'admin', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'admin', 'index.html'), '<!doctype html><title>admin</title>');
    writeFileSync(join(dir, 'admin', 'assets', 'app.js'), '/* admin */');
    if (!existsSync(join(dir, 'sites.json'))) writeSites(join(dir, 'sites.json'), [SITE]);
    this.options = await loopbackEdgeOptions(dir, { stateDir: join(dir, 'state'), ...overrides });
    this.edge = await startEdge(this.options);
    return this;
  }

  post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.edge.url}/telemetry/e`, {
      method: 'POST',
      body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
      headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
    });
  }

  lines(): string[] {
    if (!existsSync(this.options.eventsLog)) return [];
    return readFileSync(this.options.eventsLog, 'utf8').split('\n').filter(Boolean);
  }

  /**
   * Waits for the buffered access log (flushed every second) to hold `count` lines; its rows with
   * the fields the edge left out at their defaults.
   */
  async rows(count: number): Promise<EventRow[]> {
    await waitUntil(`${count} NDJSON lines`, async () => this.lines().length >= count, { timeoutMs: 5000 });
    return this.lines().map((line) => withDefaults(JSON.parse(line) as Partial<EventRow>));
  }

  /**
   * Lines of the error log that must never appear: errors, and anything nginx logged about a
   * request (those lines name the client's address).
   */
  errorLines(): string[] {
    const log = this.edge.errorLog;
    if (!existsSync(log)) return [];
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => /\[(error|crit|alert|emerg)\]|client: /.test(line));
  }

  /**
   * `file: text` for each of `texts` (visitors' addresses) that a file under the edge's folder holds:
   * every log, nginx's own output, the NDJSON, its state and temp files.
   */
  filesNaming(texts: string[]): string[] {
    const found: string[] = [];
    const search = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) search(path);
        else if (entry.isFile()) {
          const content = readFileSync(path, 'latin1');
          for (const text of texts) if (content.includes(text)) found.push(`${path}: ${text}`);
        }
      }
    };
    search(this.dir);
    return found;
  }

  async stop(): Promise<void> {
    await this.edge?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
