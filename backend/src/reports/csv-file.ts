import type { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';

/**
 * A CSV answer as a download named after what it holds (`sluice-site-3-breakdown-2026-11-01-2026-11-30.csv`):
 * the stream is piped to the client as it comes, in chunks, never gathered.
 */
export const csvFile = (
  stream: Readable,
  siteId: number,
  kind: string,
  { from, to }: { from: string; to: string },
) =>
  new StreamableFile(stream, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="sluice-site-${siteId}-${kind}-${from}-${to}.csv"`,
  });
