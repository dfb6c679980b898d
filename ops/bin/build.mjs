// `npm run build`: every workspace, in dependency order.
import { build } from './workspace.mjs';

build();
