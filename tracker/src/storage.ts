/** Which Web Storage: `localStorage` outlives the visit, `sessionStorage` ends with the tab. */
type Area = 'localStorage' | 'sessionStorage';

/** Serves pages where storage is blocked (privacy settings, sandboxed frames) for as long as they live. */
const memory: Record<string, string | null> = {};

/**
 * Reads a key (no `value`), or writes it (`null` removes it). Where Web Storage is unavailable or
 * full, a copy in memory answers for the rest of the page.
 */
export function stored(area: Area, key: string, value?: string | null): string | undefined {
  try {
    const storage = window[area];
    if (value === undefined) return storage.getItem(key) ?? undefined;
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // Safe to swallow: the copy in memory below (or read here) stands in for the storage.
    if (value === undefined) return memory[area + key] ?? undefined;
  }
  memory[area + key] = value ?? null;
}
