import { useSession } from '../auth/session';

/** Whether the signed-in user may change dashboards and links: admins and owners (the API refuses viewers). */
export function useCanEdit(): boolean {
  const { user } = useSession();
  return user?.role === 'admin' || user?.role === 'owner';
}
