import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session';
import { CopyButton } from '../shared/CopyButton';
import { QueryState } from '../shared/QueryState';
import { useAction } from '../shared/useAction';
import type { Site } from '../sites/api';
import { useSitesQuery } from '../sites/useSitesQuery';
import {
  createAccount,
  deleteAccount,
  resetPassword,
  ROLES,
  updateAccount,
  type Account,
  type AccountAccess,
  type AccountWithPassword,
} from './api';
import { ErrorNotice } from '../shared/ErrorNotice';
import { TextField } from '../shared/TextField';
import { accessSummary } from './users-data';
import { useAccountsQuery } from './useAccountsQuery';

/** The owners' page: who may sign in, with which role and sites. */
export function UsersPage() {
  const accounts = useAccountsQuery();
  const sites = useSitesQuery();
  const [issued, setIssued] = useState<AccountWithPassword>();
  const issue = (answer: AccountWithPassword) => {
    setIssued(answer);
    accounts.retry();
  };
  return (
    <section className="page-column">
      {issued && <OneTimePassword issued={issued} onDismiss={() => setIssued(undefined)} />}
      <AddUserForm sites={sites.data ?? []} onCreated={issue} />
      <QueryState query={accounts} what="the users">
        {(list) =>
          list.map((account) => (
            <AccountCard
              key={account.id}
              account={account}
              sites={sites.data ?? []}
              onChanged={accounts.retry}
              onPasswordReset={issue}
            />
          ))
        }
      </QueryState>
    </section>
  );
}

function OneTimePassword({ issued, onDismiss }: { issued: AccountWithPassword; onDismiss: () => void }) {
  return (
    <div className="card" role="status" aria-label="One-time password">
      <p>
        Give {issued.user.email} this one-time password; it is shown only now, and they choose their own at
        their first sign-in: <code className="secret-text">{issued.oneTimePassword}</code>{' '}
        <CopyButton text={issued.oneTimePassword} what="the one-time password" />
      </p>
      <button type="button" onClick={onDismiss}>
        Done
      </button>
    </div>
  );
}

/** A role and, below the owner, the sites it covers. */
function AccessFields({
  access,
  sites,
  onChange,
}: {
  access: AccountAccess;
  sites: Site[];
  onChange: (access: AccountAccess) => void;
}) {
  const toggle = (siteId: number, granted: boolean) =>
    onChange({
      ...access,
      siteIds: granted ? [...access.siteIds, siteId] : access.siteIds.filter((id) => id !== siteId),
    });
  return (
    <>
      <label>
        Role
        <select
          value={access.role}
          onChange={(event) => onChange({ ...access, role: event.target.value as AccountAccess['role'] })}
        >
          {ROLES.map(({ role, description }) => (
            <option key={role} value={role}>
              {description}
            </option>
          ))}
        </select>
      </label>
      {access.role !== 'owner' && (
        <fieldset className="site-grants">
          <legend>Sites</legend>
          {sites.length === 0 && <p>No sites yet.</p>}
          {sites.map((site) => (
            <label key={site.id} className="checkbox">
              <input
                type="checkbox"
                checked={access.siteIds.includes(site.id)}
                onChange={(event) => toggle(site.id, event.target.checked)}
              />
              {site.domain}
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}

function AddUserForm({
  sites,
  onCreated,
}: {
  sites: Site[];
  onCreated: (answer: AccountWithPassword) => void;
}) {
  const { accessToken = '' } = useSession();
  const [email, setEmail] = useState('');
  const [access, setAccess] = useState<AccountAccess>({ role: 'viewer', siteIds: [] });
  const create = useAction(
    () => createAccount(accessToken, email.trim(), access),
    (answer) => {
      setEmail('');
      setAccess({ role: 'viewer', siteIds: [] });
      onCreated(answer);
    },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Add a user">
      <h2>Add a user</h2>
      <ErrorNotice message={create.error} />
      <TextField label="Email" type="email" required value={email} onChange={setEmail} />
      <AccessFields access={access} sites={sites} onChange={setAccess} />
      <button type="submit" disabled={create.busy}>
        Add user
      </button>
    </form>
  );
}

function AccountCard({
  account,
  sites,
  onChanged,
  onPasswordReset,
}: {
  account: Account;
  sites: Site[];
  onChanged: () => void;
  onPasswordReset: (answer: AccountWithPassword) => void;
}) {
  const { accessToken = '', user } = useSession();
  const [access, setAccess] = useState<AccountAccess>({ role: account.role, siteIds: account.siteIds });
  const [confirming, setConfirming] = useState(false);
  const save = useAction(() => updateAccount(accessToken, account.id, access), onChanged);
  const reset = useAction(() => resetPassword(accessToken, account.id), onPasswordReset);
  const remove = useAction(() => deleteAccount(accessToken, account.id), onChanged);
  const error = save.error ?? reset.error ?? remove.error;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  const status = [
    account.id === user?.id && 'you',
    account.mustChangePassword && 'has not chosen a password yet',
    account.totpEnabled && 'two-factor sign-in',
  ].filter(Boolean);
  return (
    <article className="card" aria-label={`User ${account.email}`}>
      <h2>
        {account.email} {status.length > 0 && <small>({status.join(', ')})</small>}
      </h2>
      <p className="access-summary">{accessSummary(account, sites)}</p>
      <ErrorNotice message={error} />
      <details className="card-settings">
        <summary>Access, password and deletion</summary>
        <form onSubmit={submit} aria-label="Access">
          <fieldset>
            <AccessFields access={access} sites={sites} onChange={setAccess} />
            <button type="submit" disabled={save.busy}>
              Save access
            </button>
          </fieldset>
        </form>
        <div className="danger-zone">
          <button type="button" disabled={reset.busy} onClick={() => void reset.run()}>
            Reset password
          </button>
          {confirming ? (
            <button type="button" className="danger" disabled={remove.busy} onClick={() => void remove.run()}>
              Really delete {account.email}
            </button>
          ) : (
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              Delete user
            </button>
          )}
        </div>
      </details>
    </article>
  );
}
