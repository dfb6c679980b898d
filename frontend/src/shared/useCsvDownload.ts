import { useSession } from '../auth/session';
import { useAction } from './useAction';

/**
 * A report's CSV (`format=csv`), fetched with the access token and handed to the browser as a download named
 * `fileName`: a link could not carry the token, which lives in memory only.
 */
export function useCsvDownload(fetchCsv: (token: string) => Promise<Blob>, fileName: string) {
  const { accessToken } = useSession();
  return useAction(async () => {
    const file = await fetchCsv(accessToken ?? '');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(file);
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(link.href);
  });
}
