import type { SiteStatus } from './api';
import { useSiteDeletionQuery } from './useSiteDeletionQuery';

const STAGES: Record<NonNullable<SiteStatus['stage']>, string> = {
  'stopping-intake': 'the edge stops taking its events',
  draining: 'the events already taken are being stored, so that none outlives the deletion',
  erasing: 'its data is being erased',
};

/** A site being deleted, from the answer to its deletion until all of its data is erased (minutes at most). */
export function SiteDeletionNotice({ deletion }: { deletion: SiteStatus }) {
  const { domain, status, stage } = useSiteDeletionQuery(deletion);
  return (
    <p className="card" role="status" aria-label={`Deleting ${domain}`}>
      {status === 'deleted'
        ? `${domain} is deleted with all of its data.`
        : `Deleting ${domain}: ${stage ? STAGES[stage] : 'waiting to resume'}…`}
    </p>
  );
}
