/**
 * A choice kept in this browser (localStorage), where the page may keep one: a page framed by another site (an
 * embedded shared dashboard) is denied storage by browsers that block third-party storage, and merely reading
 * `localStorage` then throws. Denied or full, a choice lasts as long as the page.
 */
function localStore(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The choice kept under `key`, or null for none (or no storage). */
export function storedChoice(key: string): string | null {
  try {
    return localStore()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Keeps `value` under `key`; null forgets it. */
export function storeChoice(key: string, value: string | null): void {
  try {
    if (value === null) localStore()?.removeItem(key);
    else localStore()?.setItem(key, value);
  } catch {
    // Over the quota: the choice lasts as long as the page.
  }
}
