import assert from 'node:assert/strict';
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
import { request, type Agent, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDefaults, type EventRow, type SiteEntry } from '@sluice/config';
import { arrivedBeforeMarker } from '@sluice/services';
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
  /** The client's port of the connection the answer came over. */
  localPort: number;
}

/**
 * One request on a connection of its own, from a chosen local address (`from`: the harness trusts
 * 127.0.0.1 as a proxy, any other 127.0.0.x connects as a visitor would), or over `agent`'s
 * connections. A body given in pieces is sent chunked; the edge may answer and close before it is
 * through, and that answer counts.
 */
export function requestFrom(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | string[];
    from?: string;
    agent?: Agent;
  } = {},
): Promise<Answer> {
  const headers = { ...options.headers };
  if (typeof options.body === 'string') headers['content-length'] = String(Buffer.byteLength(options.body));
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: options.method ?? 'GET', headers, localAddress: options.from, agent: options.agent ?? false },
      (response) => {
        const { localPort = 0 } = response.socket;
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body, localPort }),
        );
      },
    );
    outgoing.on('error', (error) => (/EPIPE|ECONNRESET/.test(error.message) ? undefined : reject(error)));
    for (const chunk of [options.body ?? []].flat()) outgoing.write(chunk);
    outgoing.end();
  });
}

/**
 * How often the tests' edges write their buffered NDJSON (production: every second), so that a test
 * waits for lines in milliseconds.
 */
export const TEST_FLUSH_MS = 20;

/** A browser's: the marker must be written whatever a site's bot policy is. */
const MARKER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** A real nginx running the edge in a fresh folder, on a free port. */
export class EdgeHarness {
  readonly dir: string;
  options!: StartEdgeOptions;
  edge!: RunningEdge;
  /** Lines of the NDJSON file already returned by newLines, markers included. */
  private seen = 0;
  private markers = 0;

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
    this.options = await loopbackEdgeOptions(dir, {
      stateDir: join(dir, 'state'),
      eventsFlushMs: TEST_FLUSH_MS,
      ...overrides,
    });
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

  /** The complete lines of the NDJSON file, in order (a line still being written is left out). */
  lines(): string[] {
    if (!existsSync(this.options.eventsLog)) return [];
    return readFileSync(this.options.eventsLog, 'utf8').split('\n').slice(0, -1);
  }

  /**
   * The NDJSON lines written since the last call, exactly, and fails unless there are `expected`
   * of them. A marker beacon is sent now and waited for: one worker (the harness's) writes lines in
   * the order it answers, so what the edge wrote for every request answered before this call is
   * before the marker, and a second copy or a line that should not be there shows. Markers are
   * pageviews of SITE, named `marker-N`, from a loopback address of their own that is no proxy, so
   * no rate limit on the addresses under test refuses them; they stay in the file.
   */
  async newLines(expected: number): Promise<string[]> {
    const marker = `marker-${(this.markers += 1)}`;
    const from = this.seen;
    const before = await arrivedBeforeMarker(`the requests before ${marker}`, {
      send: () => this.sendMarker(marker),
      arrived: () => this.lines().slice(from),
      isMarker: (line) => (JSON.parse(line) as { name: string }).name === marker,
      timeoutMs: 5000,
    });
    this.seen = from + before.length + 1;
    const names = before.map((line) => (JSON.parse(line) as { name: string }).name);
    assert.equal(before.length, expected, `${expected} new NDJSON line(s), not ${JSON.stringify(names)}`);
    return before;
  }

  /** newLines as rows, with the fields the edge left out at their defaults. */
  async newRows(expected: number): Promise<EventRow[]> {
    return (await this.newLines(expected)).map((line) => withDefaults(JSON.parse(line) as Partial<EventRow>));
  }

  /** After the NDJSON file was renamed (rotation): the lines to come start a new file. */
  logRotated(): void {
    this.seen = 0;
  }

  private async sendMarker(name: string): Promise<void> {
    const answer = await requestFrom(`${this.edge.url}/telemetry/e`, {
      method: 'POST',
      // A browser's headers, from the site's own page: whatever a test's site allows or drops, a marker passes.
      headers: {
        'content-type': 'text/plain;charset=UTF-8',
        'user-agent': MARKER_AGENT,
        accept: '*/*',
        'accept-language': 'en',
        origin: `https://${SITE.domain}`,
      },
      body: JSON.stringify({ s: SITE.key, e: [{ n: name, u: `https://${SITE.domain}/` }] }),
      from: `127.0.1.${(this.markers % 250) + 1}`,
    });
    assert.equal(answer.status, 204, `the marker ${name} was refused: ${answer.body}`);
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
