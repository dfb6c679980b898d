import type { MigrationInterface, QueryRunner } from 'typeorm';
import { canonicalTimeZone } from '../../common/calendar.js';

/**
 * Sites' time zones as typed (`europe/berlin`) become their canonical names (`Europe/Berlin`): ICU took
 * any case, but ClickHouse needs the exact name, and the API canonicalizes from now on.
 */
export class CanonicalTimeZones1763900000006 implements MigrationInterface {
  name = 'CanonicalTimeZones1763900000006';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.driver.options.type === 'postgres';
    const sites = (await runner.query('SELECT id, timezone FROM sites')) as Array<{
      id: number;
      timezone: string;
    }>;
    for (const { id, timezone } of sites) {
      const canonical = canonicalTimeZone(timezone);
      if (canonical !== undefined && canonical !== timezone)
        await runner.query(
          `UPDATE sites SET timezone = ${postgres ? '$1' : '?'} WHERE id = ${postgres ? '$2' : '?'}`,
          [canonical, id],
        );
    }
  }

  /** Nothing to undo: canonical names are what the code before this took too, and the typed ones are gone. */
  async down(): Promise<void> {}
}
