import { useEffect, useState } from 'react';

/**
 * Copies `text` to the clipboard and says so for a moment. None where the browser offers no clipboard (a
 * panel served over plain HTTP to another machine): the text is there to select.
 */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const reset = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(reset);
  }, [copied]);
  if (!navigator.clipboard) return null;
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setCopied(true),
      // Refused (no focus, no permission): nothing copied, nothing claimed.
      () => setCopied(false),
    );
  return (
    <>
      <button type="button" className="link-button" aria-label={`Copy ${what}`} onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy'}
      </button>
      <span aria-live="polite" className="visually-hidden">
        {copied ? `${what} copied` : ''}
      </span>
    </>
  );
}
