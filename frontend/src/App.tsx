import { ChangePasswordForm } from './auth/ChangePasswordForm';
import { SessionProvider } from './auth/SessionProvider';
import { SignInForm } from './auth/SignInForm';
import { TwoFactorCard } from './auth/TwoFactorCard';
import { useSession } from './auth/session';
import { useState } from 'react';
import { Dashboard } from './Dashboard';
import { SitesPage } from './sites/SitesPage';

export function App() {
  return (
    <SessionProvider>
      <Panel />
    </SessionProvider>
  );
}

type Page = 'dashboard' | 'sites' | 'account';

function Panel() {
  const { status, user, signOut } = useSession();
  const [page, setPage] = useState<Page>('dashboard');
  const ready = user && !user.mustChangePassword;
  return (
    <div className="app">
      <header className="app-header">
        <h1>Sluice</h1>
        {ready && (
          <nav className="tabs">
            <button type="button" aria-pressed={page === 'dashboard'} onClick={() => setPage('dashboard')}>
              Dashboard
            </button>
            <button type="button" aria-pressed={page === 'sites'} onClick={() => setPage('sites')}>
              Sites
            </button>
            <button type="button" aria-pressed={page === 'account'} onClick={() => setPage('account')}>
              Account
            </button>
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
          <ChangePasswordForm />
        ) : page === 'sites' ? (
          <SitesPage />
        ) : page === 'account' ? (
          <TwoFactorCard />
        ) : (
          <Dashboard />
        )}
      </main>
    </div>
  );
}
