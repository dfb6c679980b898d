import { PassThrough, type Readable } from 'node:stream';

/** A stream in flight, the copies it feeds, and what it has sent while late callers may still join it. */
interface Broadcast {
  source: Promise<Readable>;
  /** Takes it out of reach of callers still to come. */
  forget: () => void;
  copies: Set<PassThrough>;
  /** Every chunk sent so far, for a caller who joins after the first; null once too long to keep. */
  sent: Buffer[] | null;
  sentBytes: number;
}

/**
 * Identical streams in flight read once (an export's CSV, as `SharedRuns` shares a report's JSON): a caller
 * who asks for what a stream under way is already sending gets a copy of it, the chunks sent before it
 * joined first. Joining is open while what was sent fits in `replayBytes` (a report's export, bounded by its
 * row limit, does: eight viewers of a dashboard exporting the same card get one query); a longer stream
 * (the raw events) stops being kept and is never joined. The source goes at the pace of its slowest copy
 * (`pipe` pauses it for any copy whose reader is behind), and is destroyed, which ends its query, when every
 * copy's reader has gone before the end.
 */
export class SharedStreams {
  private readonly running = new Map<string, Broadcast>();

  constructor(private readonly replayBytes: number) {}

  /** A copy of the stream in flight under `key`, or of a new one `start`ed; rejects as `start` does. */
  async join(key: string, start: () => Promise<Readable>): Promise<{ stream: Readable; joined: boolean }> {
    const running = this.running.get(key);
    const broadcast = running ?? this.begin(key, start);
    const source = await broadcast.source;
    // The stream may have grown past what is kept, or lost its readers, while this caller waited for its start.
    if (broadcast.sent === null || source.destroyed) return this.join(key, start);
    return { stream: this.copy(broadcast, source), joined: running !== undefined };
  }

  private begin(key: string, start: () => Promise<Readable>): Broadcast {
    const forget = () => {
      if (this.running.get(key) === broadcast) this.running.delete(key);
    };
    const broadcast: Broadcast = { source: start(), forget, copies: new Set(), sent: [], sentBytes: 0 };
    this.running.set(key, broadcast);
    broadcast.source.then((source) => {
      const keep = (chunk: Buffer) => {
        broadcast.sentBytes += chunk.length;
        if (broadcast.sentBytes <= this.replayBytes) return void broadcast.sent?.push(chunk);
        broadcast.sent = null;
        source.off('data', keep);
        forget();
      };
      source.on('data', keep);
      source.once('end', forget).once('close', forget);
      // A failure past the first bytes reaches every reader, as the one stream's would.
      source.once('error', (error) => broadcast.copies.forEach((copy) => copy.destroy(error)));
    }, forget);
    return broadcast;
  }

  private copy(broadcast: Broadcast, source: Readable): PassThrough {
    const copy = new PassThrough();
    broadcast.sent?.forEach((chunk) => copy.write(chunk));
    broadcast.copies.add(copy);
    copy.once('close', () => {
      broadcast.copies.delete(copy);
      if (broadcast.copies.size > 0 || source.readableEnded) return;
      broadcast.forget();
      source.destroy();
    });
    source.pipe(copy);
    return copy;
  }
}
