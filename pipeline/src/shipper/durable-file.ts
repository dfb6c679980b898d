import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/** Replaces `path` with `contents` so that a crash leaves either the old or the new file, never half of one. */
export function writeFileAtomically(path: string, contents: string): void {
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** Appends and syncs: the lines are on disk when this returns. */
export function appendDurably(path: string, contents: string): void {
  const fd = openSync(path, 'a', 0o600);
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
