import { AccountPage } from './auth/AccountPage';
import { ChangePasswordForm } from './auth/ChangePasswordForm';
import { SessionProvider } from './auth/SessionProvider';
import { SignInForm } from './auth/SignInForm';
import { useSession } from './auth/session';
import { useState, type ComponentType } from 'react';
import type { User } from './auth/api';
import { AuditPage } from './audit/AuditPage';
import { Dashboard } from './Dashboard';
import { SitesPage } from './sites/SitesPage';
import { UsersPage } from './users/UsersPage';

export function App() {
  return (
    <SessionProvider>
      <Panel />
    </SessionProvider>
  );
}

interface Page {
  title: string;
  view: ComponentType;
  /** Who sees the page; the API refuses the others anyway. */
  ownersOnly?: boolean;
}

const PAGES: Page[] = [
  { title: 'Dashboard', view: Dashboard },
  { title: 'Sites', view: SitesPage },
  { title: 'Users', view: UsersPage, ownersOnly: true },
  { title: 'Audit log', view: AuditPage, ownersOnly: true },
  { title: 'Account', view: AccountPage },
];

const pagesOf = (user: User) => PAGES.filter((page) => !page.ownersOnly || user.role === 'owner');

function Panel() {
  const { status, user, signOut } = useSession();
  const [page, setPage] = useState(PAGES[0]);
  const ready = user && !user.mustChangePassword;
  // The page last shown may be one the next user to sign in here does not get.
  const View = (user && pagesOf(user).includes(page) ? page : PAGES[0]).view;
  return (
    <div className="app">
      <header className="app-header">
        <h1>Sluice</h1>
        {ready && (
          <nav className="tabs">
            {pagesOf(user).map((candidate) => (
              <button
                key={candidate.title}
                type="button"
                aria-pressed={View === candidate.view}
                onClick={() => setPage(candidate)}
              >
                {candidate.title}
              </button>
            ))}
          </nav>
        )}
        {user && (
          <span className="account">
            {user.email}
            <button type="button" className="link-button" onClick={() => signOut()}>
              Sign out
            </button>
          </span>
        )}
      </header>
      <main>
        {status === 'checking' ? null : !user ? (
          <SignInForm />
        ) : user.mustChangePassword ? (
          <ChangePasswordForm firstSignIn />
        ) : (
          <View />
        )}
      </main>
    </div>
  );
}
