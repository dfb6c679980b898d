import { useState } from 'react';
import { MAX_SIGNING_SECRETS } from '../../../config/src/sites-file.js';
import { useSession } from '../auth/session';
import { ConfirmedDelete } from '../shared/ConfirmedDelete';
import { CopyButton } from '../shared/CopyButton';
import { ErrorNotice } from '../shared/ErrorNotice';
import { useAction } from '../shared/useAction';
import { addSigningSecret, revokeSigningSecret, type Site } from './api';

/**
 * A site's signing secrets, for its own servers' event batches (README, "Server-side events"): a new one is
 * shown once, to copy into the servers' settings; two at once while the servers change over; each revoked by
 * its id, after which the edge refuses batches signed with it within seconds.
 */
export function SigningSecrets({ site, onChanged }: { site: Site; onChanged: () => void }) {
  const { accessToken = '' } = useSession();
  const [made, setMade] = useState<string>();
  const add = useAction(
    () => addSigningSecret(accessToken, site.id),
    ({ secret }) => {
      setMade(secret);
      onChanged();
    },
  );
  const full = site.signingSecretIds.length >= MAX_SIGNING_SECRETS;
  return (
    <section className="signing-secrets" aria-label="Signing secrets">
      <h3>Server-side events</h3>
      <p>
        Your servers sign the event batches they send with a secret of the site. Up to {MAX_SIGNING_SECRETS}{' '}
        at once, so that you can bring in a new one before revoking the old.
      </p>
      {site.signingSecretIds.length === 0 ? (
        <p>No signing secret yet.</p>
      ) : (
        <ul className="signing-secret-list">
          {site.signingSecretIds.map((id) => (
            <SigningSecretRow key={id} site={site} id={id} onRevoked={onChanged} />
          ))}
        </ul>
      )}
      {made && (
        <p role="status" className="signing-secret-made">
          The new secret, shown this once: <code className="secret-text">{made}</code>{' '}
          <CopyButton text={made} what="the new secret" />
        </p>
      )}
      <button type="button" disabled={full || add.busy} onClick={() => void add.run()}>
        New signing secret
      </button>
      <ErrorNotice message={add.error} />
    </section>
  );
}

function SigningSecretRow({ site, id, onRevoked }: { site: Site; id: string; onRevoked: () => void }) {
  const { accessToken = '' } = useSession();
  const revoke = useAction(() => revokeSigningSecret(accessToken, site.id, id), onRevoked);
  return (
    <li>
      <code>{id}</code> <ConfirmedDelete what={`the signing secret ${id}`} remove={revoke} />
    </li>
  );
}
