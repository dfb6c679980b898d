import { labelledMessage } from './error-message';

/**
 * Why the user's last action failed, announced to screen readers; nothing while there is no message.
 * `labels`: the form's labels of the fields the API's message may name (labelledMessage).
 */
export function ErrorNotice({
  message,
  labels = {},
}: {
  message: string | undefined;
  labels?: Readonly<Record<string, string>>;
}) {
  if (!message) return null;
  return (
    <p className="notice" role="alert">
      {labelledMessage(message, labels)}
    </p>
  );
}
