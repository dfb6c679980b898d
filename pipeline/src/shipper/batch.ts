import type { Positions } from './checkpoint';

/**
 * One batch on its way to ClickHouse: the accepted lines as NDJSON bytes in a buffer reused from batch
 * to batch (off the V8 heap, so a batch leaves no garbage behind), the dead letters, and where reading
 * stood when it was sealed (what the checkpoint may say once ClickHouse acknowledged it).
 */
export class Batch {
  private buffer: Buffer;
  private length = 0;
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
  addRow(text: string): void {
    const needed = this.length + Buffer.byteLength(text) + 1;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, Math.ceil(this.buffer.length * 1.5)));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length);
    this.buffer[this.length++] = 0x0a;
    this.rows++;
  }

  /** The NDJSON body: valid until the next reset. */
  body(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  reset(): void {
    this.length = 0;
    this.rows = 0;
    this.deadLetters = [];
    this.startedAt = Date.now();
    this.positions = {};
  }
}
