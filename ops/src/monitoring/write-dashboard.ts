// `npm run monitoring`: writes the Grafana dashboard the monitoring profile provisions.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../repo-root';
import { grafanaDashboard } from './dashboard';

export const DASHBOARD_FILE = join(REPO_ROOT, 'ops', 'monitoring', 'grafana', 'dashboards', 'sluice.json');

/** The file's exact text: the test compares the committed file with it. */
export function dashboardText(): string {
  return `${JSON.stringify(grafanaDashboard(), null, 2)}\n`;
}

if (require.main === module) writeFileSync(DASHBOARD_FILE, dashboardText());
