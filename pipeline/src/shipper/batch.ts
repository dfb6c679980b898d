import type { Positions } from './checkpoint';

/** Where a row's line is in the edge's files, for its dead letter should ClickHouse refuse it. */
export interface LineSource {
  file: string;
  offset: number;
}

/**
 * One batch on its way to ClickHouse: the accepted lines as NDJSON bytes in a buffer reused from batch
 * to batch (off the V8 heap, so a batch leaves no garbage behind), where each row starts in it and came
 * from, the dead letters, and where reading stood when it was sealed (what the checkpoint may say once
 * ClickHouse acknowledged it).
 */
export class Batch {
  private buffer: Buffer;
  private length = 0;
  /**
   * Per row: where it starts in the buffer (so that a refused batch can be split by rows), and the file
   * and offset of its line. Plain arrays reused from batch to batch: no object per row.
   */
  private readonly starts: number[] = [];
  private readonly files: string[] = [];
  private readonly offsets: number[] = [];
  rows = 0;
  deadLetters: string[] = [];
  startedAt = Date.now();
  /** Set when the batch is sealed. */
  positions: Positions = {};

  /** `capacity`: what a full batch holds; only a batch of over-long lines grows past it. */
  constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  get bytes(): number {
    return this.length;
  }

  get pending(): boolean {
    return this.rows + this.deadLetters.length > 0;
  }

  /** Appends a line (without its newline) that passed the contract. */
  addRow(text: string, source: LineSource): void {
    const needed = this.length + Buffer.byteLength(text) + 1;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, Math.ceil(this.buffer.length * 1.5)));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.starts.push(this.length);
    this.files.push(source.file);
    this.offsets.push(source.offset);
    this.length += this.buffer.write(text, this.length);
    this.buffer[this.length++] = 0x0a;
    this.rows++;
  }

  /** The NDJSON of rows `from` to `to` (excluded), all by default: valid until the next reset. */
  body(from = 0, to = this.rows): Buffer {
    return this.buffer.subarray(this.starts[from] ?? this.length, this.starts[to] ?? this.length);
  }

  /** Row `row`'s line, as it was read, and where it came from. */
  line(row: number): LineSource & { text: string } {
    const bytes = this.body(row, row + 1);
    return {
      file: this.files[row],
      offset: this.offsets[row],
      text: bytes.toString('utf8', 0, bytes.length - 1),
    };
  }

  reset(): void {
    this.length = 0;
    for (const perRow of [this.starts, this.files, this.offsets]) perRow.length = 0;
    this.rows = 0;
    this.deadLetters = [];
    this.startedAt = Date.now();
    this.positions = {};
  }
}
