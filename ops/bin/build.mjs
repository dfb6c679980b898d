// `npm run build`: every workspace, in dependency order, with each tool's own output.
import { ensureNodeRuntime } from './node-runtime.mjs';
import { build } from './workspace.mjs';

await ensureNodeRuntime();

build({ verbose: true });
