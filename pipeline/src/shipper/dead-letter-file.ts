import { readdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { appendDurably } from './durable-file';

const NAME = 'dead-letter.ndjson';

export interface DeadLetterLimits {
  /** The file is closed (renamed `dead-letter.ndjson.<time>`) once it holds this many bytes. */
  rotateBytes: number;
  /** The oldest closed files are deleted while all the dead-letter files together hold more than this. */
  maxBytes: number;
}

/** The UTC time to the millisecond, in names that sort as the files were closed: 20261123T024904.123Z. */
export function fileTime(at: Date = new Date()): string {
  return at.toISOString().replace(/[-:]/g, '');
}

/**
 * The shipper's dead letters, in its state folder: appended durably to `dead-letter.ndjson`, closed by
 * size, and capped in total (the oldest closed files deleted), so a stream of bad lines can't fill the disk.
 */
export class DeadLetterFile {
  readonly path: string;

  constructor(
    private readonly dir: string,
    private readonly limits: DeadLetterLimits,
  ) {
    this.path = join(dir, NAME);
  }

  /** Appends the letters; returns how many older ones the cap deleted. */
  append(letters: string[]): number {
    appendDurably(this.path, letters.join('\n') + '\n');
    if (statSync(this.path).size < this.limits.rotateBytes) return 0;
    renameSync(this.path, `${this.path}.${fileTime()}`);
    return this.cap();
  }

  private cap(): number {
    const closed = readdirSync(this.dir)
      .filter((name) => name.startsWith(`${NAME}.`))
      .sort()
      .map((name) => ({ path: join(this.dir, name), size: statSync(join(this.dir, name)).size }));
    let total = closed.reduce((sum, file) => sum + file.size, 0);
    let dropped = 0;
    for (const file of closed) {
      if (total <= this.limits.maxBytes) break;
      dropped += readFileSync(file.path, 'utf8').split('\n').length - 1;
      unlinkSync(file.path);
      total -= file.size;
    }
    return dropped;
  }
}
