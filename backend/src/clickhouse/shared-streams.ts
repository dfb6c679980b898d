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

/** What a reader left behind by the others gets: its download ends unfinished, theirs goes on. */
export class FellBehind extends Error {
  constructor() {
    super('the reader fell too far behind the others reading the same stream');
  }
}

/**
 * Identical streams in flight read once (an export's CSV, as `SharedRuns` shares a report's JSON): a caller
 * who asks for what a stream under way is already sending gets a copy of it, the chunks sent before it
 * joined first. Joining is open while what was sent fits in `limitBytes` (a report's export, bounded by its
 * row limit, does: eight viewers of a dashboard exporting the same card get one query); a longer stream
 * (the raw events) stops being kept and is never joined.
 *
 * A lone reader sets the source's pace (the source pauses while its copy is full). Among several, none waits
 * for another: a copy holds what its reader has not taken yet, and one holding more than `limitBytes` is ended
 * with `FellBehind`, so a reader that stalls (a client that never reads) cannot hold up the rest. The source
 * is destroyed, which ends its query, when every copy's reader has gone before the end.
 */
export class SharedStreams {
  private readonly running = new Map<string, Broadcast>();

  constructor(private readonly limitBytes: number) {}

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
      source.on('data', (chunk: Buffer) => {
        this.keep(broadcast, chunk);
        for (const copy of broadcast.copies) this.send(broadcast, source, copy, chunk);
      });
      source.once('end', () => {
        forget();
        broadcast.copies.forEach((copy) => copy.end());
      });
      source.once('close', forget);
      // A failure past the first bytes reaches every reader, as the one stream's would.
      source.once('error', (error) => broadcast.copies.forEach((copy) => copy.destroy(error)));
    }, forget);
    return broadcast;
  }

  /** Keeps a chunk for callers still to come while the stream is short enough, and forgets it once not. */
  private keep(broadcast: Broadcast, chunk: Buffer): void {
    if (broadcast.sent === null) return;
    broadcast.sentBytes += chunk.length;
    if (broadcast.sentBytes <= this.limitBytes) return void broadcast.sent.push(chunk);
    broadcast.sent = null;
    broadcast.forget();
  }

  private send(broadcast: Broadcast, source: Readable, copy: PassThrough, chunk: Buffer): void {
    if (copy.write(chunk)) return;
    if (broadcast.copies.size === 1) {
      source.pause();
      copy.once('drain', () => source.resume());
    } else if (copy.writableLength > this.limitBytes) {
      broadcast.copies.delete(copy);
      copy.destroy(new FellBehind());
    }
  }

  private copy(broadcast: Broadcast, source: Readable): PassThrough {
    const copy = new PassThrough();
    broadcast.sent?.forEach((chunk) => copy.write(chunk));
    broadcast.copies.add(copy);
    // A lone reader may have paused the source: with two, neither waits for the other.
    if (source.isPaused()) source.resume();
    copy.once('close', () => {
      broadcast.copies.delete(copy);
      if (broadcast.copies.size === 0 && !source.readableEnded) {
        broadcast.forget();
        source.destroy();
      } else if (source.isPaused()) {
        // The reader that set the pace is gone: the others take what it held back.
        source.resume();
      }
    });
    // A stream that ended while this caller waited for its start (all of it was in `sent`).
    if (source.readableEnded) copy.end();
    return copy;
  }
}
