/**
 * What every match of a regular expression must contain, as lower-cased substrings: a list of
 * requirements, each met when the user agent holds any one of its substrings; `undefined` when
 * nothing can be proven. The edge checks them in the lower-cased user agent with plain searches
 * before it runs the expression: most of a thousand rules then cost a few `string.find` calls
 * instead of a regex execution, for every distinct user agent. Comparing in lower case only widens
 * what passes, so it holds for caseless rules too.
 *
 * Conservative by construction: within a branch, a class (other than one letter in both cases,
 * `[Ss]`), an escape that is not a plain character, an optional character or a group that may
 * repeat, be skipped or look around ends a run of plain characters, and any other group is read
 * through (`(luakit)` requires `luakit`). The longest run is one requirement; a group of
 * alternatives that must appear is another, usable only if every alternative proves something
 * (`(?:Tab|Pad)`: `tab` or `pad`); an alternation of the whole pattern is one requirement made of
 * each alternative's first. A wrong answer here would skip a rule that matches, which the accuracy
 * test against uap-core's own cases would show.
 */
export function requiredLiterals(pattern: string): string[][] | undefined {
  const branches = topLevelBranches(pattern);
  const found = branches.length > 1 ? [anyOfBranches(branches)] : requirementsOf(pattern);
  // Lua's string.lower folds ASCII only: a substring with other bytes would not compare alike.
  const usable = found
    .filter((literals): literals is string[] => literals !== undefined)
    .filter((literals) => literals.every((literal) => /^[\x20-\x7e]+$/.test(literal)))
    .map((literals) => [...new Set(literals.map((literal) => literal.toLowerCase()))])
    .slice(0, MAX_REQUIREMENTS);
  return usable.length > 0 ? usable : undefined;
}

// Beyond three, another requirement rarely rejects what the first ones let through.
const MAX_REQUIREMENTS = 3;

/** One substring per alternative (each alternative's strongest requirement), or undefined if one has none. */
function anyOfBranches(branches: string[]): string[] | undefined {
  const found: string[] = [];
  for (const branch of branches) {
    const [strongest] = requirementsOf(branch);
    if (strongest === undefined) return undefined;
    found.push(...strongest);
  }
  return found;
}

/**
 * What one alternative (no `|` of its own) requires: its longest run of plain characters and the
 * alternatives of every group it must pass through, strongest (longest shortest substring) first.
 */
function requirementsOf(pattern: string): string[][] {
  let best = '';
  let run = '';
  const requirements: string[][] = [];
  const endRun = (): void => {
    if (run.length > best.length) best = run;
    run = '';
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    let literal: string | undefined;
    if (c === '\\') {
      const next = pattern[i + 1];
      // A letter or digit after a backslash is a class, an anchor or a back-reference, never itself.
      literal = next !== undefined && !/[A-Za-z0-9]/.test(next) ? next : undefined;
      i += 2;
    } else if (c === '[') {
      literal = eitherCase(pattern, i);
      i = classEnd(pattern, i);
    } else if (c === '(') {
      const group = transparentGroup(pattern, i);
      if (group !== undefined) {
        // Its characters sit in line with their neighbours': read on inside it.
        i = group;
        continue;
      }
      const required = requiredAlternatives(pattern, i);
      if (required !== undefined) requirements.push(required);
      i = groupEnd(pattern, i);
    } else if (c === ')') {
      // The end of a group read through: the run goes on.
      i += 1;
      continue;
    } else if ('.^$'.includes(c)) {
      i += 1;
    } else if ('?*+{'.includes(c) && !(c === '{' && !isQuantifier(pattern, i))) {
      // A quantifier with nothing before it in this run: it follows a group or a class.
      i = quantifierEnd(pattern, i);
      endRun();
      continue;
    } else {
      literal = c;
      i += 1;
    }
    if (literal === undefined) {
      endRun();
      i = skipQuantifier(pattern, i).end;
      continue;
    }
    const quantifier = skipQuantifier(pattern, i);
    i = quantifier.end;
    if (quantifier.optional) {
      endRun();
    } else {
      run += literal;
      // `a+` or `a{2,}` still needs the character, but what follows need not be next to one copy.
      if (quantifier.present) endRun();
    }
  }
  endRun();
  if (best.length > 0) requirements.push([best]);
  const shortest = (literals: string[]) => Math.min(...literals.map((literal) => literal.length));
  return requirements.sort((a, b) => shortest(b) - shortest(a));
}

/** The alternatives' substrings of the group opening at `at` if the group must appear, else undefined. */
function requiredAlternatives(pattern: string, at: number): string[] | undefined {
  let inside = at + 1;
  if (pattern[inside] === '?') {
    if (pattern[inside + 1] !== ':') return undefined;
    inside += 2;
  }
  const end = groupEnd(pattern, at);
  if (skipQuantifier(pattern, end).optional) return undefined;
  return anyOfBranches(topLevelBranches(pattern.slice(inside, end - 1)));
}

/** The lower-case letter a class names in both cases (`[Ss]`, `[sS]`), else undefined. */
function eitherCase(pattern: string, at: number): string | undefined {
  const match = /^\[([A-Za-z])([A-Za-z])\]/.exec(pattern.slice(at));
  if (match === null || match[1] === match[2] || match[1].toLowerCase() !== match[2].toLowerCase()) {
    return undefined;
  }
  return match[1].toLowerCase();
}

/** The pattern split at its own `|`, outside groups and classes. */
function topLevelBranches(pattern: string): string[] {
  const branches: string[] = [];
  let from = 0;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '|') {
      branches.push(pattern.slice(from, i));
      from = i + 1;
      i += 1;
    } else if (c === '\\') i += 2;
    else if (c === '[') i = classEnd(pattern, i);
    else if (c === '(') i = groupEnd(pattern, i);
    else i += 1;
  }
  branches.push(pattern.slice(from));
  return branches;
}

/**
 * Where to read on inside the group opening at `at` if its contents must appear exactly once, in
 * line with what surrounds it: a capturing or `(?:` group, no quantifier after it, no alternation
 * of its own. Otherwise undefined.
 */
function transparentGroup(pattern: string, at: number): number | undefined {
  let inside = at + 1;
  if (pattern[inside] === '?') {
    if (pattern[inside + 1] !== ':') return undefined;
    inside += 2;
  }
  const end = groupEnd(pattern, at);
  if (skipQuantifier(pattern, end).present) return undefined;
  if (topLevelBranches(pattern.slice(inside, end - 1)).length > 1) return undefined;
  return inside;
}

function isQuantifier(pattern: string, at: number): boolean {
  return /^\{\d+(,\d*)?\}/.test(pattern.slice(at));
}

/** Where a quantifier starting at `at` ends (lazy `?` and possessive `+` suffixes included). */
function quantifierEnd(pattern: string, at: number): number {
  let end = pattern[at] === '{' ? pattern.indexOf('}', at) + 1 : at + 1;
  if (pattern[end] === '?' || pattern[end] === '+') end += 1;
  return end;
}

function skipQuantifier(pattern: string, at: number): { end: number; present: boolean; optional: boolean } {
  const c = pattern[at];
  if (c === '?' || c === '*') return { end: quantifierEnd(pattern, at), present: true, optional: true };
  if (c === '+') return { end: quantifierEnd(pattern, at), present: true, optional: false };
  if (c === '{' && isQuantifier(pattern, at)) {
    const min = Number(/^\{(\d+)/.exec(pattern.slice(at))![1]);
    return { end: quantifierEnd(pattern, at), present: true, optional: min === 0 };
  }
  return { end: at, present: false, optional: false };
}

/** The index after the character class opening at `at` (`[]a]` and `[^]a]` hold a literal `]`). */
function classEnd(pattern: string, at: number): number {
  let i = at + 1;
  if (pattern[i] === '^') i += 1;
  if (pattern[i] === ']') i += 1;
  while (i < pattern.length && pattern[i] !== ']') {
    i += pattern[i] === '\\' ? 2 : 1;
  }
  return i + 1;
}

/** The index after the group opening at `at`, past nested groups, classes and escapes. */
function groupEnd(pattern: string, at: number): number {
  let depth = 0;
  let i = at;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '[') {
      i = classEnd(pattern, i);
      continue;
    }
    if (c === '(') depth += 1;
    if (c === ')') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
    i += 1;
  }
  throw new Error(`unbalanced group in ${pattern}`);
}
