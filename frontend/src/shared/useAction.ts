import { useState } from 'react';

export interface Action<A extends unknown[]> {
  run(...args: A): Promise<void>;
  busy: boolean;
  /** The API's message for the last failure, cleared when the action runs again. */
  error: string | undefined;
}

/** Something the user asks for (sign in, save, delete): `perform`, then `onDone` with its result, or the error to show. */
export function useAction<A extends unknown[], R>(
  perform: (...args: A) => Promise<R>,
  onDone: (result: R) => void = () => {},
): Action<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return {
    busy,
    error,
    async run(...args) {
      setBusy(true);
      setError(undefined);
      try {
        onDone(await perform(...args));
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
      } finally {
        setBusy(false);
      }
    },
  };
}
