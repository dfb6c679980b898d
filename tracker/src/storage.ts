/** Which Web Storage: `localStorage` outlives the visit, `sessionStorage` ends with the tab. */
type Area = 'localStorage' | 'sessionStorage';

/** The stored value, or undefined when there is none or storage is unavailable. */
export function readStored(area: Area, key: string): string | undefined {
  try {
    return window[area].getItem(key) ?? undefined;
  } catch {
    // Safe to swallow: storage is disabled (privacy settings, sandboxed frames); callers keep a copy in memory.
    return undefined;
  }
}

/** Stores `value`, or removes the key when it is undefined. */
export function writeStored(area: Area, key: string, value: string | undefined): void {
  try {
    if (value === undefined) window[area].removeItem(key);
    else window[area].setItem(key, value);
  } catch {
    // Safe to swallow: storage is disabled or full; the in-memory copy serves the rest of this page.
  }
}
