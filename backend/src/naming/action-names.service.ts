import { Injectable } from '@nestjs/common';
import { actorOf, AuditService } from '../audit/audit.service.js';
import { ClickHouseService } from '../clickhouse/clickhouse.service.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { elementName } from '../reports/query/element-name.js';
import type { User } from '../users/user.entity.js';
import type { ActionNameResponse } from './dto/action-name.dto.js';
import { heuristicName } from './heuristic-name.js';
import { elementsSql, type CandidateRow } from './naming-candidates.js';
import { NameStore } from './name-store.js';
import { NamingWorker, contextOf } from './naming-worker.js';

/**
 * People's say over action names: a name given by hand (locked: the worker never replaces it), cleared
 * back to an automatic one, or named again by the worker. The route's rule has checked access to the
 * site; an element is looked up within that site only, so another site's is a 404 like a missing one.
 */
@Injectable()
export class ActionNamesService {
  constructor(
    private readonly clickhouse: ClickHouseService,
    private readonly store: NameStore,
    private readonly worker: NamingWorker,
    private readonly audit: AuditService,
  ) {}

  async rename(user: User, siteId: number, fingerprint: string, name: string): Promise<ActionNameResponse> {
    const [element] = await this.elements(siteId, [fingerprint]);
    const given = name.trim();
    await this.store.save(siteId, fingerprint, { name: given, source: 'manual' });
    await this.audit.record(actorOf(user), 'action.rename', `site:${siteId}`, {
      fingerprint,
      name: given,
      previous: elementName(element).name,
    });
    return { fingerprint, name: given, source: 'manual' };
  }

  /** Back to automatic: the heuristic name at once, and the worker's at its next poll. */
  async clear(user: User, siteId: number, fingerprint: string): Promise<ActionNameResponse> {
    const [element] = await this.elements(siteId, [fingerprint]);
    const name = heuristicName(contextOf(element));
    await this.store.save(siteId, fingerprint, { name, source: 'heuristic' });
    this.worker.request(siteId, [fingerprint]);
    await this.audit.record(actorOf(user), 'action.name.clear', `site:${siteId}`, {
      fingerprint,
      previous: elementName(element).name,
    });
    return { fingerprint, name, source: 'heuristic' };
  }

  /** Names the elements again now (manual names stay) and answers what each is called after. */
  async rerun(user: User, siteId: number, fingerprints: string[]): Promise<ActionNameResponse[]> {
    const unique = [...new Set(fingerprints)];
    await this.elements(siteId, unique);
    await this.audit.record(actorOf(user), 'action.name.rerun', `site:${siteId}`, { fingerprints: unique });
    this.worker.request(siteId, unique);
    await this.worker.poll();
    return (await this.elements(siteId, unique)).map((row) => ({
      fingerprint: row.fingerprint,
      ...elementName(row),
    }));
  }

  /** The site's elements of these fingerprints; a 404 when any has no event of the site. */
  private async elements(siteId: number, fingerprints: string[]): Promise<CandidateRow[]> {
    const rows = await this.clickhouse.rows<CandidateRow>(elementsSql(siteId, fingerprints));
    const found = new Set(rows.map((row) => row.fingerprint));
    const missing = fingerprints.find((fingerprint) => !found.has(fingerprint));
    if (missing) throw new DomainError(ErrorCode.NotFound, `action ${missing} not found`);
    return rows;
  }
}
