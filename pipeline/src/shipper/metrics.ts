import { createServer, type Server } from 'node:http';

/** Where the shipper is against the edge's files: bytes not yet acknowledged, and how old they are. */
export interface Lag {
  bytes: number;
  seconds: number;
}

/**
 * The shipper's throughput and lag in Prometheus' text format, like the edge's and Vector's
 * exporters: counters kept as the shipper works, lag measured when scraped.
 */
export class ShipperMetrics {
  rowsShipped = 0;
  batchesShipped = 0;
  deadLetters = 0;
  /** Dead letters deleted by SHIPPER_DEAD_LETTER_MAX_SIZE. */
  deadLettersDropped = 0;
  /** Rotated NDJSON files deleted once wholly acknowledged. */
  filesDeleted = 0;
  rowsRefused = 0;
  insertFailures = 0;
  /** Every line written to the input files before this time (ms) is in ClickHouse or dead-lettered. */
  acknowledgedThroughMs = 0;

  constructor(private readonly lag: () => Lag) {}

  render(): string {
    const { bytes, seconds } = this.lag();
    const metric = (name: string, type: 'counter' | 'gauge', help: string, value: number) =>
      `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`;
    return (
      metric('sluice_shipper_rows_total', 'counter', 'Rows ClickHouse acknowledged.', this.rowsShipped) +
      metric(
        'sluice_shipper_batches_total',
        'counter',
        'Batches ClickHouse acknowledged.',
        this.batchesShipped,
      ) +
      metric(
        'sluice_shipper_dead_letters_total',
        'counter',
        'Lines written to the dead-letter file.',
        this.deadLetters,
      ) +
      metric(
        'sluice_shipper_dead_letters_dropped_total',
        'counter',
        'Dead letters deleted, oldest first, to keep the dead-letter files under SHIPPER_DEAD_LETTER_MAX_SIZE.',
        this.deadLettersDropped,
      ) +
      metric(
        'sluice_shipper_files_deleted_total',
        'counter',
        'Rotated NDJSON files deleted once ClickHouse acknowledged all of them.',
        this.filesDeleted,
      ) +
      metric(
        'sluice_shipper_rows_refused_total',
        'counter',
        'Rows ClickHouse refused (a parse or type error, a column the table lacks), dead-lettered with its reason.',
        this.rowsRefused,
      ) +
      metric(
        'sluice_shipper_insert_failures_total',
        'counter',
        'Inserts ClickHouse refused or never answered (each retried).',
        this.insertFailures,
      ) +
      metric('sluice_shipper_lag_bytes', 'gauge', 'Bytes of the edge files not yet acknowledged.', bytes) +
      metric(
        'sluice_shipper_lag_seconds',
        'gauge',
        'Age of the oldest line not yet acknowledged (0 when caught up).',
        seconds,
      ) +
      metric(
        'sluice_shipper_acknowledged_through_seconds',
        'gauge',
        'Unix time before which every line written to the input files is in ClickHouse or dead-lettered (0: not yet known).',
        this.acknowledgedThroughMs / 1000,
      ) +
      metric(
        'sluice_shipper_resident_memory_bytes',
        'gauge',
        'Resident set size of the shipper.',
        process.memoryUsage.rss(),
      )
    );
  }

  /** Serves GET /metrics until the server is closed. */
  async serve(host: string, port: number): Promise<Server> {
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(this.render());
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
    return server;
  }
}
