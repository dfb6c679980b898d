import { ApiTokenProvider } from './auth/ApiTokenProvider';
import { TokenForm } from './auth/TokenForm';
import { useApiToken } from './auth/api-token';
import { Dashboard } from './Dashboard';

export function App() {
  return (
    <ApiTokenProvider>
      <Panel />
    </ApiTokenProvider>
  );
}

function Panel() {
  const { token, signOut } = useApiToken();
  return (
    <div className="app">
      <header className="app-header">
        <h1>Sluice</h1>
        {token && (
          <button type="button" className="link-button" onClick={() => signOut()}>
            Sign out
          </button>
        )}
      </header>
      <main>{token ? <Dashboard /> : <TokenForm />}</main>
    </div>
  );
}
