import type { ClickHouseClient } from '@clickhouse/client';
import { rowProblems } from '@sluice/config';
import { mkdirSync, unlinkSync } from 'node:fs';
import { clickhouseClient } from '../clickhouse-target';
import { Checkpoint, type Positions } from './checkpoint';
import { insertRows, pause, type Refusal } from './clickhouse-sink';
import type { ShipperConfig } from './config';
import { Batch } from './batch';
import { DeadLetterFile } from './dead-letter-file';
import { ShipperMetrics, type Lag } from './metrics';
import {
  edgeTimeAt,
  isRotated,
  listInputFiles,
  READ_CHUNK_BYTES,
  readLines,
  ROTATED_FILE_GRACE_MS,
  type InputFile,
  type Line,
} from './ndjson-files';

const IDLE_POLL_MS = 100;
/**
 * Batches sent before the oldest is acknowledged: ClickHouse parses one while the shipper reads and
 * checks the next, on different cores. Acknowledgements are still recorded in order.
 */
const MAX_IN_FLIGHT = 2;
const READ_BUFFER_BYTES = 8 << 20;
/** How often a listing of the input files is kept to measure how far the shipper has come in time. */
const LISTING_EVERY_MS = 250;
/** Listings kept while ClickHouse lags; past this the newest is replaced, which only coarsens the measure. */
const MAX_LISTINGS = 64;

/** The input files' sizes at a moment: every line written before `at` is within them. */
interface Listing {
  at: number;
  sizes: Map<string, number>;
}

/** Why a line is not a contract row (empty when it is one). */
function lineProblems({ text, tooLong }: Line): string[] {
  if (tooLong) return [`longer than ${READ_BUFFER_BYTES} bytes (only its beginning is kept here)`];
  let row: unknown;
  try {
    row = JSON.parse(text);
  } catch (error) {
    return [`not JSON: ${error instanceof Error ? error.message : String(error)}`];
  }
  return rowProblems(row);
}

/** A dead-letter line: why, and where the line is, with the line as it was read. */
function deadLetter(reason: string, { file, offset, text }: { file: string; offset: number; text: string }) {
  return JSON.stringify({ reason, file, offset, line: text });
}

/**
 * Tails the edge's NDJSON files into ClickHouse, at least once: a batch's positions are written to
 * the checkpoint only after ClickHouse acknowledged it, so a crash at any moment re-sends (never
 * skips) lines, and the re-sent rows keep their event ids. Up to MAX_IN_FLIGHT batches are sent at
 * once while the next is read and checked; the checkpoint moves in order, batch by batch.
 */
export class Shipper {
  private readonly client: ClickHouseClient;
  private readonly checkpoint: Checkpoint;
  private readonly deadLetters: DeadLetterFile;
  private readonly buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  /** Acknowledged positions (what the checkpoint holds). */
  private committed: Positions;
  /** Positions read ahead of the checkpoint, into the batch being built. */
  private reading: Positions;
  /** Files the last scan did not see; a file missing from two scans in a row is gone. */
  private missing = new Set<string>();
  /** Files the last two scans saw: one that neither saw is gone (one scan is not proof, as above). */
  private present = new Set<string>();
  private presentBefore = new Set<string>();
  /** Listings not yet wholly acknowledged, oldest first (see advanceAcknowledgedThrough). */
  private listings: Listing[] = [];
  private readonly stopping = new AbortController();
  readonly metrics = new ShipperMetrics(() => this.lag());
  /** Settles when the last batch sent is recorded (or failed): the chain that keeps records in order. */
  private lastDelivery: Promise<boolean> = Promise.resolve(true);
  private lastReport = { at: Date.now(), shipped: 0 };
  private checkpointWrites = 0;

  constructor(
    private readonly config: ShipperConfig,
    private readonly log: (line: string) => void = console.log,
  ) {
    mkdirSync(config.stateDir, { recursive: true });
    this.client = clickhouseClient(config.clickhouse, 'ingest');
    this.checkpoint = new Checkpoint(config.stateDir);
    this.deadLetters = new DeadLetterFile(config.stateDir, config.deadLetters);
    this.committed = this.checkpoint.load();
    this.reading = structuredClone(this.committed);
  }

  /** Stops reading; the lines already read get one last insert before `run` resolves. */
  stop(): void {
    this.stopping.abort();
  }

  async run(): Promise<void> {
    this.log(
      `Shipping ${this.config.inputDir}/*.ndjson* to ClickHouse ${this.config.clickhouse.database}.events`,
    );
    const stop = this.stopping.signal;
    // One batch filling, up to MAX_IN_FLIGHT sent; their buffers are reused once recorded.
    const inFlight: Array<{ batch: Batch; delivered: Promise<boolean> }> = [];
    // A batch closes once past batchMaxBytes, by at most one read.
    const capacity = this.config.batchMaxBytes + READ_CHUNK_BYTES;
    const spare = Array.from({ length: MAX_IN_FLIGHT }, () => new Batch(capacity));
    let batch = new Batch(capacity);
    while (!stop.aborted) {
      const readAny = this.fill(batch);
      const full = batch.rows >= this.config.batchMaxEvents || batch.bytes >= this.config.batchMaxBytes;
      const waitedEnough = Date.now() - batch.startedAt >= this.config.batchMaxWaitMs;
      if (batch.pending && (full || waitedEnough)) {
        if (inFlight.length >= MAX_IN_FLIGHT) {
          const oldest = inFlight.shift()!;
          const delivered = await oldest.delivered;
          oldest.batch.reset();
          spare.push(oldest.batch);
          if (!delivered) break;
        }
        inFlight.push({ batch, delivered: this.deliver(batch) });
        batch = spare.pop()!;
      } else if (!readAny) {
        await pause(IDLE_POLL_MS, stop);
      }
      this.report();
    }
    // One attempt for what was read before the stop; if ClickHouse refuses it, the next start re-reads it.
    if ((await this.lastDelivery) && batch.pending) await this.deliver(batch);
    await this.client.close();
    this.log(
      `Shipper stopped after ${this.metrics.rowsShipped} rows; checkpoint saved at the last acknowledged batch.`,
    );
  }

  /** Adds complete lines to the batch, oldest file first. Returns whether anything was read. */
  private fill(batch: Batch): boolean {
    let readAny = false;
    // Taken before the listing: a line written before this moment is within the sizes listed.
    const listedAt = Date.now();
    const files = listInputFiles(this.config.inputDir);
    this.deleteShipped(files);
    for (const file of files) {
      const room = this.config.batchMaxEvents - batch.rows;
      if (room <= 0) break;
      let offset = this.reading[file.id]?.offset ?? 0;
      if (offset > file.size) {
        this.log(`${file.path} shrank below the shipped position: reading it again from the start`);
        offset = 0;
      }
      if (offset === file.size) continue;
      const { lines, nextOffset } = readLines(file, offset, room, this.buffer);
      if (lines.length === 0) continue;
      if (!batch.pending) batch.startedAt = Date.now();
      for (const line of lines) this.classify(line, file.path, batch);
      this.reading[file.id] = { path: file.path, offset: nextOffset };
      readAny = true;
    }
    this.presentBefore = this.present;
    this.present = new Set(files.map((file) => file.id));
    this.forgetRemovedFiles(this.present);
    this.keepListing({ at: listedAt, sizes: new Map(files.map((file) => [file.id, file.size])) });
    return readAny;
  }

  private keepListing(listing: Listing): void {
    const last = this.listings.at(-1);
    if (last && listing.at - last.at < LISTING_EVERY_MS) return;
    if (this.listings.length >= MAX_LISTINGS) this.listings.pop();
    this.listings.push(listing);
    this.advanceAcknowledgedThrough();
  }

  /**
   * The contract a deletion waits on (backend/src/sites/site-deletions.ts): `acknowledgedThrough` is a
   * time before which every line written to the input files is in ClickHouse or dead-lettered. A
   * listing is passed once every file in it is acknowledged up to the size it had then, or is gone.
   */
  private advanceAcknowledgedThrough(): void {
    const gone = (id: string) => !this.present.has(id) && !this.presentBefore.has(id);
    const passed = ({ sizes }: Listing) =>
      [...sizes].every(([id, size]) => (this.committed[id]?.offset ?? 0) >= size || gone(id));
    while (this.listings.length > 0 && passed(this.listings[0]))
      this.metrics.acknowledgedThroughMs = this.listings.shift()!.at;
  }

  /**
   * Deletes the rotated files (`events.ndjson.<time>`, never the `.ndjson` file the edge writes to) that
   * ClickHouse has acknowledged to their end and that nothing has written to or renamed for ROTATED_FILE_GRACE_MS:
   * what keeps the events folder under the edge's disk budget.
   */
  private deleteShipped(files: InputFile[]): void {
    const now = Date.now();
    for (const file of files) {
      const shipped = (this.committed[file.id]?.offset ?? 0) >= file.size;
      if (!shipped || !isRotated(file.path) || now - file.changedMs < ROTATED_FILE_GRACE_MS) continue;
      try {
        unlinkSync(file.path);
        this.metrics.filesDeleted++;
      } catch (error) {
        // Renamed or deleted meanwhile (by an operator): the next scan sees what is there.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }

  /**
   * Files that are gone (cleaned up after rotation) leave the checkpoint. One scan is not proof: a
   * rename between its directory listing and its stat hides the file once, and forgetting it then
   * would re-send the whole file.
   */
  private forgetRemovedFiles(present: Set<string>): void {
    for (const id of Object.keys(this.reading)) {
      if (present.has(id)) this.missing.delete(id);
      else if (!this.missing.has(id)) this.missing.add(id);
      else {
        delete this.reading[id];
        this.missing.delete(id);
      }
    }
  }

  /** A line that is not a contract row goes to the dead-letter file with the reason; the stream goes on. */
  private classify(line: Line, file: string, batch: Batch): void {
    const problems = lineProblems(line);
    if (problems.length === 0) batch.addRow(line.text, { file, offset: line.offset });
    else
      batch.deadLetters.push(deadLetter(problems.join('; '), { file, offset: line.offset, text: line.text }));
  }

  /**
   * Seals the batch at the current read positions and sends it. Resolves true once ClickHouse took
   * every row of it that it will ever take, the rows it refuses are dead letters, every batch before
   * it is recorded too, and it is recorded; false when a stop came first.
   */
  private deliver(batch: Batch): Promise<boolean> {
    batch.positions = structuredClone(this.reading);
    const sink = {
      client: this.client,
      stop: this.stopping.signal,
      log: this.log,
      failed: () => this.metrics.insertFailures++,
    };
    const sent: Promise<Refusal[] | null> = batch.rows > 0 ? insertRows(sink, batch) : Promise.resolve([]);
    const previous = this.lastDelivery;
    this.lastDelivery = Promise.all([previous, sent]).then(([before, refused]) => {
      if (!before || refused === null) return false;
      this.record(batch, refused);
      return true;
    });
    return this.lastDelivery;
  }

  /**
   * A batch ClickHouse answered for: its dead letters (lines off the contract, then rows ClickHouse
   * refused) are written, then the checkpoint moves past it.
   */
  private record(batch: Batch, refused: Refusal[]): void {
    for (const { row, reason } of refused)
      batch.deadLetters.push(deadLetter(`ClickHouse refused the row: ${reason}`, batch.line(row)));
    if (batch.deadLetters.length > 0) {
      this.metrics.deadLettersDropped += this.deadLetters.append(batch.deadLetters);
      this.log(
        `${batch.deadLetters.length} line(s) failed the event contract or ClickHouse refused them: see ${this.deadLetters.path}`,
      );
    }
    this.committed = batch.positions;
    if (++this.checkpointWrites === this.config.crashBeforeCheckpoint) process.kill(process.pid, 'SIGKILL');
    this.checkpoint.save(this.committed);
    this.advanceAcknowledgedThrough();
    this.metrics.rowsShipped += batch.rows - refused.length;
    this.metrics.rowsRefused += refused.length;
    this.metrics.batchesShipped++;
    this.metrics.deadLetters += batch.deadLetters.length;
  }

  /**
   * Bytes of the input files past the checkpoint, and how far behind they are: the age of the
   * oldest line not yet acknowledged, by its edge time.
   */
  lag(): Lag {
    let bytes = 0;
    let oldest: number | null = null;
    for (const file of listInputFiles(this.config.inputDir)) {
      const offset = this.committed[file.id]?.offset ?? 0;
      if (file.size <= offset) continue;
      bytes += file.size - offset;
      oldest ??= edgeTimeAt(file.path, offset);
    }
    return { bytes, seconds: oldest === null ? 0 : Math.max(0, (Date.now() - oldest) / 1000) };
  }

  private report(): void {
    const now = Date.now();
    if (now - this.lastReport.at < this.config.reportEveryMs) return;
    const shipped = this.metrics.rowsShipped;
    const rate = ((shipped - this.lastReport.shipped) * 1000) / (now - this.lastReport.at);
    const { bytes, seconds } = this.lag();
    const rssMb = process.memoryUsage.rss() / 2 ** 20;
    this.log(
      `shipped ${shipped} rows (${rate.toFixed(0)} rows/s), ${bytes} bytes (${seconds.toFixed(1)} s) behind, ` +
        `RSS ${rssMb.toFixed(0)} MB`,
    );
    this.lastReport = { at: now, shipped };
  }
}
