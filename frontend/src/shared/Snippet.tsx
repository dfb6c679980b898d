import { CopyButton } from './CopyButton';
import { ScrollRegion } from './ScrollRegion';

/** Code to copy, scrolled sideways on a narrow screen rather than wrapped, with a button that copies it. */
export function Snippet({ label, text }: { label: string; text: string }) {
  return (
    <div className="snippet-box">
      <ScrollRegion className="snippet" label={label}>
        <pre>{text}</pre>
      </ScrollRegion>
      <CopyButton text={text} what={label.toLowerCase()} />
    </div>
  );
}
