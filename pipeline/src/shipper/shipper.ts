import type { ClickHouseClient } from '@clickhouse/client';
import { rowProblems, type EventRow } from '@sluice/config';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { clickhouseClient } from '../clickhouse-target';
import { Checkpoint, type Positions } from './checkpoint';
import { insertUntilAcknowledged } from './clickhouse-sink';
import type { ShipperConfig } from './config';
import { appendDurably } from './durable-file';
import { listInputFiles, readLines } from './ndjson-files';

const IDLE_POLL_MS = 100;
const READ_BUFFER_BYTES = 8 << 20;

interface Batch {
  rows: EventRow[];
  deadLetters: string[];
  startedAt: number;
}

/**
 * Tails the edge's NDJSON files into ClickHouse, at least once: a batch's positions are written to
 * the checkpoint only after ClickHouse acknowledged it, so a crash at any moment re-sends (never
 * skips) lines, and the re-sent rows keep their event ids.
 */
export class Shipper {
  private readonly client: ClickHouseClient;
  private readonly checkpoint: Checkpoint;
  private readonly deadLetterPath: string;
  private readonly buffer = Buffer.alloc(READ_BUFFER_BYTES);
  /** Acknowledged positions (what the checkpoint holds). */
  private committed: Positions;
  /** Positions read ahead of the checkpoint, into the batch being built. */
  private reading: Positions;
  private stopping = false;
  private shipped = 0;
  private lastReport = { at: Date.now(), shipped: 0 };

  constructor(
    private readonly config: ShipperConfig,
    private readonly log: (line: string) => void = console.log,
  ) {
    mkdirSync(config.stateDir, { recursive: true });
    this.client = clickhouseClient(config.clickhouse);
    this.checkpoint = new Checkpoint(config.stateDir);
    this.deadLetterPath = join(config.stateDir, 'dead-letter.ndjson');
    this.committed = this.checkpoint.load();
    this.reading = structuredClone(this.committed);
  }

  stop(): void {
    this.stopping = true;
  }

  async run(): Promise<void> {
    this.log(
      `Shipping ${this.config.inputDir}/*.ndjson* to ClickHouse ${this.config.clickhouse.database}.events`,
    );
    let batch = this.newBatch();
    while (!this.stopping) {
      const readAny = this.fill(batch);
      const pending = batch.rows.length + batch.deadLetters.length;
      const full = batch.rows.length >= this.config.batchMaxEvents;
      const waitedEnough = Date.now() - batch.startedAt >= this.config.batchMaxWaitMs;
      if (pending > 0 && (full || waitedEnough)) {
        if (!(await this.commit(batch))) break;
        batch = this.newBatch();
      } else if (!readAny) {
        await sleep(IDLE_POLL_MS);
      }
      this.report();
    }
    await this.client.close();
    this.log('Shipper stopped; checkpoint saved at the last acknowledged batch.');
  }

  private newBatch(): Batch {
    return { rows: [], deadLetters: [], startedAt: Date.now() };
  }

  /** Adds complete lines to the batch, oldest file first. Returns whether anything was read. */
  private fill(batch: Batch): boolean {
    let readAny = false;
    const files = listInputFiles(this.config.inputDir);
    for (const file of files) {
      const room = this.config.batchMaxEvents - batch.rows.length;
      if (room <= 0) break;
      let offset = this.reading[file.id]?.offset ?? 0;
      if (offset > file.size) {
        this.log(`${file.path} shrank below the shipped position: reading it again from the start`);
        offset = 0;
      }
      if (offset === file.size) continue;
      const { lines, nextOffset } = readLines(file.path, offset, room, this.buffer);
      if (lines.length === 0) continue;
      if (batch.rows.length === 0 && batch.deadLetters.length === 0) batch.startedAt = Date.now();
      for (const line of lines) this.classify(line.text, file.path, line.offset, batch);
      this.reading[file.id] = { path: file.path, offset: nextOffset };
      readAny = true;
    }
    // Files that are gone (cleaned up after rotation) leave the checkpoint.
    const present = new Set(files.map((file) => file.id));
    for (const id of Object.keys(this.reading)) if (!present.has(id)) delete this.reading[id];
    return readAny;
  }

  /** A line that is not a contract row goes to the dead-letter file with the reason; the stream goes on. */
  private classify(text: string, path: string, offset: number, batch: Batch): void {
    let row: unknown;
    let problems: string[];
    try {
      row = JSON.parse(text);
      // Lines written before an upgrade of the edge lack the newer fields: still events to keep.
      problems = rowProblems(row, { allowOlderRows: true });
    } catch (error) {
      problems = [`not JSON: ${error instanceof Error ? error.message : String(error)}`];
    }
    if (problems.length === 0) batch.rows.push(row as EventRow);
    else
      batch.deadLetters.push(JSON.stringify({ reason: problems.join('; '), file: path, offset, line: text }));
  }

  private async commit(batch: Batch): Promise<boolean> {
    if (batch.rows.length > 0) {
      const acknowledged = await insertUntilAcknowledged(
        this.client,
        batch.rows,
        () => this.stopping,
        this.log,
      );
      if (!acknowledged) return false;
    }
    if (batch.deadLetters.length > 0) {
      appendDurably(this.deadLetterPath, batch.deadLetters.join('\n') + '\n');
      this.log(`${batch.deadLetters.length} line(s) failed the event contract: see ${this.deadLetterPath}`);
    }
    this.committed = structuredClone(this.reading);
    this.checkpoint.save(this.committed);
    this.shipped += batch.rows.length;
    return true;
  }

  private report(): void {
    const now = Date.now();
    if (now - this.lastReport.at < this.config.reportEveryMs) return;
    const rate = ((this.shipped - this.lastReport.shipped) * 1000) / (now - this.lastReport.at);
    const behind = listInputFiles(this.config.inputDir).reduce(
      (sum, file) => sum + file.size - (this.committed[file.id]?.offset ?? 0),
      0,
    );
    this.log(`shipped ${this.shipped} rows (${rate.toFixed(0)} rows/s), ${behind} bytes behind`);
    this.lastReport = { at: now, shipped: this.shipped };
  }
}
