/** Which Web Storage: `localStorage` (LOCAL) outlives the visit, `sessionStorage` (SESSION) ends with the tab. */
export const LOCAL = 1;
export const SESSION = 0;
type Area = typeof LOCAL | typeof SESSION;

/** Serves pages where storage is blocked (privacy settings, sandboxed frames) for as long as they live. */
const memory: Record<string, string | undefined> = {};

/**
 * Reads a key (no `value`), or writes it (`null` removes it) and returns what it holds now. Where Web
 * Storage is unavailable or full, a copy in memory answers for the rest of the page.
 */
export function stored(area: Area, key: string, value?: string | null): string | undefined {
  try {
    // Read here, inside the try: merely reading the property throws where storage is blocked.
    const storage = area ? localStorage : sessionStorage;
    if (value === undefined) return storage.getItem(key) ?? undefined;
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // Safe to swallow: the copy in memory below (or read here) stands in for the storage.
    if (value === undefined) return memory[area + key];
  }
  return (memory[area + key] = value ?? undefined);
}
