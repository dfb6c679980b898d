// Prints the size of each build, minified and gzipped, and fails when the full tracker is above the budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { BUILDS } from '../rollup.config.mjs';

const BUDGET_GZIP_BYTES = 3072;
/** The build with every feature: the budget is for it. */
const FULL = 's.js';

let over = 0;
for (const file of Object.keys(BUILDS)) {
  const code = readFileSync(new URL(`../dist/${file}`, import.meta.url));
  const gzipBytes = gzipSync(code, { level: 9 }).length;
  const budget = file === FULL ? ` (budget ${BUDGET_GZIP_BYTES})` : '';
  console.log(`dist/${file}: ${code.length} bytes min, ${gzipBytes} bytes min+gzip${budget}`);
  if (file === FULL) over = gzipBytes - BUDGET_GZIP_BYTES;
}
if (over > 0) {
  console.error(`dist/${FULL} is ${over} bytes over the gzip budget`);
  process.exit(1);
}
