import { useSession } from '../auth/session';
import { useAction } from './useAction';

/**
 * A report as a CSV file: `fetchCsv` asks the API for it (`format=csv`) with the access token, and the browser
 * saves the answer as `fileName`. `error` says what failed, for an alert beside the button.
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
