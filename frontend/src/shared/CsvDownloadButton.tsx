import { useCsvDownload } from './useCsvDownload';

interface CsvDownloadButtonProps {
  fetchCsv: (token: string) => Promise<Blob>;
  fileName: string;
  label?: string;
  /** What the file holds, for the message when it fails: "the errors". */
  what: string;
}

/** A report's CSV download as a button, and what failed beside it when it does. */
export function CsvDownloadButton({
  fetchCsv,
  fileName,
  label = 'Download CSV',
  what,
}: CsvDownloadButtonProps) {
  const download = useCsvDownload(fetchCsv, fileName);
  return (
    <>
      <button type="button" className="link-button" disabled={download.busy} onClick={download.run}>
        {label}
      </button>
      {download.error && (
        <p role="alert" className="csv-download-error">
          Could not download {what}: {download.error}
        </p>
      )}
    </>
  );
}
