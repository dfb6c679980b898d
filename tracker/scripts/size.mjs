// Prints the size of each build, minified and gzipped, and fails when the full tracker is above the budget.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BUILDS } from '../rollup.config.mjs';

const BUDGET_GZIP_BYTES = 3072;
/** The build with every feature: the budget is for it. */
const FULL = 's.js';

let over = 0;
for (const file of Object.keys(BUILDS)) {
  const code = readFileSync(new URL(`../dist/${file}`, import.meta.url));
  // The larger of zlib's best and GNU gzip's default on the file (`gzip -c dist/s.js`, where installed:
  // its header also names the file): the two differ by several bytes, and the budget must hold for both.
  const gnu = spawnSync('gzip', ['-c', fileURLToPath(new URL(`../dist/${file}`, import.meta.url))]);
  const gzipBytes = Math.max(gzipSync(code, { level: 9 }).length, gnu.status === 0 ? gnu.stdout.length : 0);
  const budget = file === FULL ? ` (budget ${BUDGET_GZIP_BYTES})` : '';
  console.log(`dist/${file}: ${code.length} bytes min, ${gzipBytes} bytes min+gzip${budget}`);
  if (file === FULL) over = gzipBytes - BUDGET_GZIP_BYTES;
}
if (over > 0) {
  console.error(`dist/${FULL} is ${over} bytes over the gzip budget`);
  process.exit(1);
}
