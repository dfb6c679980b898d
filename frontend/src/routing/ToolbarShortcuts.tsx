import { useEffect, useRef } from 'react';
import { SHORTCUT_LIST, toolbarShortcut, type ToolbarShortcut } from './period-keys';

/** The widgets whose own keys the arrows are: a shortcut there would take them away. */
const ARROW_WIDGETS =
  '[role="tablist"], [role="radiogroup"], [role="menu"], [role="menubar"], [role="listbox"], [role="grid"], [role="tree"], [role="slider"]';

interface ToolbarShortcutsProps {
  /** A shortcut pressed (the list's own, `?`, is handled here). */
  onShortcut: (shortcut: Exclude<ToolbarShortcut, { kind: 'help' }>) => void;
}

/**
 * The report toolbar's keyboard shortcuts (period-keys.ts), listened to on the whole page, and the list of them
 * that `?` or the link opens, in a modal dialog.
 */
export function ToolbarShortcuts({ onShortcut }: ToolbarShortcutsProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The latest handler, read when a key is pressed: the listener is added once.
  const handler = useRef(onShortcut);
  handler.current = onShortcut;

  useEffect(() => {
    const listen = (event: KeyboardEvent) => {
      if (event.defaultPrevented || dialog.current?.open) return;
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
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}
