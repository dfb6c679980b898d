import { useEffect, useRef, useState } from 'react';
import { SHORTCUT_LIST, toolbarShortcut, type ToolbarShortcut } from './period-keys';
import { storeChoice, storedChoice } from '../shared/stored-choice';

/**
 * Where the reader's choice to turn the single-key shortcuts off is kept (WCAG 2.1.4: speech input can press a
 * letter by accident, so they can be turned off).
 */
const OFF_KEY = 'sluice-shortcuts-off';

/** The widgets whose own keys the arrows are: a shortcut there would take them away. */
const ARROW_WIDGETS =
  '[role="tablist"], [role="radiogroup"], [role="menu"], [role="menubar"], [role="listbox"], [role="grid"], [role="tree"], [role="slider"]';

interface ToolbarShortcutsProps {
  /** A shortcut pressed (the list's own, `?`, is handled here). */
  onShortcut: (shortcut: Exclude<ToolbarShortcut, { kind: 'help' }>) => void;
}

/**
 * The report toolbar's keyboard shortcuts (period-keys.ts), listened to on the whole page, and the list of them
 * that `?` or the link opens, in a modal dialog, where they can be turned off (kept in this browser).
 */
export function ToolbarShortcuts({ onShortcut }: ToolbarShortcutsProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The latest handler, read when a key is pressed: the listener is added once.
  const handler = useRef(onShortcut);
  handler.current = onShortcut;
  const [enabled, setEnabled] = useState(() => storedChoice(OFF_KEY) === null);
  const on = useRef(enabled);
  on.current = enabled;
  const turn = (next: boolean) => {
    storeChoice(OFF_KEY, next ? null : '1');
    setEnabled(next);
  };

  useEffect(() => {
    const listen = (event: KeyboardEvent) => {
      if (!on.current || event.defaultPrevented || dialog.current?.open) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const shortcut = toolbarShortcut({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        targetTag: target?.tagName ?? '',
        targetEditable: target?.isContentEditable ?? false,
        targetUsesArrows: target?.closest(ARROW_WIDGETS) != null,
      });
      if (!shortcut) return;
      event.preventDefault();
      if (shortcut.kind === 'help') dialog.current?.showModal();
      else handler.current(shortcut);
    };
    window.addEventListener('keydown', listen);
    return () => window.removeEventListener('keydown', listen);
  }, []);

  return (
    <>
      <button
        type="button"
        className="link-button toolbar-shortcuts"
        aria-keyshortcuts="?"
        onClick={() => dialog.current?.showModal()}
      >
        Keyboard shortcuts
      </button>
      <dialog ref={dialog} className="shortcuts-dialog" aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
        <dl>
          {SHORTCUT_LIST.map(({ keys, does }) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{does}</dd>
            </div>
          ))}
        </dl>
        <label className="shortcuts-switch">
          <input type="checkbox" checked={enabled} onChange={(event) => turn(event.target.checked)} />
          Single-key shortcuts on
        </label>
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}
