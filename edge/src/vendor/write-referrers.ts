import { writeFileSync } from 'node:fs';
import {
  PACKAGE_LICENSE_PATH,
  packageLicense,
  REFERRERS_LUA_PATH,
  renderReferrersLua,
} from './referrer-list';

// `npm run vendor:referrers -w edge`: writes the edge's referrer data and its package's licence.
writeFileSync(REFERRERS_LUA_PATH, renderReferrersLua());
writeFileSync(PACKAGE_LICENSE_PATH, packageLicense());
console.log(`Wrote ${REFERRERS_LUA_PATH} and ${PACKAGE_LICENSE_PATH}`);
