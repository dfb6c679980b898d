import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_CONTRACT } from './event-contract';

/** Where the generated contract lands for readers that are not TypeScript (edge Lua, tests, Vector checks). */
export const CONTRACT_JSON_PATH = join(__dirname, '..', 'event-contract.json');

if (require.main === module) {
  writeFileSync(CONTRACT_JSON_PATH, JSON.stringify(EVENT_CONTRACT, null, 2) + '\n');
}
