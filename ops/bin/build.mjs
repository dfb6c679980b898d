// `npm run build`: every workspace, in dependency order.
import { ensureNodeRuntime } from './node-runtime.mjs';
import { build } from './workspace.mjs';

await ensureNodeRuntime();

build();
