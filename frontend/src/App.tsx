import { ChangePasswordForm } from './auth/ChangePasswordForm';
import { SessionProvider } from './auth/SessionProvider';
import { SignInForm } from './auth/SignInForm';
import { useSession } from './auth/session';
import { Dashboard } from './Dashboard';

export function App() {
  return (
    <SessionProvider>
      <Panel />
    </SessionProvider>
  );
}

function Panel() {
  const { status, user, signOut } = useSession();
  return (
    <div className="app">
      <header className="app-header">
        <h1>Sluice</h1>
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
        ) : (
          <Dashboard />
        )}
      </main>
    </div>
  );
}
