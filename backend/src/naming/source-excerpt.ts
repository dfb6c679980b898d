import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ElementContext } from './element-context.js';

/** Files looked at in one search, at most: a huge checkout costs a bounded walk. */
const MAX_FILES_SCANNED = 2000;
/** Larger files (bundles, data) are skipped. */
const MAX_FILE_BYTES = 256 * 1024;
/** Files quoted in one excerpt, and lines around each match. */
const MAX_FILES_QUOTED = 3;
const CONTEXT_LINES = 3;
/** The whole excerpt, in characters. */
export const MAX_EXCERPT_CHARS = 3000;
const SOURCE_FILE = /\.(html?|jsx?|tsx?|vue|svelte|astro|erb|php|twig|hbs|liquid|njk|py|rb)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'build', 'vendor', '.next', 'coverage']);
/** Terms shorter than this match too much to say anything. */
const MIN_TERM_CHARS = 3;

/** What identifies the element in source code: its id, its classes and its text. */
const termsOf = (element: ElementContext): string[] =>
  [element.id, ...element.classes.split(/\s+/), element.text]
    .map((term) => term.trim())
    .filter((term) => term.length >= MIN_TERM_CHARS);

/**
 * Lines around the first mention of the element's id, classes or text in the source files under `root`,
 * from at most a few files, bounded in size; undefined when nothing mentions it. Never reads outside
 * `root`: symbolic links are not followed, and each file's real path is checked to be inside it.
 */
export async function sourceExcerpt(root: string, element: ElementContext): Promise<string | undefined> {
  const terms = termsOf(element);
  if (terms.length === 0) return undefined;
  const realRoot = await realpath(root);
  const quoted: string[] = [];
  let scanned = 0;
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (quoted.length >= MAX_FILES_QUOTED || scanned >= MAX_FILES_SCANNED) return;
      const path = join(folder, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) await walk(path);
      else if (entry.isFile() && SOURCE_FILE.test(entry.name)) {
        scanned++;
        const excerpt = await fileExcerpt(realRoot, path, terms);
        if (excerpt) quoted.push(excerpt);
      }
    }
  };
  await walk(realRoot);
  return quoted.length > 0 ? quoted.join('\n').slice(0, MAX_EXCERPT_CHARS) : undefined;
}

/** `path`'s lines around its first line mentioning a term, headed by its path within the root. */
async function fileExcerpt(root: string, path: string, terms: string[]): Promise<string | undefined> {
  const stat = await lstat(path);
  // `readdir` said a plain file; a swap to a link since then is refused here too.
  if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
  const real = await realpath(path);
  if (!real.startsWith(root + sep)) return undefined;
  const lines = (await readFile(real, 'utf8')).split('\n');
  const at = lines.findIndex((line) => terms.some((term) => line.includes(term)));
  if (at < 0) return undefined;
  const shown = lines.slice(Math.max(0, at - CONTEXT_LINES), at + CONTEXT_LINES + 1);
  return `// ${relative(root, real)}\n${shown.join('\n')}`;
}
