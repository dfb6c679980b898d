import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ComponentType } from 'react';
import { Link, Redirect, Route, Switch, useLocation, useRoute, useSearch } from 'wouter';
import { AccountPage } from './auth/AccountPage';
import { ChangePasswordForm } from './auth/ChangePasswordForm';
import { SessionProvider } from './auth/SessionProvider';
import { SignInForm } from './auth/SignInForm';
import { useSession } from './auth/session';
import type { User } from './auth/api';
import { AiProviderPage } from './ai/AiProviderPage';
import { AuditPage } from './audit/AuditPage';
import { BackupsPage } from './backups/BackupsPage';
import { Dashboard } from './Dashboard';
import { SharedPage } from './dashboards/SharedPage';
import { SitesPage } from './sites/SitesPage';
import { ThemeSwitch } from './theme/ThemeSwitch';
import { queryClient } from './shared/query-client';
import { UsersPage } from './users/UsersPage';

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Switch>
        {/* A shared link's page: public, outside the signed-in panel and its session. */}
        <Route path="/shared/:token" component={SharedPage} />
        <Route>
          <SessionProvider>
            <Panel />
          </SessionProvider>
        </Route>
      </Switch>
    </QueryClientProvider>
  );
}

interface Page {
  title: string;
  /** The route's pattern; `/` also matches a site's reports (`/sites/:siteId/…`). */
  path: string;
  view: ComponentType;
  /** Who sees the page; the API refuses the others anyway. */
  ownersOnly?: boolean;
}

const PAGES: Page[] = [
  { title: 'Reports', path: '/', view: Dashboard },
  { title: 'Sites', path: '/sites', view: SitesPage },
  { title: 'Users', path: '/users', view: UsersPage, ownersOnly: true },
  { title: 'Audit log', path: '/audit', view: AuditPage, ownersOnly: true },
  { title: 'AI', path: '/ai', view: AiProviderPage, ownersOnly: true },
  { title: 'Backups', path: '/backups', view: BackupsPage, ownersOnly: true },
  { title: 'Account', path: '/account', view: AccountPage },
];

/** The routes of a site's reports, under the Reports tab. */
export const SITE_REPORT_ROUTE = '/sites/:siteId/:report';

const pagesOf = (user: User) => PAGES.filter((page) => !page.ownersOnly || user.role === 'owner');

function Panel() {
  const { status, user } = useSession();
  return (
    <div className="app">
      <Header />
      <main>
        {status === 'checking' ? null : !user ? (
          <SignInForm />
        ) : user.mustChangePassword ? (
          <ChangePasswordForm firstSignIn />
        ) : (
          <Switch>
            <Route path={SITE_REPORT_ROUTE} component={Dashboard} />
            <Route path="/sites/:siteId" component={SiteOverview} />
            {pagesOf(user).map((page) => (
              <Route key={page.path} path={page.path} component={page.view} />
            ))}
            {/* A page this user does not get (an owner's link opened by a viewer), or no page at all. */}
            <Route>
              <Redirect to="/" replace />
            </Route>
          </Switch>
        )}
      </main>
    </div>
  );
}

/** A site's address without a report (typed, or a link cut short) opens its overview, with the view it names. */
function SiteOverview({ params }: { params: { siteId: string } }) {
  const search = useSearch();
  return <Redirect to={`/sites/${params.siteId}/overview${search ? `?${search}` : ''}`} replace />;
}

/**
 * The panel's name, its pages, the theme and the account. On a phone they fold behind a Menu button (app.css),
 * which following a link folds again: unfolded, they took a third of the screen above every report.
 */
function Header() {
  const { user, signOut } = useSession();
  const ready = user && !user.mustChangePassword;
  const [location] = useLocation();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [location]);
  return (
    <header className="app-header">
      <h1>Sluice</h1>
      <button
        type="button"
        className="menu-button"
        aria-expanded={open}
        aria-controls="header-menu"
        onClick={() => setOpen((isOpen) => !isOpen)}
      >
        Menu
      </button>
      <div id="header-menu" className="header-menu" data-open={open}>
        {ready && (
          <nav className="tabs" aria-label="Pages">
            {pagesOf(user).map((page) => (
              <PageLink key={page.path} page={page} />
            ))}
          </nav>
        )}
        <div className="header-end">
          <ThemeSwitch />
          {user && (
            <span className="account">
              {user.email}
              <button type="button" className="link-button" onClick={() => signOut()}>
                Sign out
              </button>
            </span>
          )}
        </div>
      </div>
    </header>
  );
}

function PageLink({ page }: { page: Page }) {
  const [onPage] = useRoute(page.path);
  const [onSiteReport] = useRoute(SITE_REPORT_ROUTE);
  const current = onPage || (page.path === '/' && onSiteReport);
  return (
    <Link href={page.path} className="tab" aria-current={current ? 'page' : undefined}>
      {page.title}
    </Link>
  );
}
