import { ChangePasswordForm } from './ChangePasswordForm';
import { TwoFactorCard } from './TwoFactorCard';

/** The signed-in user's own sign-in settings. */
export function AccountPage() {
  return (
    <section className="page-column">
      <ChangePasswordForm />
      <TwoFactorCard />
    </section>
  );
}
