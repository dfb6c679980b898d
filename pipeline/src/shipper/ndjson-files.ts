import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';

/** The edge's NDJSON file and its rotated copies (`events.ndjson`, `events.ndjson.<suffix>`). */
const NDJSON_FILE = /\.ndjson(\.|$)/;
/** A rotated copy: one the edge no longer writes to. The file it writes to ends in `.ndjson`. */
const ROTATED_FILE = /\.ndjson\.[^/]+$/;
/** Enough to tell two files apart by their first line, which holds a random event id. */
const FINGERPRINT_BYTES = 256;

export interface InputFile {
  path: string;
  /** Identity that survives a rename: inode plus a hash of the file's first bytes. */
  id: string;
  ino: number;
  size: number;
  /** When it was last written to. */
  mtimeMs: number;
  /**
   * When it was last written to or renamed (a rename changes the inode's ctime, not its mtime): a file
   * rotated now is new to its name however long ago its last line was written.
   */
  changedMs: number;
}

export const isRotated = (path: string): boolean => ROTATED_FILE.test(path);

/**
 * How long a rotated file must be left alone before it is deleted, from its rename or last write, whichever
 * is later: the edge's workers write into a renamed file until they have reopened their log (milliseconds
 * after the rename), flushing their buffers first. From the last write alone, a quiet edge's file (its last
 * line older than this) could go between its rename and that flush, and the lines flushed with it.
 */
export const ROTATED_FILE_GRACE_MS = 5000;

function fingerprint(fd: number, ino: number): string | null {
  const head = Buffer.alloc(FINGERPRINT_BYTES);
  const read = readSync(fd, head, 0, FINGERPRINT_BYTES, 0);
  const newline = head.subarray(0, read).indexOf(0x0a);
  // A file whose first line is still being written has no stable identity yet.
  if (newline < 0 && read < FINGERPRINT_BYTES) return null;
  const firstBytes = head.subarray(0, newline < 0 ? read : newline);
  return `${ino}:${createHash('sha1').update(firstBytes).digest('hex').slice(0, 16)}`;
}

/**
 * Opens `path` for reading if it is still the file `ino` (a rotation renames files while they are read,
 * and the edge then writes a new file under the old name), or returns null.
 */
function openSame(path: string, ino?: number): number | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  if (ino === undefined || fstatSync(fd).ino === ino) return fd;
  closeSync(fd);
  return null;
}

/** Input files, oldest first: rotated copies before the live file. */
export function listInputFiles(dir: string): InputFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => NDJSON_FILE.test(name));
  } catch (error) {
    // No folder yet means no events yet; any other failure must not look like "every file is gone".
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: InputFile[] = [];
  for (const name of names) {
    const path = join(dir, name);
    // What is known of a file comes from one descriptor: a rename between a stat and an open by name
    // would pair one file's inode with another's first line.
    const fd = openSame(path);
    // Renamed or removed since the listing: the next scan sees it under its new name.
    if (fd === null) continue;
    try {
      const stat = fstatSync(fd);
      const id = stat.isFile() && stat.size > 0 ? fingerprint(fd, stat.ino) : null;
      const changedMs = Math.max(stat.mtimeMs, stat.ctimeMs);
      if (id) files.push({ path, id, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, changedMs });
    } finally {
      closeSync(fd);
    }
  }
  return files.sort((a, b) => a.mtimeMs - b.mtimeMs || a.path.localeCompare(b.path));
}

/**
 * How much one read takes: about a thousand of the edge's lines. Reading a little at a time keeps the
 * lines in hand few, so they die young in V8's heap and the shipper's memory stays flat.
 */
export const READ_CHUNK_BYTES = 1 << 20;
/** Where a row's `ts` is found: the third field of every line the edge writes. */
const TS_FIELD = /"ts":"(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)"/;

/** The edge time (ms since the epoch) of the line at `offset`, or null when it has none to read. */
export function edgeTimeAt(path: string, offset: number): number | null {
  const head = Buffer.alloc(FINGERPRINT_BYTES);
  let read: number;
  try {
    const fd = openSync(path, 'r');
    try {
      read = readSync(fd, head, 0, head.length, offset);
    } finally {
      closeSync(fd);
    }
  } catch {
    return null; // rotated away meanwhile: the next scrape finds it under its new name
  }
  const ts = TS_FIELD.exec(head.toString('utf8', 0, read));
  return ts ? Date.parse(`${ts[1]}T${ts[2]}Z`) : null;
}

/** How much of an over-long line the dead-letter file keeps: enough to see what it was. */
const TOO_LONG_EXCERPT_BYTES = 1024;

export interface Line {
  text: string;
  offset: number;
  /** The line did not fit in the read buffer: `text` is only its beginning. */
  tooLong?: boolean;
}

/** Where the next newline at or after `from` is, or -1 when the file has none (yet). */
function nextNewline(fd: number, from: number, buffer: Buffer): number {
  for (let position = from; ;) {
    const read = readSync(fd, buffer, 0, buffer.length, position);
    if (read === 0) return -1;
    const at = buffer.subarray(0, read).indexOf(0x0a);
    if (at >= 0) return position + at;
    position += read;
  }
}

/**
 * Reads up to `maxLines` complete lines of `path` from `offset` into `buffer` (reused between calls;
 * the edge's lines are far shorter than it), a chunk at a time: the whole buffer only when a chunk
 * holds no complete line. A last line without its newline is left for later: the edge may still be
 * writing it. A complete line longer than the buffer (a corrupt file) comes back as its beginning,
 * marked `tooLong`, so it is dead-lettered instead of stalling the stream.
 */
export function readLines(
  file: Pick<InputFile, 'path' | 'ino'>,
  offset: number,
  maxLines: number,
  buffer: Buffer,
) {
  const fd = openSame(file.path, file.ino);
  // Renamed since it was listed: the next scan reads it under its new name, from the same position.
  if (fd === null) return { lines: [], nextOffset: offset };
  try {
    const chunk = Math.min(READ_CHUNK_BYTES, buffer.length);
    let read = readSync(fd, buffer, 0, chunk, offset);
    if (read === chunk && buffer.subarray(0, read).indexOf(0x0a) < 0)
      read += readSync(fd, buffer, read, buffer.length - read, offset + read);
    const lines: Line[] = [];
    let start = 0;
    while (lines.length < maxLines) {
      const end = buffer.subarray(start, read).indexOf(0x0a);
      if (end < 0) break;
      lines.push({ text: buffer.toString('utf8', start, start + end), offset: offset + start });
      start += end + 1;
    }
    if (lines.length === 0 && read === buffer.length) {
      const excerpt = buffer.toString('utf8', 0, TOO_LONG_EXCERPT_BYTES);
      const newline = nextNewline(fd, offset + read, buffer);
      if (newline >= 0) return { lines: [{ text: excerpt, offset, tooLong: true }], nextOffset: newline + 1 };
    }
    return { lines, nextOffset: offset + start };
  } finally {
    closeSync(fd);
  }
}
