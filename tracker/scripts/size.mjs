// Prints the size of dist/s.js, minified and gzipped, and fails above the budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_GZIP_BYTES = 3072;
const file = new URL('../dist/s.js', import.meta.url);

const code = readFileSync(file);
const gzipBytes = gzipSync(code, { level: 9 }).length;
console.log(`dist/s.js: ${code.length} bytes min, ${gzipBytes} bytes min+gzip (budget ${BUDGET_GZIP_BYTES})`);
if (gzipBytes > BUDGET_GZIP_BYTES) {
  console.error(`dist/s.js is ${gzipBytes - BUDGET_GZIP_BYTES} bytes over the gzip budget`);
  process.exit(1);
}
