import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/** Writes (flag `w`) or appends (flag `a`) and syncs: the bytes are on disk when this returns. */
function writeSynced(path: string, flag: 'w' | 'a', contents: string): void {
  const fd = openSync(path, flag, 0o600);
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces `path` with `contents` so that a crash leaves either the old or the new file, never half of one. */
export function writeFileAtomically(path: string, contents: string): void {
  writeSynced(`${path}.tmp`, 'w', contents);
  renameSync(`${path}.tmp`, path);
}

export function appendDurably(path: string, contents: string): void {
  writeSynced(path, 'a', contents);
}
