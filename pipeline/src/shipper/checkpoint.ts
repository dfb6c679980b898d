import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from './durable-file';

/** How far each input file has been shipped, by file identity (not name, so a rename keeps its place). */
export type Positions = Record<string, { path: string; offset: number }>;

export class Checkpoint {
  readonly path: string;

  constructor(stateDir: string) {
    this.path = join(stateDir, 'checkpoint.json');
  }

  load(): Positions {
    if (!existsSync(this.path)) return {};
    return (JSON.parse(readFileSync(this.path, 'utf8')) as { files: Positions }).files;
  }

  /** Called only after ClickHouse acknowledged everything before these positions. */
  save(files: Positions): void {
    writeFileAtomically(this.path, JSON.stringify({ files }));
  }
}
