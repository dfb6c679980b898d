import { setTimeout as sleep } from 'node:timers/promises';
import { beacons } from '../bench/traffic';

export interface SteadyLoadOptions {
  eventsPerSecond: number;
  batchSize?: number;
  /** Requests in flight at once, each on its own paced loop. */
  connections?: number;
}

/**
 * Realistic beacons for one site at a steady rate, as browsers behind a first-party proxy send them,
 * counting the events the edge accepted (answered 204 for): the number ClickHouse must end up with.
 */
export class SteadyLoad {
  accepted = 0;
  /** Answers other than 204: a fault test expects none. */
  readonly refusals: string[] = [];
  /** The visitors' addresses the beacons named: no file or row may hold one. */
  readonly addresses = new Set<string>();
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(
    private readonly edgeUrl: string,
    private readonly siteKey: string,
    { eventsPerSecond, batchSize = 10, connections = 4 }: SteadyLoadOptions,
  ) {
    const intervalMs = (connections * batchSize * 1000) / eventsPerSecond;
    this.loops = Array.from({ length: connections }, () => this.loop(batchSize, intervalMs));
  }

  private async loop(batchSize: number, intervalMs: number): Promise<void> {
    const startedAt = Date.now();
    for (let sent = 0; this.running; sent++) {
      const [beacon] = beacons(1, batchSize, { siteKey: this.siteKey });
      this.addresses.add(beacon.clientIp);
      try {
        const response = await fetch(`${this.edgeUrl}/telemetry/e`, {
          method: 'POST',
          body: beacon.body,
          headers: {
            'content-type': 'text/plain;charset=UTF-8',
            'user-agent': beacon.userAgent,
            origin: beacon.origin,
            'x-forwarded-for': beacon.clientIp,
          },
        });
        const text = await response.text();
        if (response.status === 204) this.accepted += batchSize;
        else this.refusals.push(`${response.status} ${text}`);
      } catch (error) {
        this.refusals.push(`no answer: ${error instanceof Error ? error.message : String(error)}`);
      }
      await sleep(Math.max(0, startedAt + (sent + 1) * intervalMs - Date.now()));
    }
  }

  /** Stops sending; resolves once every request in flight has its answer. */
  async stop(): Promise<number> {
    this.running = false;
    await Promise.all(this.loops);
    return this.accepted;
  }
}
